from .base import *  # noqa: F403

REST_FRAMEWORK = {
    "DEFAULT_THROTTLE_CLASSES": ["rest_framework.throttling.AnonRateThrottle"],  # safe: DRF throttles
}
