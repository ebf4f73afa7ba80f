import datetime

JWT_AUTH = {
    "JWT_VERIFY": False,  # want `JWT_AUTH\["JWT_VERIFY"\] is False: the tokens the API accepts are not checked against their signature, so anyone can make one for any user$`
    "JWT_EXPIRATION_DELTA": datetime.timedelta(hours=8),
    "JWT_ALGORITHM": "RS256",
}
