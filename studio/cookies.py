"""Signed cookies: small values the server hands a browser and can later trust it did not forge.

Used for a guest's workspace id (Spaces sign-in mode) and for the "this browser signed in as X
before" device cookie that exempts a person's own browser from the login brake. A value is
`payload.signature`, the signature an HMAC-SHA256 of the purpose and the payload under the
studio's secret; a different purpose never verifies, so one kind of cookie cannot stand in for
another.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from typing import Any

from starlette.requests import cookie_parser

YEAR_S = 365 * 24 * 3600


def _mac(secret: bytes, purpose: str, payload: str) -> str:
    digest = hmac.new(secret, f"{purpose}\n{payload}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest[:24]).decode().rstrip("=")


def sign(secret: bytes, purpose: str, payload: str) -> str:
    return f"{payload}.{_mac(secret, purpose, payload)}"


def unsign(secret: bytes, purpose: str, token: str | None) -> str | None:
    """The payload of a token this server signed for `purpose`, else None."""
    if not token or "." not in token:
        return None
    payload, _, mac = token.rpartition(".")
    return payload if hmac.compare_digest(mac, _mac(secret, purpose, payload)) else None


def request_cookies(scope: dict[str, Any]) -> dict[str, str]:
    """Cookies of an ASGI request, parsed as Starlette's Request (and so gr.Request) parses them."""
    jar: dict[str, str] = {}
    for name, value in scope.get("headers") or []:
        if name == b"cookie":
            jar.update(cookie_parser(value.decode("latin-1")))
    return jar


def with_cookie(scope: dict[str, Any], name: str, value: str) -> dict[str, Any]:
    """The request as if the browser had sent this cookie too. Appended, so every other cookie
    reaches the app exactly as sent; the parser keeps the last of two same-named cookies."""
    headers = list(scope.get("headers") or [])
    pair = f"{name}={value}".encode("latin-1")
    for i, (key, existing) in enumerate(headers):
        if key == b"cookie":
            headers[i] = (key, existing + b"; " + pair)
            break
    else:
        headers.append((b"cookie", pair))
    return {**scope, "headers": headers}


def is_https(scope: dict[str, Any]) -> bool:
    if scope.get("scheme") == "https":
        return True
    for name, value in scope.get("headers") or []:
        if name == b"x-forwarded-proto" and value.decode("latin-1").split(",")[0].strip() == "https":
            return True
    return False


def set_cookie_header(name: str, value: str, scope: dict[str, Any], max_age: int = YEAR_S) -> tuple[bytes, bytes]:
    """A Set-Cookie header. Over HTTPS it is SameSite=None; Secure, as Gradio's own login cookie,
    because a Space shows the app inside an iframe on huggingface.co (a third-party context)."""
    attrs = f"{name}={value}; Path=/; Max-Age={max_age}; HttpOnly"
    attrs += "; SameSite=None; Secure" if is_https(scope) else "; SameSite=Lax"
    return b"set-cookie", attrs.encode("latin-1")
