def ping_search():
    return "pong"
