STATIC_ROOT = "/var/www/shop/static"
MEDIA_ROOT = "/var/www/shop/media"  # safe: outside the tree and apart from STATIC_ROOT
