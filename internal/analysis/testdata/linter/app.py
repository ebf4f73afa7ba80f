key = BAD  # nosec B105: a fixture key
pw = BAD  # noqa: S105
html = BAD  # noqa: E501,S308 -- checked upstream
plain = BAD  # noqa: E501
other = BAD
note = "nosec"; x = BAD
