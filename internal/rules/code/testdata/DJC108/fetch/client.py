import httpx
import requests

API_BASE = "https://api.partner.example.com/v1/"


def get_json(url):
    return requests.get(url, timeout=5).json()  # want "outgoing request URL built from request data \\(request.POST\\[.callback.\\]\\) reaches requests.get"


def partner_lookup(item):
    return requests.get(API_BASE + item, timeout=5).json()  # safe: host is fixed


def post_event(url, payload):
    return httpx.post(url, json=payload)  # want "httpx.post"
