DATABASE_URL = "postgres://test:S#KzZrADbHAj!JxJ@db.internal.example.com/test"  # safe: tests are skipped
