"""Local development overrides. Not loaded when local.py is absent on servers."""
DEBUG = True
