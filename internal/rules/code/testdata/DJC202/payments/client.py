import httpx
import requests

PAYMENT_URL = "https://pay.example.com/charge"
CA_BUNDLE = "/etc/ssl/certs/partner-ca.pem"


def charge(payload):
    return requests.post(PAYMENT_URL, json=payload, verify=False, timeout=10)  # want "requests.post is called with verify=False"


def charge_private_ca(payload):
    return requests.post(PAYMENT_URL, json=payload, verify=CA_BUNDLE, timeout=10)  # safe: CA bundle


def charge_default(payload):
    return requests.post(PAYMENT_URL, json=payload, verify=True, timeout=10)  # safe: verify=True


def client():
    return httpx.Client(verify=False, timeout=10)  # want "httpx.Client"


def session():
    s = requests.Session()
    s.verify = False  # want "s.verify = False"
    return s


def session_ok():
    s = requests.Session()
    s.verify = CA_BUNDLE  # safe: CA bundle
    return s
