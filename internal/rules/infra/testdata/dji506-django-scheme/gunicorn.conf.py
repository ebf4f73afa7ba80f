bind = "127.0.0.1:8000"
forwarded_allow_ips = "*"  # want "already takes the scheme from the header itself"
