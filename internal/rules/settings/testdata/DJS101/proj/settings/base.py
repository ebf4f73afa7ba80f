"""Shared settings; every style of environment lookup djsec follows."""
import os

DEBUG = os.environ.get("DJANGO_DEBUG", "True") == "True"  # want "DEBUG is True whenever DJANGO_DEBUG is unset"
