"""Plugins the site loads."""
