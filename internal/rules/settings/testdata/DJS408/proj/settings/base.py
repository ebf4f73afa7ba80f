from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent.parent
STATIC_ROOT = BASE_DIR / "staticfiles"
MEDIA_ROOT = BASE_DIR / "staticfiles" / "uploads"  # want "MEDIA_ROOT is inside STATIC_ROOT, so uploads are served as static files"
