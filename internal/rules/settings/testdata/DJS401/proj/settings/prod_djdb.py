import dj_database_url

DATABASES = {"default": dj_database_url.config(default="sqlite:///db.sqlite3")}  # safe: SQLite has no password
DATABASES["reports"] = dj_database_url.config(env="REPORTS_URL")  # safe: no default
