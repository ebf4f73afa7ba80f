from .base import *  # noqa: F403

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework_jwt.authentication.JSONWebTokenAuthentication"],
}
JWT_AUTH = {"JWT_VERIFY": False}  # want "REST_FRAMEWORK authenticates every API view with JSONWebTokenAuthentication"
