SECRET_KEY = "2023v5w73)q%nx5mxwq^ctja6(h=nu4-0qk8948ta(yz82ulms"  # want "Django secret key .* development"
