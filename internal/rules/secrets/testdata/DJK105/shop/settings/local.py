SECRET_KEY = "lc7=968(#)ipjrpj-oqkif%g__qw$3ps0pfusc1b=sn#d$-rnw"  # want "Django secret key .* development"
