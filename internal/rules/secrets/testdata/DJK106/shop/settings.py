import dj_database_url

DATABASES = {"default": dj_database_url.parse("mysql://shop:FcWPi7D!iftW5eZ-@mysql.prod.example.com/shop")}  # want "MySQL password"
MONGO_URI = "mongodb+srv://analytics:qNsmzXmxAP2bD8q8fO*lDwbJ@cluster0.ab1cd.mongodb.net/shop?retryWrites=true"  # want "MongoDB password"
CACHE_URL = "redis://default:%s@cache.example.net:6379/1" % REDIS_PASSWORD  # safe: format placeholder
DB_TEMPLATE = "postgresql://{user}:{password}@{host}/{name}"  # safe: format placeholders
EMAIL_URL = "smtp://mailer:7ZotmgJ--duKcLtH@smtp.example.com:587"  # want "SMTP password"
