SECRET_KEY = "i+f0mq$=v%s#^(1-0y4)x4cr8bo92!&v=^-*olfkfdxf081=sd"  # safe: test settings
