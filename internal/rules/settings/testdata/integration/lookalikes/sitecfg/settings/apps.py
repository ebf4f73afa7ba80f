from django.apps import AppConfig


class SiteSettingsConfig(AppConfig):
    name = "sitecfg.settings"
    verbose_name = "Site settings"
