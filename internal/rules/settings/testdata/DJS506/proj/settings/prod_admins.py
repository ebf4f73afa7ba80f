ADMINS = [("Ops", "ops@example.com")]  # safe: errors are mailed to ADMINS
