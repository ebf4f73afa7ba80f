from .base import *  # noqa: F403

REST_FRAMEWORK.update(
    {
        "DEFAULT_THROTTLE_CLASSES": ["rest_framework.throttling.UserRateThrottle"],  # safe: throttled
        "DEFAULT_THROTTLE_RATES": {"user": "1000/hour"},
    }
)
