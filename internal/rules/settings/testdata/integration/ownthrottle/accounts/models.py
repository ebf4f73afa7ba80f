import hashlib

from django.db import models
from django.utils.timezone import now


class LoginAttemptBucket(models.Model):
    value = models.CharField(max_length=80, unique=True)
    tokens = models.FloatField(default=1.0)
    updated = models.DateTimeField(default=now)

    @staticmethod
    def authorize_login_password(email: str) -> bool:
        # 20 password attempts per address a day.
        value = "pw-" + hashlib.sha1(email.encode()).hexdigest()
        obj, _ = LoginAttemptBucket.objects.get_or_create(value=value)
        if obj.tokens < 1:
            return False
        obj.tokens -= 1
        obj.save()
        return True
