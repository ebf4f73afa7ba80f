SECRET_KEY = "$#11=z%e39(8#h+(+_yn=q_x4o_ld$yp)q11fymk5f-7)&8lvu"  # safe: test settings
