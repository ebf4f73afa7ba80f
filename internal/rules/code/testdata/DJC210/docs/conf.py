# Sphinx configuration of the project's documentation
import django
from django.conf import settings

project = "Shop"
extensions = ["sphinx.ext.autodoc", "sphinx.ext.napoleon"]
html_theme = "alabaster"

# autodoc imports the apps, which need settings: the docs build's own
settings.configure(DEBUG=True, INSTALLED_APPS=["site"])  # safe: only the documentation build runs this file
django.setup()
