DATABASE_URL = "postgres://test:XmxAP2bD8q8fO*lD@db.internal.example.com/test"  # safe: tests are skipped
