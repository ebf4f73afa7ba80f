import os

from django.core.exceptions import SuspiciousFileOperation


def path_traversal_check(unsafe_path, known_safe_path):
    known_safe_path = os.path.abspath(known_safe_path)
    unsafe_path = os.path.abspath(unsafe_path)
    if os.path.commonprefix([known_safe_path, unsafe_path]) != known_safe_path:
        raise SuspiciousFileOperation("{} is not safe".format(unsafe_path))
    return unsafe_path


def path_traversal_note(unsafe_path, known_safe_path):
    # looks alike: compares, but only to log
    unsafe_path = os.path.abspath(unsafe_path)
    if os.path.commonpath([known_safe_path, unsafe_path]) != known_safe_path:
        print("outside", unsafe_path)
    return unsafe_path


import re

SCAN_ID = re.compile(r"^[0-9a-f]{32}$")
SCAN_PREFIXES = ("scan-", "job-")


def is_scan_id(value):
    found = SCAN_ID.match(value)
    if not found:
        print("not a scan id", value)
    return found


def is_scan_name(value):
    # looks alike: a tuple of prefixes, not a compiled pattern
    return value.startswith(SCAN_PREFIXES)


def is_inside(root, candidate):
    root = os.path.realpath(root)
    candidate = os.path.realpath(candidate)
    return candidate.startswith(root + os.sep) or candidate == root


def is_near(root, candidate):
    candidate = os.path.realpath(candidate)
    return candidate.startswith(os.path.realpath(root) + os.sep) or candidate.endswith(".txt")
