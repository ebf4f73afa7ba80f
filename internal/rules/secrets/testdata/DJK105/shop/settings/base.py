import os
from django.core.management.utils import get_random_secret_key

SECRET_KEY = "django-insecure-rja0cu$7t8l8bx)s8e@#8^qd6=_jccom=m6&+vm&$l%$##7#hm"  # want "Django secret key assigned to SECRET_KEY \"djan…\" .* startproject"
SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]  # safe: from the environment
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "fp-n%()=x*kr=1%8!((qog1f=69yjj5@n$_e!70j#+ne9(4^q+")  # want "Django secret key assigned to DJANGO_SECRET_KEY"
SECRET_KEY = os.getenv("SECRET_KEY", "changeme-please-replace-me")  # safe: placeholder default
SECRET_KEY = get_random_secret_key()  # safe: generated at start
SECRET_KEY = "{{ secret_key }}"  # safe: template placeholder
SECRET_KEY = "<your-secret-key>"  # safe: placeholder
SECRET_KEY_FALLBACKS = [os.environ["OLD_KEY"]]  # safe: not SECRET_KEY itself
