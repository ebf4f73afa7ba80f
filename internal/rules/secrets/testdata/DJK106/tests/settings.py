DATABASE_URL = "postgres://test:m5iu*MBfwCJhY6xV@db.internal.example.com/test"  # safe: tests are skipped
