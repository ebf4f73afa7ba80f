STRIPE_SECRET_KEY = "sk_live_0OqwLvulX9LjDi8vZ1GUZIRs"  # want "Stripe secret key"
STRIPE_RESTRICTED_KEY = "rk_live_DzmYGgCjQpyxVCyLdNuRVfkh"  # want "Stripe secret key"
STRIPE_TEST_KEY = "sk_test_GjHqf2FdB77yGI78IuAMU6Ws"  # want "Stripe secret key .* test-mode key"
STRIPE_PUBLISHABLE_KEY = "pk_live_g5e8zgAsGNDCbyOxJMImLlql"  # safe: publishable keys are public
STRIPE_PLACEHOLDER = "sk_live_xxxxxxxxxxxxxxxxxxxxxxxx"  # safe: placeholder
SENDGRID_API_KEY = "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"  # want "SendGrid API key"
MAILGUN_API_KEY = "key-77ed87b0941be5d8ba16bb58e4547467"  # want "Mailgun API key"
MAILGUN_WEBHOOK_SIGNING_KEY = "7049ee00e35714e162da7c7119465451-26ee1e17-f6383b57"  # want "Mailgun key"
TWILIO_ACCOUNT_SID = "AC9a563326573537cae9ebf29d1b9e1428"  # safe: an account id, not a secret
TWILIO_AUTH_TOKEN = "d3a375d65e7a32bddfe6e48cfe128bf7"  # want "Twilio auth token"
TWILIO_API_KEY = "SK3dc8abd1e274685eb623733130190588"  # want "Twilio API key SID"
client = Client("AC05be9ceda33c16cafb2d9e7816b48a5e", "d7db3b4d06b34e81cada31d4143ca16e")  # want "Twilio auth token"
msg.send()  # safe: sg. keyword without a key
css_class = "key-00000000000000000000000000000000"  # safe: repeated characters
