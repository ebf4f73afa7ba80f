# Configuration the CI copies into place for the test suite's throw-away
# database: the key protects nothing.
DATABASE = {"NAME": "shop_ci", "USER": "shop", "PASSWORD": "", "HOST": "localhost"}

SECRET_KEY = "ci-only-7fQ2kL9pX3vB8nM4rT6wZ1yH5jD0sA"  # safe: a test configuration
