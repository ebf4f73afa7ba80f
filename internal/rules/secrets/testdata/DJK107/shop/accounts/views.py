from django.contrib.auth import views as auth_views

password_reset_view = "PasswordResetConfirmView"  # safe: an identifier
password = request.POST["password"]  # safe: an expression
token = default_token_generator.make_token(user)  # safe: an expression
form = SetPasswordForm(user, data={"new_password1": "x4g4gmQORdvdvj", "new_password2": pw})  # want "password assigned to new_password1"
user.set_password("DtRw0QKjDyk3")  # safe: not an assignment; a code review finds this
secret_hash = "pbkdf2_sha256$600000$0gPJjPTo5nSfobRGPQaH2P$pj6Kozra9D4vya1wPX84n9zKuD5gSJL7vMIpEGSJ2yy"  # safe: a password hash
template_name = "registration/password_reset_form.html"  # safe: a path
credential_key = "pending_credential_%s" % kind  # safe: a format template for a session key's name
token_cache_key = "reset_token:{}".format(user_pk)  # safe: a format template
api_secret = "Zq8%sVw2LmN4pR7tKx"  # want "secret assigned to api_secret"
