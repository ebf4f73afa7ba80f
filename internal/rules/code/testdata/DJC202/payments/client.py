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


def fetch_record(prepped, certs):
    s = requests.Session()
    return s.send(prepped, cert=certs, verify=False)  # want "s.send is called with verify=False"


class Partner:
    def __init__(self):
        self.http_client = httpx.Client(base_url=PARTNER_URL)

    def balance(self):
        return self.http_client.get("/balance", verify=False)  # want "self.http_client.get is called with verify=False"

    def token(self, jwt_client, raw):
        return jwt_client.decode(raw, verify=False)  # safe: no HTTP request, decode is no session method


def public_rates():
    # a public page fetched bare: a forged answer, no credential, is the risk
    return requests.get("https://rates.example.org/today.json", verify=False, timeout=10)  # want "requests.get is called with verify=False: TLS certificates are not checked; it sends no credentials"


def private_rates(token):
    # looks alike: the token travels in a header
    return requests.get("https://rates.example.org/mine.json", headers={"Authorization": token}, verify=False)  # want "requests.get is called with verify=False: TLS certificates are not checked$"


def rates_up():
    # a health check: only the status of the answer is read
    response = requests.head("https://rates.example.org/", verify=False, timeout=5)  # want "only the answer's status is read"
    return response.status_code < 500


def rates_checked(url):
    requests.get(url, verify=False, timeout=5).raise_for_status()  # want "only the answer's status is read"


def rates_body():
    # looks alike: the body is read too
    response = requests.get("https://rates.example.org/today.json", verify=False, timeout=5)  # want "it sends no credentials .no auth"
    if response.ok:
        return response.json()
    return None
