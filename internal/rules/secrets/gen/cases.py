# ---------------- DJK101 cloud-provider-key
D="DJK101/"
a1,s1=aws_id(),aws_secret()
w(D+"shop/settings.py", f'''import os

AWS_ACCESS_KEY_ID = "{a1}"  # want "AWS access key ID \\"AKIA…\\" is hard-coded"
AWS_SECRET_ACCESS_KEY = "{s1}"  # want "AWS secret access key assigned to AWS_SECRET_ACCESS_KEY"
AWS_STORAGE_BUCKET_NAME = "shop-media"  # safe: not a credential
AWS_DOCS_KEY_ID = "AKIAIOSFODNN7EXAMPLE"  # safe: the key of AWS's documentation
AWS_DOCS_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"  # safe: the secret of AWS's documentation
AWS_PLACEHOLDER_ID = "AKIAXXXXXXXXXXXXXXXX"  # safe: placeholder
AWS_SECRET_FROM_ENV = os.environ["AWS_SECRET_ACCESS_KEY"]  # safe: read from the environment
aws_secret_access_key = get_secret("{aws_secret()[:20]}")  # safe: an expression, not a literal
GOOGLE_MAPS_API_KEY = "{google()}"  # want "Google API key .* restrict it"
GOOGLE_PLACEHOLDER = "AIzaYOUR_API_KEY_HERE_xxxxxxxxxxxxxxxxxxxxx"  # safe: placeholder
SOCIAL_AUTH_GOOGLE_OAUTH2_SECRET = "{gocspx()}"  # want "Google OAuth client secret"
TIME_ZONE = "Asia/Kolkata"  # safe: the asia keyword, no key
''')
w(D+".env", f'''AWS_ACCESS_KEY_ID={aws_id()} # want "AWS access key ID"
AWS_SECRET_ACCESS_KEY={aws_secret()} # want "AWS secret access key"
AWS_SESSION_TOKEN= # safe: empty
AWS_SECRET_ACCESS_KEY=${{AWS_SECRET}} # safe: variable reference
''')
w(D+"deploy/config.yaml", f'''storage:
  aws_access_key_id: {aws_id()} # want "AWS access key ID"
  aws_secret_access_key: "{aws_secret()}" # want "AWS secret access key"
  aws_secret_access_key_example: "<your-secret-access-key>" # safe: placeholder
azure:
  connection_string: "DefaultEndpointsProtocol=https;AccountName=shopmedia;AccountKey={azure()};EndpointSuffix=core.windows.net" # want "Azure storage account key"
  docs_connection_string: "DefaultEndpointsProtocol=https;AccountName=devstoreaccount1;AccountKey=<account-key>" # safe: placeholder
''')
w(D+"deploy/terraform.toml", f'''[aws]
access_key = "{aws_id()}" # want "AWS access key ID"
secret_access_key = "{aws_secret()}" # want "AWS secret access key"
region = "eu-west-1" # safe: not a credential
''')
w(D+"deploy/credentials.ini", f'''[default]
aws_access_key_id = {aws_id()} # want "AWS access key ID"
aws_secret_access_key = {aws_secret()} # want "AWS secret access key"

[docs]
aws_access_key_id = AKIAIOSFODNN7EXAMPLE # safe: documentation key
aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY # safe: documentation key
''')
w(D+"deploy/backup.sh", f'''#!/bin/sh
export AWS_ACCESS_KEY_ID="{aws_id()}" # want "AWS access key ID"
export AWS_SECRET_ACCESS_KEY="{aws_secret()}" # want "AWS secret access key"
export AWS_DEFAULT_REGION="$REGION" # safe: variable
aws s3 sync /var/backups s3://shop-backups/ # safe: no credential
''')
w(D+"static/js/maps.js", f'''const MAPS_KEY = "{google()}"; // want "Google API key"
const KEY_FROM_ENV = process.env.GOOGLE_MAPS_KEY; // safe: from the environment
const fontAwesome = "AIza-like-but-too-short"; // safe: too short for a key
''')
w(D+"Dockerfile", f'''FROM python:3.12-slim
ENV AWS_ACCESS_KEY_ID={aws_id()} # want "AWS access key ID"
ENV AWS_SECRET_ACCESS_KEY={aws_secret()} # want "AWS secret access key"
ARG AWS_SECRET_ACCESS_KEY # safe: a build argument, no value
''')
w(D+"tests/test_storage.py", f'''KEY = "{aws_id()}"  # want "AWS access key ID .* test or documentation"
DOCS = "AKIAIOSFODNN7EXAMPLE"  # safe: documentation key
''')
w(D+"docs/storage.md", '''Set `AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE` and <!-- safe: documentation key -->
`AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY` in the environment.
''')
nbid, nbsec = aws_id(), aws_secret()
w(D+"notebooks/export.ipynb", nb([f'import boto3\ns3 = boto3.client("s3", aws_access_key_id="{nbid}", aws_secret_access_key="{nbsec}")', 'print("AKIAIOSFODNN7EXAMPLE")']))
js_id, js_sec = aws_id(), aws_secret()
w(D+"deploy/credentials.json", json.dumps({"Version": 1, "AccessKeyId": js_id, "SecretAccessKey": js_sec, "Example": "AKIAIOSFODNN7EXAMPLE"}, indent=2)+"\n")
wantfile(D, [("notebooks/export.ipynb", nbid, "AWS access key ID"), ("notebooks/export.ipynb", nbsec, "AWS secret access key"),
             ("deploy/credentials.json", js_id, "AWS access key ID"), ("deploy/credentials.json", js_sec, "AWS secret access key")])
