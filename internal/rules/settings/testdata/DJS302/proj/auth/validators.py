from django.contrib.auth.password_validation import MinimumLengthValidator


class LongEnoughValidator(MinimumLengthValidator):
    """Django's length check with the project's own help text."""

    def get_help_text(self):
        return "Use at least %d characters." % self.min_length


class NoDigitsOnlyValidator:
    def validate(self, password, user=None):
        pass
