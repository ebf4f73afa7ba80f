SECRET_KEY = "bl=4*ly*_)*v7q9rbra0nr(k&^4*7gluis=z#k$3i28o-)39$("  # want "Django secret key .* development"
