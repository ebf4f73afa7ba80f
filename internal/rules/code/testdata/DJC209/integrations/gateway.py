GATEWAY_SECRET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"  # safe: the alphabet, a placeholder
FALLBACK_API_KEY = "pk_live_7fQ2kL9pX3vB8nM4rT6wZ1yH"  # want "FALLBACK_API_KEY is set to a literal credential"

SAML_MAP = {
    "fro": {
        "urn:mace:dir:attribute-def:userPassword": "userPassword",
    },
    "to": {
        "userPassword": "urn:mace:dir:attribute-def:userPassword",  # safe: the attribute's URN in a SAML map
    },
}
SAML_ADMIN = {"userPassword": "Xk9#mQ2$vL7pWz4"}  # want "userPassword is set to a literal credential"
