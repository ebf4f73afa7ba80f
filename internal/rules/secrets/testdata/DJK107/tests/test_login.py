PASSWORD = "CTfJLh1CrFflPOAo"  # safe: tests are skipped
