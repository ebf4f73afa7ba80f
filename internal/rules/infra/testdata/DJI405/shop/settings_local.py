ALLOWED_HOSTS = ["shop.example.com"]
