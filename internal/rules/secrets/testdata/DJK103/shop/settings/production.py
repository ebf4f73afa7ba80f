STRIPE_SECRET_KEY = "sk_live_HQ3EcSTcHhnL4FByGiR12iTL"  # want "Stripe secret key"
STRIPE_RESTRICTED_KEY = "rk_live_4SwjRRf79nGfwfuZ9QV3QKmW"  # want "Stripe secret key"
STRIPE_TEST_KEY = "sk_test_fARnMhK4JmTP2ugKv2Ht9qIC"  # want "Stripe secret key .* test-mode key"
STRIPE_PUBLISHABLE_KEY = "pk_live_AAazXYhT1xZJOouhEtXSKHrK"  # safe: publishable keys are public
STRIPE_PLACEHOLDER = "sk_live_xxxxxxxxxxxxxxxxxxxxxxxx"  # safe: placeholder
SENDGRID_API_KEY = "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"  # want "SendGrid API key"
MAILGUN_API_KEY = "key-768b8fd00edd076c1eb5fc59385048ba"  # want "Mailgun API key"
MAILGUN_WEBHOOK_SIGNING_KEY = "a54e4a9ec63e47cbec1a253482f1dcad-932c3d9e-e0cb6585"  # want "Mailgun key"
TWILIO_ACCOUNT_SID = "AC4572ab1368915817d3ff75fb091173b0"  # safe: an account id, not a secret
TWILIO_AUTH_TOKEN = "5d84a15d0b0d3f4645a1ba5cee2db578"  # want "Twilio auth token"
TWILIO_API_KEY = "SK877ed87b0941be5d8ba16bb58e454746"  # want "Twilio API key SID"
client = Client("AC77049ee00e35714e162da7c711946545", "126ee1e17f6383b579a563326573537c")  # want "Twilio auth token"
msg.send()  # safe: sg. keyword without a key
css_class = "key-00000000000000000000000000000000"  # safe: repeated characters
