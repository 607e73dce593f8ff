"""Checking a webhook delivery's signature in a receiver (Flask, FastAPI, http.server ...)."""

import hashlib
import hmac
import time
from typing import Optional, Union

HEADER = "X-Labelloop-Signature"


def verify_signature(secret: str, header: Optional[str], body: Union[bytes, str], *, tolerance: Optional[float] = 300.0,
                     now: Optional[float] = None) -> bool:
    """Whether ``header`` (``t=<unix seconds>,v1=<hex HMAC-SHA256 of "t." + body>``) signs ``body`` with ``secret``.

    ``body`` must be the raw bytes received, before any JSON parsing. Signatures older than ``tolerance`` seconds are
    refused, so a recorded delivery cannot be replayed later (None accepts any age).
    """
    if not header:
        return False
    parts = dict(p.strip().split("=", 1) for p in header.split(",") if "=" in p)
    if "t" not in parts or "v1" not in parts or not parts["t"].isdigit():
        return False
    timestamp = int(parts["t"])
    if tolerance is not None and abs((time.time() if now is None else now) - timestamp) > tolerance:
        return False
    raw = body.encode("utf-8") if isinstance(body, str) else body
    expected = hmac.new(secret.encode("utf-8"), f"{timestamp}.".encode("ascii") + raw, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, parts["v1"])
