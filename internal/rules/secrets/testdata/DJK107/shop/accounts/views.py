from django.contrib.auth import views as auth_views

password_reset_view = "PasswordResetConfirmView"  # safe: an identifier
password = request.POST["password"]  # safe: an expression
token = default_token_generator.make_token(user)  # safe: an expression
form = SetPasswordForm(user, data={"new_password1": "!p8u7TPHAe2D_V", "new_password2": pw})  # want "password assigned to new_password1"
user.set_password("vOS#KzZrADbH")  # safe: not an assignment; a code review finds this
secret_hash = "pbkdf2_sha256$600000$N5n8YeFI72PrlrwOj3BuoR$YeiFJ6oYqcszoJRxWyl6wRJL4Q8Z0yo3WqFmjDRQgdD"  # safe: a password hash
template_name = "registration/password_reset_form.html"  # safe: a path
