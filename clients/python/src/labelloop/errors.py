"""Errors raised by the client: one class per kind of failure, each carrying the server's code, message and details."""

from typing import Any, Dict, List, Optional, Type


class LabelloopError(Exception):
    """A request the server refused or could not answer.

    ``status`` is the HTTP status (0 when the server could not be reached), ``code`` the server's error code
    (e.g. ``INVALID_INPUT``), ``message`` its sentence and ``details`` its list of specific problems.
    """

    def __init__(self, status: int, code: str, message: str, details: Optional[List[str]] = None) -> None:
        self.status = status
        self.code = code
        self.message = message
        self.details: List[str] = list(details or [])
        text = f"{code}: {message}"
        extra = [d for d in self.details if d and d not in message]
        if extra:
            text += " (" + "; ".join(extra[:10]) + (f"; and {len(extra) - 10} more" if len(extra) > 10 else "") + ")"
        super().__init__(text)


class InvalidInputError(LabelloopError):
    """400: the request was malformed, e.g. an unknown category or a bad setting."""


class AuthenticationError(LabelloopError):
    """401: no API key, or a wrong or revoked one."""


class PermissionDeniedError(LabelloopError):
    """403: the caller's role does not allow this."""


class NotFoundError(LabelloopError):
    """404: no such project, asset or route, or a project the caller is not a member of."""


class ConflictError(LabelloopError):
    """409: the request conflicts with the current state."""


class RateLimitedError(LabelloopError):
    """429: too many requests; ``retry_after`` holds the server's hint in seconds when it gave one."""

    retry_after: Optional[float] = None


class ServerError(LabelloopError):
    """5xx: the server failed; its log has the details."""


class ConnectionFailedError(LabelloopError):
    """The server could not be reached (status 0)."""


_BY_STATUS: Dict[int, Type[LabelloopError]] = {
    400: InvalidInputError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    413: InvalidInputError,
    429: RateLimitedError,
}


def error_for(status: int, body: Any) -> LabelloopError:
    """The exception for an error response: ``body`` is the parsed JSON (``{"error": {...}}``) or raw text."""
    err = body.get("error") if isinstance(body, dict) else None
    if isinstance(err, dict):
        code = str(err.get("code") or f"HTTP_{status}")
        message = str(err.get("message") or "")
        details = [str(d) for d in err.get("details") or []]
    else:
        code, message, details = f"HTTP_{status}", str(body or "").strip()[:500], []
    cls = _BY_STATUS.get(status) or (ServerError if status >= 500 else LabelloopError)
    return cls(status, code, message, details)
