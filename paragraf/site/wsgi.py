"""WSGI application for `paragraf serve` and any WSGI server."""
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "paragraf.site.settings")
application = get_wsgi_application()
