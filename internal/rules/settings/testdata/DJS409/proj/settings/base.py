EMAIL_HOST = "smtp.mailgun.org"  # want "mail to smtp.mailgun.org logs in without TLS"
EMAIL_HOST_USER = "postmaster@mg.example.com"
