from urllib.parse import urljoin

import httpx
import requests

API_BASE = "https://api.partner.example.com/v1/"


def get_json(url):
    return requests.get(url, timeout=5).json()  # want "outgoing request URL built from request data \\(request.POST\\[.callback.\\]\\) reaches requests.get"


def partner_lookup(item):
    return requests.get(API_BASE + item, timeout=5).json()  # safe: host is fixed


def post_event(url, payload):
    return httpx.post(url, json=payload)  # want "httpx.post"


class PartnerClient:
    def __init__(self, base):
        self.base = base

    def call(self, method, suffix):
        url = urljoin(self.base, suffix)
        return requests.request(method, url, timeout=5).json()  # want "requests.request"

    def fetch(self, suffix):
        return requests.get(urljoin(self.base, suffix), timeout=5).json()  # safe: every caller passes a path under the base

    def event(self, event_id):
        # a path under the configured base: the id cannot change the host
        return self.fetch(f"events/{event_id}/")

    def page(self, path):
        return self.call("get", path)


def ping(url):
    return requests.head(url, timeout=5).ok  # want "outgoing request URL built from request data \\(validated_data\\[.target.\\]\\) reaches requests.head"


def asset_details(integration, asset_id):
    # the host is the integration's server, which its owner configured;
    # the id from the request only names a path on it
    return requests.get(f'{integration.server_url.rstrip("/")}/assets/{asset_id}', timeout=5).json()  # safe: the id follows the server's path


def asset_from(server, asset_id):
    return requests.get(f"{server}/assets/{asset_id}", timeout=5).json()  # want "outgoing request URL built from request data \\(request.GET\\[.server.\\]\\) reaches requests.get"


def asset_host(scheme, host):
    return requests.get(f"{scheme}://{host}/assets/", timeout=5).json()  # want "outgoing request URL built from request data \\(request.GET\\[.host.\\]\\) reaches requests.get"