# ---------------- DJK102 vcs-token
D="DJK102/"
w(D+".env", f'''GITHUB_TOKEN={ghp()} # want "GitHub personal access token"
GH_FINE_GRAINED={ghpat()} # want "GitHub fine-grained personal access token"
GITHUB_TOKEN_PLACEHOLDER=ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx # safe: placeholder
GITHUB_TOKEN_ZEROS=ghp_000000000000000000000000000000000000 # safe: one repeated character
GITLAB_TOKEN={glpat()} # want "GitLab access token"
GITLAB_TOKEN_DOCS=glpat-<your-token-here> # safe: placeholder
''')
w(D+".gitlab-ci.yml", f'''variables:
  RUNNER_REGISTRATION_TOKEN: "{glrt()}" # want "GitLab runner registration token"
  TRIGGER: {glptt()} # want "GitLab pipeline trigger token"
  DEPLOY_TOKEN: $CI_DEPLOY_PASSWORD # safe: a CI variable
''')
w(D+"scripts/release.sh", f'''#!/bin/sh
curl -H "Authorization: token {ghp()}" https://api.github.com/repos/shop/shop/releases # want "GitHub personal access token"
curl -H "Authorization: token $GITHUB_TOKEN" https://api.github.com/user # safe: variable
''')
w(D+"tools/sync.py", f'''GITHUB_APP_TOKEN = "{ghs()}"  # want "GitHub OAuth or app token"
OAUTH = "{gho()}"  # want "GitHub OAuth or app token"
FORMAT_DOC = "ghp_1234567890abcdefghijklmnopqrstuvwxyz"  # safe: sequential placeholder
NOT_A_TOKEN = "graphql_ghp_settings"  # safe: the prefix inside a word
''')
w(D+"frontend/api.js", f'''const token = "{ghp()}"; // want "GitHub personal access token"
const ghpages = "ghp_pages_deploy"; // safe: too short
''')
w(D+"pyproject.toml", f'''[tool.release]
token = "{glpat()}" # want "GitLab access token"
''')
w(D+"setup.cfg", f'''[release]
github_token = {ghp()} # want "GitHub personal access token"
''')
w(D+"Dockerfile", f'''FROM python:3.12
RUN pip install git+https://{ghp()}@github.com/shop/private-lib.git # want "GitHub personal access token"
''')
w(D+".pypirc", f'''[pypi]
username = __token__
password = pypi-AgEIcHlwaS5vcmc{rs(B62+"_-", 120)} # want "PyPI API token"

[testpypi]
password = pypi-<your-token> # safe: placeholder
''')
w(D+"frontend/.npmrc", f'''//registry.npmjs.org/:_authToken=npm_{tok(36)} # want "npm access token"
//npm.pkg.github.com/:_authToken=${{NPM_TOKEN}} # safe: variable
''')
t1 = ghp()
w(D+"ci/settings.json", json.dumps({"github": {"token": t1, "placeholder": "ghp_YOUR_TOKEN_HERE"}}, indent=2)+"\n")
t2 = glpat()
w(D+"notebooks/issues.ipynb", nb([f'import gitlab\ngl = gitlab.Gitlab("https://gitlab.example.com", private_token="{t2}")']))
wantfile(D, [("ci/settings.json", t1, "GitHub personal access token"), ("notebooks/issues.ipynb", t2, "GitLab access token")])

