DATABASE_URL = "postgres://test:j!JxJSs3PDjq#CGf@db.internal.example.com/test"  # safe: tests are skipped
