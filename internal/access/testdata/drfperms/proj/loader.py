import json
import os


def load_api_settings():
    with open(os.environ["API_SETTINGS"]) as f:
        return json.load(f)