# ---------------- DJK103 service-api-key
D="DJK103/"
w(D+"shop/settings/production.py", f'''STRIPE_SECRET_KEY = "{sk_live()}"  # want "Stripe secret key"
STRIPE_RESTRICTED_KEY = "{rk_live()}"  # want "Stripe secret key"
STRIPE_TEST_KEY = "{sk_test()}"  # want "Stripe secret key .* test-mode key"
STRIPE_PUBLISHABLE_KEY = "pk_live_{tok(24)}"  # safe: publishable keys are public
STRIPE_PLACEHOLDER = "sk_live_xxxxxxxxxxxxxxxxxxxxxxxx"  # safe: placeholder
SENDGRID_API_KEY = "{sendgrid()}"  # want "SendGrid API key"
MAILGUN_API_KEY = "{mailgun()}"  # want "Mailgun API key"
MAILGUN_WEBHOOK_SIGNING_KEY = "{mgsign()}"  # want "Mailgun key"
TWILIO_ACCOUNT_SID = "{twac()}"  # safe: an account id, not a secret
TWILIO_AUTH_TOKEN = "{hex32()}"  # want "Twilio auth token"
TWILIO_API_KEY = "{twsk()}"  # want "Twilio API key SID"
client = Client("{twac()}", "{hex32()}")  # want "Twilio auth token"
msg.send()  # safe: sg. keyword without a key
css_class = "key-{'0'*32}"  # safe: repeated characters
''')
w(D+".env", f'''SLACK_BOT_TOKEN={xoxb()} # want "Slack token"
SLACK_USER_TOKEN={xoxp()} # want "Slack token"
SLACK_WEBHOOK_URL={slackhook()} # want "Slack incoming-webhook URL"
SLACK_WEBHOOK_DOCS=https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX # safe: Slack's documentation URL
SLACK_BOT_TOKEN_TEMPLATE=xoxb-your-bot-token # safe: placeholder
''')
w(D+".env.example", f'''# A template, but someone pasted a real key into it.
STRIPE_SECRET_KEY={sk_live()} # want "Stripe secret key"
SENDGRID_API_KEY=SG.your-sendgrid-key # safe: placeholder
SLACK_BOT_TOKEN=xoxb-000000000000-0000000000000-xxxxxxxxxxxxxxxxxxxxxxxx # safe: placeholder
''')
w(D+"config/notifications.yaml", f'''slack:
  webhook: "{slackhook()}" # want "Slack incoming-webhook URL"
  app_token: xapp-1-A0{rs(string.ascii_uppercase+string.digits,9)}-{rs(string.digits,13)}-{rs(HEX,64)} # want "Slack app-level token"
sendgrid:
  api_key: "SG.xxxxxxxxxxxxxxxxxxxxxx.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" # safe: placeholder
''')
w(D+"config/billing.toml", f'''[stripe]
secret_key = "{sk_live()}" # want "Stripe secret key"
publishable_key = "pk_test_{tok(24)}" # safe: publishable
''')
w(D+"config/mail.ini", f'''[mailgun]
api_key = {mailgun()} # want "Mailgun API key"
''')
w(D+"scripts/notify.sh", f'''#!/bin/sh
curl -X POST -H 'Content-type: application/json' --data '{{"text":"deployed"}}' {slackhook()} # want "Slack incoming-webhook URL"
curl -X POST -d "$PAYLOAD" "$SLACK_WEBHOOK_URL" # safe: variable
''')
w(D+"static/js/checkout.js", f'''const stripe = Stripe("pk_live_{tok(24)}"); // safe: publishable key
const secret = "{sk_live()}"; // want "Stripe secret key"
''')
w(D+"Dockerfile", f'''FROM python:3.12
ENV SENDGRID_API_KEY={sendgrid()} # want "SendGrid API key"
''')
n1, n2 = sk_live(), sendgrid()
w(D+"notebooks/refunds.ipynb", nb([f'import stripe\nstripe.api_key = "{n1}"', f'SG = "{n2}"']))
w(D+"fixtures/stripe_webhook.json", json.dumps({"id": "evt_1", "livemode": False, "api_key": "sk_test_"+tok(24)}, indent=2)+"\n")
wantfile(D, [("notebooks/refunds.ipynb", n1, "Stripe secret key"), ("notebooks/refunds.ipynb", n2, "SendGrid API key"),
             ("fixtures/stripe_webhook.json", "sk_test_", "Stripe secret key .* test-mode key.* test or documentation file")])
# ---------------- DJK104 private-key
D="DJK104/"
rsa = pem_body("MIIEowIBAAKCAQEA", 25)
w(D+"deploy/tls/server.key", "-----BEGIN RSA PRIVATE KEY----- # want \"RSA private key \\\"MIIE…\\\" is hard-coded\"\n" + "\n".join(rsa) + "\n-----END RSA PRIVATE KEY-----\n")
ossh = pem_body("b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW", 6)
w(D+"deploy/id_ed25519", "-----BEGIN OPENSSH PRIVATE KEY----- # want \"OpenSSH private key\"\n" + "\n".join(ossh) + "\n-----END OPENSSH PRIVATE KEY-----\n")
enc = pem_body("MIIFHzBJBgkqhkiG9w0BBQ0wPDAbBgkqhkiG9w0BBQwwDgQI", 20)
w(D+"deploy/tls/backup.pem", "-----BEGIN ENCRYPTED PRIVATE KEY----- # want \"encrypted private key .* passphrase\"\n" + "\n".join(enc) + "\n-----END ENCRYPTED PRIVATE KEY-----\n")
ec = pem_body("MHcCAQEEI", 3)
w(D+"shop/payments/signing.py", '''# The webhook signing key.
SIGNING_KEY = """-----BEGIN EC PRIVATE KEY-----  # want "EC private key"
''' + "\n".join(ec) + '''
-----END EC PRIVATE KEY-----"""

PUBLIC_KEY = """-----BEGIN PUBLIC KEY-----  # safe: a public key
MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE''' + rs(B64, 52) + '''
-----END PUBLIC KEY-----"""

DOC = """-----BEGIN RSA PRIVATE KEY-----  # safe: a placeholder without a body
...
-----END RSA PRIVATE KEY-----"""
EMPTY = "-----BEGIN PRIVATE KEY-----\\n<your private key>\\n-----END PRIVATE KEY-----"  # safe: placeholder
''')
pk8 = pem_body("MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQ", 25)
sa_line_key = "-----BEGIN PRIVATE KEY-----\n" + "\n".join(pk8) + "\n-----END PRIVATE KEY-----\n"
w(D+"deploy/service-account.json", json.dumps({"type": "service_account", "project_id": "shop-prod", "private_key_id": rs(HEX,40),
   "private_key": sa_line_key, "client_email": "shop@shop-prod.iam.gserviceaccount.com"}, indent=2)+"\n")
