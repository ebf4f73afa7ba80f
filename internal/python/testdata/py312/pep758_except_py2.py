try:
    connect()
except ValueError, e:
    pass
