DEBUG = False
SECRET_KEY = "Vb7#pQ2m!Xz9Lk4@Wt6$Nc1Rj8Hs3Fy5Ge0Du"  # want "can use it$"
