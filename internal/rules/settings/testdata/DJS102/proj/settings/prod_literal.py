from .base import *  # noqa: F403

SECRET_KEY = "n4#b!v7&q2@w9e$r5t^y8u*i0o(p)a_s+d=f-g~h1j2k3l4z5x6c7v8b9n0m"  # want "SECRET_KEY is a literal in the source$"
