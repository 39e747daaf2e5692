"""A workspace per guest browser in Hugging Face sign-in mode.

On a public Space people may try the studio without signing in. Each browser gets its own
random id in a signed, HttpOnly cookie (set by studio.gate), and its projects belong to
"guest:<id>": another guest, or a script without that cookie, sees none of them. Signing in
with Hugging Face gives an account's own workspace, the same from any browser. This is the
same cookie mechanism Hugging Face's sign-in uses, so it works wherever sign-in works.
"""

from __future__ import annotations

from typing import Any

from . import cookies

GUEST_COOKIE = "adstudio-guest"
GUEST_PURPOSE = "guest"


def guest_owner(request: Any, secret: bytes) -> str | None:
    """The owner of a guest browser's projects ("guest:<id>") from its signed cookie, else None."""
    try:
        jar = request.cookies or {}
    except Exception:  # a request object without cookies (a test's or a script's)
        return None
    gid = cookies.unsign(secret, GUEST_PURPOSE, jar.get(GUEST_COOKIE))
    return f"guest:{gid}" if gid else None
