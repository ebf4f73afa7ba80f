import os

CONFIG_DIR = os.environ.get("SITE_CONFIG_DIR", "/etc/site")


def find_config_file(name):
    return os.path.join(CONFIG_DIR, name)
