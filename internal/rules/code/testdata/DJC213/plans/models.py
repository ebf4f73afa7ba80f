from django.db import models


class Item(models.Model):
    name = models.CharField(max_length=100)


class PlanItem(models.Model):
    plan = models.ForeignKey("Plan", on_delete=models.CASCADE)
    item = models.ForeignKey(Item, on_delete=models.CASCADE)


class BasePlan(models.Model):
    class Meta:
        abstract = True

    def drop_item(self, item):
        PlanItem.objects.filter(plan=self, item=item).delete()


class Plan(BasePlan):
    title = models.CharField(max_length=100)
    members = models.ManyToManyField("auth.User")
    owner = models.ForeignKey("auth.User", null=True, related_name="+", on_delete=models.CASCADE)

    def add_item(self, item):
        PlanItem.objects.get_or_create(plan=self, item=item)

    def summary(self):
        return "%s (%d items)" % (self.title, self.planitem_set.count())



class PlanNote(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE)
    text = models.TextField()
