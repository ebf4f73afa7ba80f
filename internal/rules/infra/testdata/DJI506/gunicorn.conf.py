bind = "0.0.0.0:8000"
forwarded_allow_ips = "*"  # want "trusts X-Forwarded-Proto and X-Forwarded-For from any address: .*listens on every interface"
workers = 3
