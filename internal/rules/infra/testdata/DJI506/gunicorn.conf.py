bind = "0.0.0.0:8000"
forwarded_allow_ips = "*"  # want "trusts X-Forwarded-Proto from any address: .*plain HTTP can pass for HTTPS; .*listens on every interface"
workers = 3
