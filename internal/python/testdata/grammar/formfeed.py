x = 1

def f():
        y = 1
    return y

class C:
  pass
