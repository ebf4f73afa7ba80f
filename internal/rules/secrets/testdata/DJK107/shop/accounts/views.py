from django.contrib.auth import views as auth_views

password_reset_view = "PasswordResetConfirmView"  # safe: an identifier
password = request.POST["password"]  # safe: an expression
token = default_token_generator.make_token(user)  # safe: an expression
form = SetPasswordForm(user, data={"new_password1": "irr1HZu0JA-YjC", "new_password2": pw})  # want "password assigned to new_password1"
user.set_password("x*r3YRNAiwP!")  # safe: not an assignment; a code review finds this
secret_hash = "pbkdf2_sha256$600000$lcqZ3i2BWTNwDvI4Ocz9v8$avc3p7ta3kPSAGRst93y1Q29AoTRiIUKSi0OrdeDJI2"  # safe: a password hash
template_name = "registration/password_reset_form.html"  # safe: a path
