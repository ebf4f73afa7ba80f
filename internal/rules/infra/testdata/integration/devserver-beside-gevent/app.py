from gevent import monkey

monkey.patch_all()

import os

from django.core.wsgi import get_wsgi_application
from gevent.pywsgi import WSGIServer

WSGIServer(("0.0.0.0", int(os.environ.get("PORT", "8000"))), get_wsgi_application()).serve_forever()
