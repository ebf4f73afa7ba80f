"""Fills a fresh site with people and orders to click through."""
import factory
from django.contrib.auth import get_user_model


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()


class Bootstrap:
    def create_admin(self):
        return get_user_model().objects.create_superuser("admin", "admin@example.org", "admin")  # want "in a module that makes fake data \\(it imports factory_boy or Faker\\)"

    def create_people(self, count):
        return PersonFactory.create_batch(count)
