"""Labelloop's Python client: label data and drive the learning loop from a notebook, with Kili-shaped verbs.

    from labelloop import Labelloop
    ll = Labelloop("http://localhost:7070", api_key=open("labelloop-data/admin-api-key").read().strip())
"""

from .client import Labelloop
from .webhooks import verify_signature
from .errors import (AuthenticationError, ConflictError, ConnectionFailedError, InvalidInputError, LabelloopError,
                     NotFoundError, PermissionDeniedError, RateLimitedError, ServerError)

__version__ = "0.1.0"
__all__ = ["Labelloop", "verify_signature", "LabelloopError", "InvalidInputError", "AuthenticationError", "PermissionDeniedError",
           "NotFoundError", "ConflictError", "RateLimitedError", "ServerError", "ConnectionFailedError"]
