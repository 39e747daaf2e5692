"""Password sign-in (ADSTUDIO_AUTH) with a brake on guessing.

Gradio calls `LoginGuard` as its `auth=` callable with the username and password only; it
does not pass the request. studio.gate therefore records who is asking (the client address and
the browser's device cookie) in a context variable for the length of each POST /login, and
adds the device cookie to a successful answer.

The brake follows OWASP's "device cookie" scheme:

- Failures are counted per account name and per client address. After 5 failures for a name
  (20 for an address) each further attempt must wait 1 s, 2 s, 4 s ... after the last failure,
  at most 60 s for a name and 5 min for an address. An attempt that comes too early is refused
  with HTTP 429, the wait in seconds and a Retry-After header; its password is not checked and
  it does not count, so hammering buys nothing.
- A success forgets the failures of that name and that address.
- A browser that signed in as a person before carries a signed device cookie. Its attempts for
  that person are counted for that browser alone: nobody can lock a person out of a browser
  they already use by failing on purpose from elsewhere.
- Counts are forgotten 15 min after their last failure and at most 10,000 are kept per kind
  (the oldest dropped first), so memory stays bounded.
"""

from __future__ import annotations

import base64
import contextvars
import hmac
import math
import secrets
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Callable

from fastapi import HTTPException

from . import cookies

DEVICE_COOKIE = "adstudio-device"
DEVICE_PURPOSE = "device"
DEVICE_MAX_AGE_S = 90 * 24 * 3600


@dataclass
class Attempt:
    """One POST /login as studio.gate saw it; the guard fills in `signed_in` on success."""

    address: str
    device_user: str | None = None  # whom this browser's device cookie vouches for
    device_id: str | None = None
    signed_in: str | None = None


CURRENT: contextvars.ContextVar[Attempt | None] = contextvars.ContextVar("adstudio_login_attempt", default=None)


@dataclass
class Brake:
    """Exponential backoff for one kind of key: `free` failures, then base·2^k seconds, capped."""

    free: int
    cap_s: float
    base_s: float = 1.0
    forget_after_s: float = 15 * 60
    max_keys: int = 10_000
    _failures: OrderedDict = field(default_factory=OrderedDict)  # key -> (count, time of last failure)

    def wait(self, key: object, now: float) -> float:
        count, last = self._current(key, now)
        if count < self.free:
            return 0.0
        delay = min(self.cap_s, self.base_s * 2 ** (count - self.free))
        return max(0.0, last + delay - now)

    def fail(self, key: object, now: float) -> None:
        count, _ = self._current(key, now)
        self._failures[key] = (count + 1, now)
        self._failures.move_to_end(key)
        while len(self._failures) > self.max_keys:
            self._failures.popitem(last=False)

    def reset(self, key: object) -> None:
        self._failures.pop(key, None)

    def _current(self, key: object, now: float) -> tuple[int, float]:
        count, last = self._failures.get(key, (0, 0.0))
        if count and now - last > self.forget_after_s:
            self._failures.pop(key, None)
            return 0, 0.0
        return count, last


class LoginGuard:
    """Gradio's `auth=` callable: checks the password against ADSTUDIO_AUTH, within the brake."""

    def __init__(self, pairs: list[tuple[str, str]], secret: bytes,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._passwords = {user: password.encode() for user, password in pairs}
        self._secret = secret
        self._clock = clock
        self._lock = threading.Lock()
        self.by_name = Brake(free=5, cap_s=60.0)
        self.by_address = Brake(free=20, cap_s=300.0)
        self.by_device = Brake(free=5, cap_s=60.0)

    def __call__(self, username: str, password: str) -> bool:
        attempt = CURRENT.get() or Attempt(address="unknown")
        with self._lock:  # the check and the count happen together, so parallel guesses are counted
            now = self._clock()
            keys = self._keys(username, attempt)
            wait = max(brake.wait(key, now) for brake, key in keys)
            if wait > 0:
                seconds = max(1, math.ceil(wait))
                raise HTTPException(status_code=429, headers={"Retry-After": str(seconds)},
                                    detail=f"Too many failed sign-ins. Wait {seconds} s and try again.")
            ok = self._password_ok(username, password)
            for brake, key in keys:
                if ok:
                    brake.reset(key)
                else:
                    brake.fail(key, now)
        if ok:
            attempt.signed_in = username
        return ok

    def _keys(self, username: str, attempt: Attempt) -> list[tuple[Brake, object]]:
        if attempt.device_user == username and attempt.device_id:
            return [(self.by_device, (username, attempt.device_id))]
        return [(self.by_name, username), (self.by_address, attempt.address)]

    def _password_ok(self, username: str, password: str) -> bool:
        # Compare in constant time, and as long for an unknown name as for a known one.
        expected = self._passwords.get(username)
        same = hmac.compare_digest((password or "").encode(), expected if expected is not None else b"\0" * 16)
        return expected is not None and same

    # -- the device cookie -------------------------------------------------------------------------
    def read_device(self, token: str | None) -> tuple[str | None, str | None]:
        """(user, device id) from a device cookie this server signed, else (None, None)."""
        payload = cookies.unsign(self._secret, DEVICE_PURPOSE, token)
        if not payload or "." not in payload:
            return None, None
        encoded, _, device_id = payload.partition(".")
        try:
            user = base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4)).decode()
        except (ValueError, UnicodeDecodeError):
            return None, None
        return user, device_id

    def device_cookie(self, attempt: Attempt) -> str:
        """The cookie value for a browser that just signed in (keeps its id if it had one)."""
        user = attempt.signed_in or ""
        device_id = attempt.device_id if attempt.device_user == user and attempt.device_id else secrets.token_hex(8)
        encoded = base64.urlsafe_b64encode(user.encode()).decode().rstrip("=")
        return cookies.sign(self._secret, DEVICE_PURPOSE, f"{encoded}.{device_id}")
