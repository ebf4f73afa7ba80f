from .keys import require_api_key
from .mixins import MemberRequiredMixin

__all__ = ["require_api_key", "MemberRequiredMixin"]
