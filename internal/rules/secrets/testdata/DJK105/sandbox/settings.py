DEBUG = True
SECRET_KEY = "w8!k2Jq#zP4v@9LmX7c$Rt1bN5yH0eFgD3sA6uQ"  # want "Django secret key .* meant for development"