pk8b = pem_body("MIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKgwggSkAgEAAoIBAQ", 25)
w(D+".env", 'JWT_PRIVATE_KEY="-----BEGIN PRIVATE KEY-----\\n' + "\\n".join(pk8b) + '\\n-----END PRIVATE KEY-----" # want "private key"\nJWT_PRIVATE_KEY_FILE=/run/secrets/jwt.pem # safe: a path\n')
pk8c = pem_body("MIIEvAIBADANBgkqhkiG9w0BAQEFAASCBKYwggSiAgEAAoIBAQ", 25)
w(D+"k8s/secret.yaml", '''apiVersion: v1
kind: Secret
stringData:
  tls.key: |
    -----BEGIN PRIVATE KEY----- # want "private key"
''' + "\n".join("    "+l for l in pk8c) + '''
    -----END PRIVATE KEY-----
  tls.crt: |
    -----BEGIN CERTIFICATE----- # safe: a certificate
    MIIDdzCCAl+gAwIBAgIE''' + rs(B64,44) + '''
    -----END CERTIFICATE-----
''')
w(D+"deploy/keys.toml", '''[docs]
example = "-----BEGIN OPENSSH PRIVATE KEY-----\\n...\\n-----END OPENSSH PRIVATE KEY-----" # safe: placeholder

[deploy]
ssh_key = """-----BEGIN OPENSSH PRIVATE KEY----- # want "OpenSSH private key"
''' + "\n".join(pem_body("b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW", 6)) + '''
-----END OPENSSH PRIVATE KEY-----"""
''')
w(D+"deploy/install.sh", '''#!/bin/sh
cat > ~/.ssh/id_rsa <<'KEY'
-----BEGIN RSA PRIVATE KEY----- # want "RSA private key"
''' + "\n".join(pem_body("MIIEpAIBAAKCAQEA", 25)) + '''
-----END RSA PRIVATE KEY-----
KEY
grep -q "BEGIN RSA PRIVATE KEY-----" ~/.ssh/id_rsa # safe: no key body follows on this line
''')
w(D+"static/js/sign.js", 'const key = "-----BEGIN PRIVATE KEY-----\\n' + "\\n".join(pem_body("MIIEvwIBADANBgkqhkiG9w0BAQEFAASCBKkwggSlAgEAAoIBAQ", 25)) + '\\n-----END PRIVATE KEY-----\\n"; // want "private key"\n')
w(D+"Dockerfile", '''FROM python:3.12
RUN echo "-----BEGIN OPENSSH PRIVATE KEY-----\\n''' + "\\n".join(pem_body("b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW", 6)) + '''\\n-----END OPENSSH PRIVATE KEY-----" > /root/.ssh/id_ed25519 # want "OpenSSH private key"
''')
w(D+"deploy/gpg.ini", "[signing]\nkey = -----BEGIN PGP PRIVATE KEY BLOCK----- # want \"PGP private key\"\n  Version: GnuPG v2\n\n" + "\n".join("  "+l for l in pem_body("lQOYBF", 20)) + "\n  -----END PGP PRIVATE KEY BLOCK-----\n")
w(D+"tests/fixtures/test_key.pem", "-----BEGIN RSA PRIVATE KEY----- # want \"RSA private key .* test or documentation\"\n" + "\n".join(pem_body("MIIEogIBAAKCAQEA", 25)) + "\n-----END RSA PRIVATE KEY-----\n")
nbk = pem_body("MIIEowIBAAKCAQEB", 25)
w(D+"notebooks/sign.ipynb", nb(['key = """-----BEGIN RSA PRIVATE KEY-----\n' + "\n".join(nbk) + '\n-----END RSA PRIVATE KEY-----"""']))
wantfile(D, [("deploy/service-account.json", "BEGIN PRIVATE KEY", "private key"), ("notebooks/sign.ipynb", "BEGIN RSA PRIVATE KEY", "RSA private key")])
# ---------------- DJK105 django-secret-key-literal
D="DJK105/"
w(D+"shop/settings/base.py", f'''import os
from django.core.management.utils import get_random_secret_key

SECRET_KEY = "{djinsecure()}"  # want "Django secret key assigned to SECRET_KEY \\"djan…\\" .* startproject"
SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]  # safe: from the environment
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "{djkey()}")  # want "Django secret key given as the default of DJANGO_SECRET_KEY .* used whenever the variable is unset"
SECRET_KEY = os.getenv("SECRET_KEY", "changeme-please-replace-me")  # safe: placeholder default
SECRET_KEY = get_random_secret_key()  # safe: generated at start
SECRET_KEY = "{{{{ secret_key }}}}"  # safe: template placeholder
SECRET_KEY = "<your-secret-key>"  # safe: placeholder
SECRET_KEY_FALLBACKS = [os.environ["OLD_KEY"]]  # safe: not SECRET_KEY itself
''')
w(D+"shop/settings/production.py", f'''from .base import *  # noqa

SECRET_KEY = '{djkey()}'  # want "Django secret key assigned to SECRET_KEY"
SECRET_KEY = env("SECRET_KEY", default="{djkey()}")  # want "Django secret key"
SECRET_KEY = config("SECRET_KEY")  # safe: python-decouple lookup without default
SECRET_KEY = env.str("SECRET_KEY", default="")  # safe: empty default
''')
w(D+"shop/settings/local.py", f'''SECRET_KEY = "{djkey()}"  # want "Django secret key .* development"
''')
w(D+"shop/settings/test.py", f'''SECRET_KEY = "{djkey()}"  # safe: test settings
''')
w(D+".env", f'''DJANGO_SECRET_KEY={djkey().replace("#","%")} # want "Django secret key"
SECRET_KEY=${{DJANGO_SECRET_KEY}} # safe: variable
DJANGO_SECRET_KEY_FILE=/run/secrets/django_key # safe: a path under another name
''')
w(D+"deploy/app.yaml", f'''env:
  DJANGO_SECRET_KEY: "{djkey()}" # want "Django secret key"
  SECRET_KEY: "{{{{ vault_django_secret_key }}}}" # safe: Ansible variable
''')
w(D+"deploy/settings.toml", f'''[django]
SECRET_KEY = "{djkey()}" # want "Django secret key"
''')
w(D+"deploy/uwsgi.ini", f'''[uwsgi]
env = DJANGO_SECRET_KEY={djkey().replace("#","%").replace(";","")} # want "Django secret key"
''')
w(D+"deploy/run.sh", f'''#!/bin/sh
export DJANGO_SECRET_KEY='{djkey()}' # want "Django secret key"
export DJANGO_SECRET_KEY="$(openssl rand -base64 48)" # safe: generated
''')
w(D+"Dockerfile", f'''FROM python:3.12
ENV DJANGO_SECRET_KEY="{djinsecure()}" # want "Django secret key"
RUN DJANGO_SECRET_KEY=dummy-build-only-key python manage.py collectstatic --noinput # safe: a build placeholder
''')
w(D+"static/js/config.js", f'''// The key is echoed into the page by mistake.
const DJANGO_KEY = "{djinsecure()}"; // want "Django secret key generated by startproject"
''')
w(D+"docs/install.md", f'''Put `SECRET_KEY = "{djinsecure()}"` in local settings. <!-- safe: documentation -->
''')
jk = djkey()
w(D+"deploy/secrets.json", json.dumps({"SECRET_KEY": jk, "DEBUG": False}, indent=2)+"\n")
nk = djinsecure()
w(D+"notebooks/shell.ipynb", nb([f'import os\nos.environ["DJANGO_SECRET_KEY"] = "{nk}"\nimport django\ndjango.setup()']))
wantfile(D, [("deploy/secrets.json", jk, "Django secret key"), ("notebooks/shell.ipynb", nk, "Django secret key")])

