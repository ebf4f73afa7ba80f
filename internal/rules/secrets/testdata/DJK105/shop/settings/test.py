SECRET_KEY = ")r&6ph1)rx8+%0+f42x(5r07a%7ne#l(s_1@d+nxi@!qenj8&-"  # safe: test settings
