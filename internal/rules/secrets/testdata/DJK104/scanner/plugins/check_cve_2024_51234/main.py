"""Tries the SSH key every appliance of the vulnerable releases shipped with."""
from pathlib import Path

KEY = Path(__file__).parent / "keys" / "appliance_rsa"


def run(host, ssh):
    return ssh.connect(host, username="support", key_filename=str(KEY))
