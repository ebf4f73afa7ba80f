import os

BASE_DIR = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
MEDIA_ROOT = BASE_DIR  # want "MEDIA_ROOT is the project's root folder"
