import os
from django.core.management.utils import get_random_secret_key

SECRET_KEY = "django-insecure-sntlql8*#25wb!9hlwrm#pb)o@!x)r$g4#b27#vj6w_mu)lsaf"  # want "Django secret key assigned to SECRET_KEY \"djan…\" .* startproject"
SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]  # safe: from the environment
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "9wyyikh0(9u9xr9!)g(5fn$s_#gyg6h3vfi678e^@ont!gv&1(")  # want "Django secret key assigned to DJANGO_SECRET_KEY"
SECRET_KEY = os.getenv("SECRET_KEY", "changeme-please-replace-me")  # safe: placeholder default
SECRET_KEY = get_random_secret_key()  # safe: generated at start
SECRET_KEY = "{{ secret_key }}"  # safe: template placeholder
SECRET_KEY = "<your-secret-key>"  # safe: placeholder
SECRET_KEY_FALLBACKS = [os.environ["OLD_KEY"]]  # safe: not SECRET_KEY itself
