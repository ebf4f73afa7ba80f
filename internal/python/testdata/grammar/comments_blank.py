# only comments

   # indented comment

def f():
    # comment

    x = 1
        # odd comment
    return x