# ---------------- DJK106 credentials-in-connection-uri
D="DJK106/"
w(D+".env", f'''DATABASE_URL=postgres://shop:{pw(16)}@db.internal.example.com:5432/shop # want "PostgreSQL password in a connection URI \\"....…\\" .* as shop to db.internal.example.com"
REDIS_URL=redis://:{pw(20)}@cache.example.net:6379/0 # want "Redis password"
CELERY_BROKER_URL=amqp://shop:{pw(18)}@mq.example.net:5672/shop # want "AMQP password"
DATABASE_URL_LOCAL=postgres://postgres:postgres@localhost:5432/shop # safe: development default on localhost
BROKER_LOCAL=amqp://guest:guest@rabbitmq:5672// # safe: RabbitMQ default in compose
DATABASE_URL_TEMPLATE=postgres://shop:${{DB_PASSWORD}}@db.internal.example.com/shop # safe: variable
DATABASE_URL_DOCS=postgres://user:password@host:5432/dbname # safe: placeholder
''')
w(D+"shop/settings.py", f'''import dj_database_url

DATABASES = {{"default": dj_database_url.parse("mysql://shop:{pw(16)}@mysql.prod.example.com/shop")}}  # want "MySQL password"
MONGO_URI = "mongodb+srv://analytics:{pw(24)}@cluster0.ab1cd.mongodb.net/shop?retryWrites=true"  # want "MongoDB password"
CACHE_URL = "redis://default:%s@cache.example.net:6379/1" % REDIS_PASSWORD  # safe: format placeholder
DB_TEMPLATE = "postgresql://{{user}}:{{password}}@{{host}}/{{name}}"  # safe: format placeholders
EMAIL_URL = "smtp://mailer:{pw(16)}@smtp.example.com:587"  # want "SMTP password"
''')
w(D+"docker-compose.yml", f'''services:
  web:
    environment:
      DATABASE_URL: postgres://shop:{pw(16)}@db:5432/shop # want "PostgreSQL password .* as shop to db"
      REDIS_URL: redis://redis:6379/0 # safe: no password
      DATABASE_URL_DEV: postgres://postgres:postgres@db:5432/shop # safe: default password on a compose service
''')
w(D+"deploy/alembic.ini", f'''[alembic]
sqlalchemy.url = postgresql+psycopg2://shop:{pw(16)}@10.0.3.7/shop # want "PostgreSQL password"
''')
w(D+"deploy/app.toml", f'''[cache]
url = "rediss://:{pw(22)}@shop-cache.redis.cache.windows.net:6380/0" # want "Redis password"
''')
w(D+"deploy/backup.sh", f'''#!/bin/sh
pg_dump "postgresql://backup:{pw(16)}@db.internal.example.com/shop" > shop.sql # want "PostgreSQL password"
pg_dump "postgresql://backup:$PGPASSWORD@db.internal.example.com/shop" > shop.sql # safe: variable
''')
w(D+"requirements.txt", f'''--extra-index-url https://deploy:{pw(20)}@pypi.shop.example.com/simple/ # want "HTTP password"
django==4.2.16 # safe: no URI
''')
w(D+"static/js/socket.js", f'''const MQ = "amqps://frontend:{pw(16)}@mq.example.net/shop"; // want "AMQP password"
const DOC = "https://user:pass@example.com/"; // safe: placeholder credentials
''')
w(D+"Dockerfile", f'''FROM python:3.12
ENV DATABASE_URL=postgres://shop:{pw(16)}@db.internal.example.com/shop # want "PostgreSQL password"
''')
w(D+"tests/settings.py", f'''DATABASE_URL = "postgres://test:{pw(16)}@db.internal.example.com/test"  # safe: tests are skipped
''')
uj = pw(16)
w(D+"deploy/datasources.json", json.dumps({"primary": "mysql://reporting:"+uj+"@mysql.prod.example.com:3306/shop", "docs": "mysql://user:password@localhost/db"}, indent=2)+"\n")
un = pw(16)
w(D+"notebooks/report.ipynb", nb([f'import sqlalchemy\nengine = sqlalchemy.create_engine("postgresql://analyst:{un}@replica.example.com/shop")']))
wantfile(D, [("deploy/datasources.json", uj, "MySQL password"), ("notebooks/report.ipynb", un, "PostgreSQL password")])
# ---------------- DJK107 generic-high-entropy-secret
D="DJK107/"
w(D+"shop/settings.py", f'''import os

EMAIL_HOST_PASSWORD = "{pw(14)}"  # want "password assigned to EMAIL_HOST_PASSWORD \\"....…\\" is hard-coded"
DATABASES = {{
    "default": {{
        "ENGINE": "django.db.backends.postgresql",
        "PASSWORD": "{pw(16)}",  # want "password assigned to PASSWORD"
        "USER": "shop",  # safe: not a secret
    }},
    "replica": {{
        "PASSWORD": os.environ["REPLICA_PASSWORD"],  # safe: from the environment
    }},
}}
PAYMENT_API_KEY = "{tok(32)}"  # want "secret assigned to PAYMENT_API_KEY"
RECAPTCHA_PRIVATE_KEY = '{tok(40)}'  # want "secret assigned to RECAPTCHA_PRIVATE_KEY"
AUTH_PASSWORD_VALIDATORS = [  # safe: a setting about passwords
    {{"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"}},  # safe: a class path
]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]  # safe: not a password
PASSWORD_RESET_TIMEOUT = 259200  # safe: a number
LOGIN_URL = "/accounts/login/"  # safe
CSRF_COOKIE_NAME = "csrftoken"  # safe: a cookie name
API_TOKEN = os.getenv("API_TOKEN", "{tok(32)}")  # want "secret assigned to API_TOKEN"
SMTP_PASSWORD = os.getenv("SMTP_PASSWORD", "changeme")  # safe: placeholder default
OAUTH_CLIENT_SECRET = "your-client-secret-here"  # safe: placeholder
WEBHOOK_SECRET = "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"  # safe: placeholder
API_KEY = "%(api_key)s"  # safe: format placeholder
SESSION_TOKEN_HEADER = "HTTP_X_SESSION_TOKEN"  # safe: a header name
''')
w(D+"shop/accounts/views.py", f'''from django.contrib.auth import views as auth_views

password_reset_view = "PasswordResetConfirmView"  # safe: an identifier
password = request.POST["password"]  # safe: an expression
token = default_token_generator.make_token(user)  # safe: an expression
form = SetPasswordForm(user, data={{"new_password1": "{pw(14)}", "new_password2": pw}})  # want "password assigned to new_password1"
user.set_password("{pw(12)}")  # safe: not an assignment; a code review finds this
secret_hash = "pbkdf2_sha256$600000${tok(22)}${tok(43)}"  # safe: a password hash
template_name = "registration/password_reset_form.html"  # safe: a path
''')
w(D+".env", f'''SMTP_PASSWORD={pw(16)} # want "password assigned to SMTP_PASSWORD"
SENTRY_AUTH_TOKEN={tok(64).lower()[:32]}{tok(32)} # want "secret assigned to SENTRY_AUTH_TOKEN"
ADMIN_PASSWORD=admin # safe: too short to judge
REDIS_PASSWORD= # safe: empty
API_SECRET=${{API_SECRET}} # safe: variable
''')
w(D+"deploy/values.yaml", f'''app:
  secretKey: "{tok(40)}" # want "secret assigned to secretKey"
  dbPassword: {pw(18)} # want "password assigned to dbPassword"
  tokenUrl: https://auth.example.com/oauth/token # safe: a URL
  apiKeyRef: shop-api-key # safe: a reference by name
  password: "{{{{ .Values.db.password }}}}" # safe: template
''')
w(D+"deploy/app.toml", f'''[payments]
api_key = "{tok(32)}" # want "secret assigned to api_key"
api_key_file = "/run/secrets/payments" # safe: a path
''')
w(D+"deploy/app.ini", f'''[database]
password = {pw(16)} # want "password assigned to password"
password_file = /etc/shop/db.pass # safe: a path
''')
w(D+"deploy/deploy.sh", f'''#!/bin/sh
export REGISTRY_PASSWORD='{pw(20)}' # want "password assigned to REGISTRY_PASSWORD"
export REGISTRY_PASSWORD="$(cat /run/secrets/registry)" # safe: command substitution
docker login -u deploy -p "$REGISTRY_PASSWORD" registry.example.com # safe: variable
''')
w(D+"frontend/src/api.js", f'''const API_SECRET = "{tok(40)}"; // want "secret assigned to API_SECRET"
const config = {{ accessToken: "{tok(36)}" }}; // want "secret assigned to accessToken"
const token = localStorage.getItem("token"); // safe: an expression
const passwordField = document.querySelector("input[type=password]"); // safe: an expression
const csrfToken = getCookie("csrftoken"); // safe: an expression
''')
w(D+"Dockerfile", f'''FROM python:3.12
ENV ADMIN_PASSWORD={pw(16)} # want "password assigned to ADMIN_PASSWORD"
ENV PIP_INDEX_TOKEN_FILE=/run/secrets/pip # safe: a path
''')
w(D+"deploy/.netrc", f'''machine api.heroku.com login deploy@shop.example.com password {tok(32)} # want "password assigned to password"
machine git.heroku.com
  login deploy@shop.example.com
  password {pw(20)} # want "password assigned to password"
machine example.com login user password changeme # safe: placeholder
''')
w(D+"deploy/notes.txt", f'''Ask ops for the password {tok(16)} if the vault is down. # safe: not a .netrc file; prose
''')
w(D+"tests/test_login.py", f'''PASSWORD = "{pw(16)}"  # safe: tests are skipped
''')
w(D+"shop/fixtures/users.json", json.dumps([{"model": "auth.user", "pk": 1, "fields": {"username": "admin", "password": "pbkdf2_sha256$600000$"+tok(22)+"$"+tok(43)}}], indent=2)+"\n")
gj = tok(40)
w(D+"deploy/config.json", json.dumps({"service": {"client_secret": gj, "client_id": "shop-web", "token_endpoint": "https://auth.example.com/token"}}, indent=2)+"\n")
gn = pw(16)
w(D+"notebooks/etl.ipynb", nb([f'import psycopg\nconn = psycopg.connect(host="db.internal", user="etl", password="{gn}")', 'password = getpass.getpass()']))
wantfile(D, [("deploy/config.json", gj, "secret assigned to client_secret"), ("notebooks/etl.ipynb", gn, "password assigned to password")])

