import os

AWS_ACCESS_KEY_ID = "AKIAPYCDYBK377OXTZQ6"  # want "AWS access key ID \"AKIA…\" is hard-coded"
AWS_SECRET_ACCESS_KEY = "KRrYV3CJC/BZHhm5S6xxMYHxq2B5kRP0r6UV1cZB"  # want "AWS secret access key assigned to AWS_SECRET_ACCESS_KEY"
AWS_STORAGE_BUCKET_NAME = "shop-media"  # safe: not a credential
AWS_DOCS_KEY_ID = "AKIAIOSFODNN7EXAMPLE"  # safe: the key of AWS's documentation
AWS_DOCS_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"  # safe: the secret of AWS's documentation
AWS_PLACEHOLDER_ID = "AKIAXXXXXXXXXXXXXXXX"  # safe: placeholder
AWS_SECRET_FROM_ENV = os.environ["AWS_SECRET_ACCESS_KEY"]  # safe: read from the environment
aws_secret_access_key = get_secret("3urJ1mKpWx+KA7EvZtxr")  # safe: an expression, not a literal
GOOGLE_MAPS_API_KEY = "AIzaD9Oi22Jc8FQF6cA1EZeXrddMgg1mhzLaPI8"  # want "Google API key .* restrict it"
GOOGLE_PLACEHOLDER = "AIzaYOUR_API_KEY_HERE_xxxxxxxxxxxxxxxxxxxxx"  # safe: placeholder
SOCIAL_AUTH_GOOGLE_OAUTH2_SECRET = "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"  # want "Google OAuth client secret"
TIME_ZONE = "Asia/Kolkata"  # safe: the asia keyword, no key
