import os

# before anything of Expediente is imported: a WSGI server (gunicorn, mod_wsgi, uWSGI)
# imports this module with no settings named
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "expediente.settings")

from django.core.wsgi import get_wsgi_application

from expediente.chunked_bodies import read_chunked_bodies

application = read_chunked_bodies(get_wsgi_application())
