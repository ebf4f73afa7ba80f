import os
from django.core.management.utils import get_random_secret_key

SECRET_KEY = "django-insecure--)39$(i+f0mq$=v%s#^(1-0y4)x4cr8bo92!&v=^-*olfkfdxf"  # want "Django secret key assigned to SECRET_KEY \"djan…\" .* startproject"
SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]  # safe: from the environment
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "081=sds^$*9g2+1gtnisvvdq%f^b@-(1@9d!b-#e#qq-!ke6g5")  # want "Django secret key given as the default of DJANGO_SECRET_KEY .* used whenever the variable is unset"
SECRET_KEY = os.getenv("SECRET_KEY", "changeme-please-replace-me")  # safe: placeholder default
SECRET_KEY = get_random_secret_key()  # safe: generated at start
SECRET_KEY = "{{ secret_key }}"  # safe: template placeholder
SECRET_KEY = "<your-secret-key>"  # safe: placeholder
SECRET_KEY = "please replace this text"  # safe: a sentence asking for the key
SECRET_KEY = "not a secret"  # safe: a sentence saying it is no key
SECRET_KEY = "your own secret key"  # safe: a sentence asking for the key
SECRET_KEY_FALLBACKS = [os.environ["OLD_KEY"]]  # safe: not SECRET_KEY itself
