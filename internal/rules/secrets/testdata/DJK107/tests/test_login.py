PASSWORD = "TfJLh1CrFflPOAoX"  # safe: tests are skipped
