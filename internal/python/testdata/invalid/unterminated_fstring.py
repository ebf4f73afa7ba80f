x = f"abc{x
