from django.db import models


class Bulletin(models.Model):
    # rich text the site's editors write; the add view asks for bulletins.add_bulletin
    body = models.TextField()


class Tip(models.Model):
    # members send tips too: the same form serves a view with no permission
    body_html = models.TextField()


class Notice(models.Model):
    # the news desk's text; the views ask for the project's own bulletins.can_manage_notices
    lead_html = models.TextField()


class Remark(models.Model):
    # every member may remark: bulletins.can_submit_remarks is given to all
    text = models.TextField()


class Digest(models.Model):
    # the weekly digest, written in a create view that asks for a permission
    summary_html = models.TextField()


class Letter(models.Model):
    # letters to the editor: a public create view takes them too
    letter_html = models.TextField()


class Flyer(models.Model):
    # the shop's staff's text; the views ask for bulletins.manage_flyers
    html = models.TextField()


class Publication(models.Model):
    # the base of the desk's models; it declares no text of its own
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True


class Column(Publication):
    # the desk's editors write it; the add view asks for bulletins.add_column
    column_html = models.TextField()


class Classified(Publication):
    # members post ads too when the site's setting lets them
    ad_html = models.TextField()


class Booth(models.Model):
    booth_html = models.TextField()  # staff write it in the admin, through BoothForm
