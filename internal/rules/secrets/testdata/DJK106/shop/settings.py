import dj_database_url

DATABASES = {"default": dj_database_url.parse("mysql://shop:1*FpjyC2HAl1-tXh@mysql.prod.example.com/shop")}  # want "MySQL password"
MONGO_URI = "mongodb+srv://analytics:DCR*X*-gE!qo3OP-M4156R!S@cluster0.ab1cd.mongodb.net/shop?retryWrites=true"  # want "MongoDB password"
CACHE_URL = "redis://default:%s@cache.example.net:6379/1" % REDIS_PASSWORD  # safe: format placeholder
DB_TEMPLATE = "postgresql://{user}:{password}@{host}/{name}"  # safe: format placeholders
EMAIL_URL = "smtp://mailer:_6HBU#zUTHfNta^p@smtp.example.com:587"  # want "SMTP password"
