import random
import secrets
import string

from django.utils.crypto import get_random_string

COLORS = ["red", "green", "blue"]
BROWSERS = ["Firefox", "Chrome"]


def make_otp():
    otp = "".join(random.choice(string.digits) for _ in range(6))  # want "random.choice makes otp"
    return otp


def generate_reset_token():
    return "%032x" % random.getrandbits(128)  # want "random.getrandbits makes generate_reset_token"


def invite(user):
    user.invite_token = str(random.randint(100000, 999999))  # want "random.randint"
    user.save()


def make_otp_safely():
    otp = "".join(secrets.choice(string.digits) for _ in range(6))  # safe: secrets
    return otp


def new_password():
    password = get_random_string(16)  # safe: crypto random
    return password


def pick_color():
    color = random.choice(COLORS)  # safe: not a secret
    return color


def session_jitter():
    rng = random.SystemRandom()
    session_code = rng.randint(0, 10**6)  # safe: SystemRandom
    return session_code


def _make_boundary(text):
    token = random.randrange(2**63)  # safe: MIME multipart boundary (email.generator, wadllib)
    boundary = ("=" * 15) + ("%019d" % token) + "=="
    return boundary


def multipart_headers():
    token = "".join(random.choice(string.hexdigits) for _ in range(16))  # safe: MIME boundary only
    return {"Content-Type": f"multipart/form-data; boundary={token}"}


def multipart_and_login():
    token = "".join(random.choice(string.hexdigits) for _ in range(16))  # want "random.choice makes token"
    headers = {"Content-Type": "multipart/form-data; boundary=%s" % token}
    return headers, {"auth_token": token}


def shipping_methods_for(zone):
    shipping_methods = random.randint(1, 4)  # safe: "pin" inside "shipping" is no PIN
    return shipping_methods


def session_key_prefix():
    return "s%d" % random.randint(0, 9)  # safe: a prefix, not the key


def pick_session_cache_shard(key):
    session_shard = random.randint(0, 15)  # safe: a shard number
    return session_shard


def magic_link(user):
    login_code = random.randint(100000, 999999)  # want "random.randint makes login_code"
    return f"/login/{user.pk}/{login_code}/"


def record_visit(session):
    session.user_agent = random.choice(BROWSERS)  # safe: the browser a visit came from, not a secret of the session
    session.session_key = random.choice(BROWSERS)  # want "random.choice makes session.session_key"
    session.save()


def generate_password():
    # the random length is predictable; the characters come from secrets
    return get_random_string(length=random.randint(10, 16))  # safe: random picks only the length


def generate_pin():
    return get_random_string(length=6, allowed_chars=str(random.randint(0, 9)))  # want "random.randint makes generate_pin"


def generate_code():
    """The six digits mailed to confirm an address."""
    return "".join(random.sample(string.digits, 6))  # want "random.sample makes generate_code: its output is predictable"


def send_sms_code(phone):
    sms_code = random.randint(1000, 9999)  # want "random.randint makes sms_code"
    return phone, sms_code


def label_colors(n):
    color_code = random.choice(["#f00", "#0f0", "#00f"])  # safe: a colour, chosen from the code's own list
    country_code = random.choice(string.ascii_uppercase)  # safe: letters, not the digits of a code sent to someone
    dice_code = random.randint(1, 6)  # safe: a die's face, too few digits to be a code anyone is sent
    return color_code, country_code, dice_code