# ---------------- DJK108 jwt-secret-or-token
# Weak keys, spelled so that this file does not hold them as literals.
WEAK = ["sec" + "ret", "shop" + "-jwt-key", "test" + "-key"]
D="DJK108/"
w(D+"shop/settings.py", f'''import os

SIMPLE_JWT = {{
    "ALGORITHM": "HS256",  # safe: not a key
    "SIGNING_KEY": "{tok(48)}",  # want "JWT signing key assigned to SIGNING_KEY"
    "VERIFYING_KEY": None,  # safe: not a literal
    "ACCESS_TOKEN_LIFETIME": timedelta(minutes=5),  # safe
}}
SIMPLE_JWT_ENV = {{"SIGNING_KEY": os.environ["JWT_SIGNING_KEY"]}}  # safe: from the environment
SIMPLE_JWT_DEFAULT = {{"SIGNING_KEY": SECRET_KEY}}  # safe: not a literal
JWT_AUTH = {{"JWT_SECRET_KEY": "{WEAK[0]}"}}  # want "JWT signing key assigned to JWT_SECRET_KEY .* short or guessable"
JWT_SECRET = "JWT_SECRET"  # safe: the name of an environment variable
JWT_AUTH_HEADER_PREFIX = "Bearer"  # safe
''')
w(D+"shop/api/auth.py", f'''import jwt
from django.conf import settings

def issue(user):
    return jwt.encode({{"sub": user.pk}}, "{WEAK[1]}", algorithm="HS256")  # want "JWT signing key \\"shop…\\" .* short or guessable"

def issue_ok(user):
    return jwt.encode({{"sub": user.pk, "role": "admin"}}, settings.JWT_KEY, algorithm="HS256")  # safe: a setting

def read(token):
    return jwt.decode(token, key="{tok(40)}", algorithms=["HS256"])  # want "JWT signing key"

def peek(token):
    return jwt.decode(token, options={{"verify_signature": False}})  # safe: no key (another rule's business)
''')
SERVICE_JWT = jwt({"sub": "svc-reports", "scope": "orders:read", "iat": 1767225600})
w(D+".env", f'''JWT_SECRET={tok(40)} # want "JWT signing key assigned to JWT_SECRET"
JWT_SECRET=${{JWT_SECRET}} # safe: variable
REPORTS_API_TOKEN={SERVICE_JWT} # want "signed JWT"
JWT_ALGORITHM=HS256 # safe: not a key
''')
w(D+"deploy/values.yaml", f'''api:
  jwtSecret: "{tok(32)}" # want "JWT signing key assigned to jwtSecret"
  jwtSecretRef: api-jwt # safe: a reference
''')
w(D+"deploy/api.toml", f'''[jwt]
signing_key = "{tok(40)}" # want "JWT signing key assigned to signing_key"
''')
w(D+"deploy/api.ini", f'''[jwt]
jwt_secret_key = {tok(40)} # want "JWT signing key"
''')
w(D+"scripts/smoke.sh", f'''#!/bin/sh
curl -H "Authorization: Bearer {jwt({"sub": "42", "name": "smoke", "iat": 1767225600})}" https://shop.example.com/api/orders/ # want "signed JWT"
curl -H "Authorization: Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c" https://example.com # safe: the jwt.io sample token
''')
w(D+"frontend/auth.js", f'''const token = jwt.sign({{ id: user.id }}, "{tok(12)}"); // want "JWT signing key .* short or guessable"
const ok = jwt.sign({{ id: user.id }}, process.env.JWT_SECRET); // safe: from the environment
const unsigned = "{b64u(b'{"alg":"none","typ":"JWT"}')}.{b64u(b'{"sub":"anonymous-user-1"}')}.AAAAAAAAAAAAAAAAAAAAAAAA"; // safe: alg none is not a credential
''')
w(D+"Dockerfile", f'''FROM python:3.12
ENV JWT_SECRET_KEY={tok(40)} # want "JWT signing key"
''')
w(D+"tests/test_auth.py", f'''TOKEN = jwt.encode({{"sub": 1}}, "{WEAK[2]}", algorithm="HS256")  # safe: tests are skipped
''')
jj = tok(40)
w(D+"deploy/keys.json", json.dumps({"jwt": {"secret": jj, "algorithm": "HS256"}, "jwt_secret": jj}, indent=2)+"\n")
jn = tok(12)
w(D+"notebooks/tokens.ipynb", nb([f'import jwt\ntok = jwt.encode({{"sub": "analyst"}}, "{jn}", algorithm="HS256")']))
wantfile(D, [("deploy/keys.json", '"jwt_secret"', "JWT signing key assigned to jwt_secret"), ("notebooks/tokens.ipynb", jn, "JWT signing key")])
# ---------------- DJK201 committed-dotenv-file
D="DJK201/"
w(D+".gitignore", "# local overrides stay out of git\n.env.local\n")
w(D+".env", f'''# want "^\\\\.env is not ignored by \\\\.gitignore, so it is committed with the code: its passwords"
DEBUG=0
DATABASE_URL=postgres://shop:{pw(16)}@db.internal.example.com/shop
STRIPE_SECRET_KEY={sk_live()}
''')
w(D+".env.production", f'''# want "\\\\.env\\\\.production is not ignored"
DJANGO_SECRET_KEY={djkey().replace("#","%")}
''')
w(D+".env.example", '''# safe: a template; values are placeholders
DATABASE_URL=postgres://user:password@localhost/shop
STRIPE_SECRET_KEY=sk_live_your_key_here
''')
w(D+".env.test", '''# want "\\\\.env\\\\.test is not ignored .* meant for tests"
DATABASE_URL=postgres://postgres:postgres@localhost/test_shop
''')
w(D+"deploy/web.env", '''# want "deploy/web\\\\.env is not ignored .* will hold them"
DJANGO_SETTINGS_MODULE=shop.settings.production
ALLOWED_HOSTS=shop.example.com
''')
w(D+"deploy/empty.env", '''# safe: every value is empty, a template
DJANGO_SECRET_KEY=
DATABASE_URL=
''')
w(D+".envrc", '''# safe: direnv file, not an environment file of the application
source_up
''')
