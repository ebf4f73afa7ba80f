from django.db import models


class Difficulty(models.Model):
    # a vocabulary staff keep in the admin
    grade_label = models.CharField(max_length=50)

    def __str__(self):
        return self.grade_label


class Theme(models.Model):
    # visitors suggest themes through ThemeSuggestionForm
    theme_name = models.CharField(max_length=50)

    def __str__(self):
        return f"{self.theme_name}"


class Region(models.Model):
    region_title = models.CharField(max_length=50)

    def __str__(self):
        # not only its own fields: what it shows is not known
        return self.describe()


class Guide(models.Model):
    field_notes = models.TextField()  # staff write it in the admin


class Trail(models.Model):
    trail_name = models.CharField(max_length=100)
    field_notes = models.TextField()  # written through TrailForm
    difficulty = models.ForeignKey("trails.Difficulty", on_delete=models.PROTECT)
    theme = models.ForeignKey(Theme, on_delete=models.PROTECT)
    region = models.ForeignKey(Region, on_delete=models.PROTECT)
    guide = models.ForeignKey(Guide, on_delete=models.PROTECT)
