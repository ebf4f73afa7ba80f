PASSWORD = "FXQ4U8bd9^svTOMK"  # safe: tests are skipped
