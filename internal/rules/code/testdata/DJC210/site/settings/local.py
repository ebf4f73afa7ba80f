DEBUG = True  # safe: a settings module, checked by the settings rules
