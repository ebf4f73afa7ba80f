from django.db import models


class Motion(models.Model):
    title = models.CharField(max_length=200)
    passed = models.BooleanField(default=False)

    def _outcome(self):
        if self.passed:
            return "Passed"
        return False

    @property
    def status(self):
        # the code's own words, through a helper of the class
        if self._outcome():
            return self._outcome()
        return "Pending"

    @property
    def headline(self):
        return self.title

    @property
    def tally(self):
        # names put into an item of the dict, not the dict itself
        out = {}
        for vote in self.votes:
            out[vote.side] = {"names": []}
            out[vote.side]["names"].append(vote.voter_name)
        return out

    @property
    def badge(self):
        return "<b>motion</b>"


class Vote(models.Model):
    # a field of the same name: a vote's badge is text a form may write
    badge = models.CharField(max_length=20)
