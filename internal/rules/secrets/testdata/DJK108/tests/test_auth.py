TOKEN = jwt.encode({"sub": 1}, "test-key", algorithm="HS256")  # safe: tests are skipped
