SECRET_KEY = "6(h=nu4-0qk8948ta(yz82ulms-i_9cm4-c&qi$mcw(m0s51zv"  # want "Django secret key .* development"
