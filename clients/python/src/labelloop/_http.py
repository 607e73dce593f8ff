"""HTTP over the standard library: JSON in and out, the server's errors as exceptions, GETs retried with backoff."""

import json
import time
import urllib.error
import urllib.parse
import urllib.request
from typing import IO, Any, Dict, Iterator, Mapping, Optional, Tuple

from . import errors

_RETRIED_STATUSES = (429, 502, 503, 504)


class Transport:
    """Sends requests to one server with one API key."""

    def __init__(self, url: str, api_key: Optional[str], timeout: float, retries: int = 3) -> None:
        base = url.rstrip("/")
        if not base.startswith(("http://", "https://")):
            raise ValueError(f"url must start with http:// or https://, got {url!r}")
        self.base = base if base.endswith("/api/v1") else base + "/api/v1"
        self.api_key = api_key
        self.timeout = timeout
        self.retries = retries

    def url(self, path: str, params: Optional[Mapping[str, Any]] = None) -> str:
        query = {k: _param(v) for k, v in (params or {}).items() if v is not None}
        return self.base + path + ("?" + urllib.parse.urlencode(query) if query else "")

    def json(self, method: str, path: str, params: Optional[Mapping[str, Any]] = None, body: Any = None) -> Any:
        """Sends ``body`` as JSON and returns the parsed answer (None for 204 No Content)."""
        data = None if body is None else json.dumps(body).encode("utf-8")
        status, raw = self.send(method, path, params, data, "application/json")
        return None if status == 204 or not raw else json.loads(raw.decode("utf-8"))

    def send(self, method: str, path: str, params: Optional[Mapping[str, Any]], data: Optional[bytes],
             content_type: Optional[str]) -> Tuple[int, bytes]:
        with self.open(method, path, params, data, content_type) as res:
            return res.status, res.read()

    def lines(self, path: str, params: Optional[Mapping[str, Any]] = None) -> Iterator[bytes]:
        """The body of a streamed GET, one line at a time (JSON Lines exports), never held whole."""
        with self.open("GET", path, params, None, None) as res:
            for line in res:
                if line.strip():
                    yield line

    def open(self, method: str, path: str, params: Optional[Mapping[str, Any]], data: Optional[bytes],
             content_type: Optional[str]) -> IO[bytes]:
        """The open response of a successful request; raises the server's error otherwise."""
        headers: Dict[str, str] = {"Accept": "application/json", "User-Agent": "labelloop-python"}
        if self.api_key:
            headers["Authorization"] = "Bearer " + self.api_key
        if data is not None and content_type:
            headers["Content-Type"] = content_type
        attempts = self.retries if method == "GET" else 1
        for attempt in range(attempts):
            request = urllib.request.Request(self.url(path, params), data=data, method=method, headers=headers)
            try:
                return urllib.request.urlopen(request, timeout=self.timeout)  # noqa: S310 (http/https only, checked above)
            except urllib.error.HTTPError as e:
                failure = _error(e)
                retryable = e.code in _RETRIED_STATUSES
            except (urllib.error.URLError, OSError) as e:
                reason = getattr(e, "reason", e)
                failure = errors.ConnectionFailedError(0, "CONNECTION_FAILED", f"cannot reach {self.base}: {reason}")
                retryable = True
            if not retryable or attempt == attempts - 1:
                raise failure
            wait = getattr(failure, "retry_after", None) or 0.5 * 2 ** attempt
            time.sleep(min(wait, 10.0))
        raise AssertionError("unreachable")


def _error(e: "urllib.error.HTTPError") -> errors.LabelloopError:
    raw = e.read().decode("utf-8", "replace")
    try:
        body: Any = json.loads(raw)
    except ValueError:
        body = raw
    failure = errors.error_for(e.code, body)
    retry_after = e.headers.get("Retry-After") if e.headers else None
    if isinstance(failure, errors.RateLimitedError) and retry_after and retry_after.isdigit():
        failure.retry_after = float(retry_after)
    return failure


def _param(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
