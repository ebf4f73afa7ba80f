PASSWORD = "#Chq5Sspwwp7JDsC"  # safe: tests are skipped
