from django.contrib.auth.forms import UserCreationForm


# visitors make their own accounts: what they choose is what validators check
class SignUpForm(UserCreationForm):
    pass
