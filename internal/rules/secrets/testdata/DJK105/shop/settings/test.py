SECRET_KEY = "-i_9cm4-c&qi$mcw(m0s51zv$#11=z%e39(8#h+(+_yn=q_x4o"  # safe: test settings
