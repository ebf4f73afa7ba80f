from django.conf import settings
from django.db import models


class Profile(models.Model):
    display_name = models.CharField(max_length=50)
    bio = models.TextField()
    is_verified = models.BooleanField(default=False)


class Address(models.Model):
    street = models.CharField(max_length=100)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)


class OwnedModel(models.Model):
    owner = models.ForeignKey(to="users.Owner", on_delete=models.PROTECT, null=True)

    class Meta:
        abstract = True


class Document(OwnedModel):
    title = models.CharField(max_length=100)


class Team(OwnedModel):
    name = models.CharField(max_length=100)


class Membership(models.Model):
    team = models.ForeignKey(Team, on_delete=models.CASCADE)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    is_admin = models.BooleanField(default=False)


class TeamInvite(models.Model):
    team = models.ForeignKey(Team, on_delete=models.CASCADE)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    email = models.EmailField()


class TermsAgreement(models.Model):
    # the view sets user and organisation; forms never list them
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, editable=False)
    organisation = models.ForeignKey("orgs.Organisation", on_delete=models.CASCADE, editable=False)
    has_agreed = models.BooleanField(default=False)
