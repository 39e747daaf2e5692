"""Plumbing every hosted provider shares: retries, secret redaction, checked downloads.

* `call_with_retries` retries a call on rate limits (429), server errors (5xx), timeouts and
  connection errors with exponential backoff and full jitter, honouring Retry-After, and never
  on quota exhaustion (402, `insufficient_quota`): more attempts cannot help and may bill.
* `RateLimiter` paces calls that share an account's quota (Replicate lets a new account create
  about six predictions a minute). A call given one waits for its turn, and a call the service
  refused as throttled is not an attempt (it never ran, nothing was billed): it waits the time
  the service named and tries again, for as long as `RetryPolicy.throttle_deadline_s` allows.
* `redact` removes keys and bearer tokens from any text before it reaches a log or an error.
* `download` fetches a provider's output at once (hosted outputs expire), only from the
  provider's own hosts, within a size limit, and checks that it is the right kind of file and
  decodes.

Nothing here imports an SDK; httpx (a dependency of both SDKs) is imported when first used.
"""

from __future__ import annotations

import logging
import math
import random
import re
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, TypeVar
from urllib.parse import urljoin, urlsplit

from .. import control
from ..errors import ConfigError, ProviderError
from ..tempfiles import temp_path

log = logging.getLogger("adstudio.providers")

T = TypeVar("T")


@dataclass(frozen=True)
class RetryPolicy:
    """How long to wait and how often to try. Tests use a fast one."""

    attempts: int = 5  # tries per call, the first included
    base_delay_s: float = 1.0  # first backoff; doubles each retry
    max_delay_s: float = 30.0  # one backoff (and an honoured Retry-After) never exceeds this
    timeout_s: float = 60.0  # one HTTP request
    poll_interval_s: float = 2.0  # between polls of a running prediction
    prediction_timeout_s: float = 1200.0  # stop waiting (a hosted prediction is then canceled)
    download_timeout_s: float = 180.0
    # A call the service keeps refusing as throttled is given up after this long (service
    # seconds, see `timescale`); throttled tries are not counted against `attempts`.
    throttle_deadline_s: float = 900.0
    # Real seconds per second of the service's clock: rate-limit windows and the waits a service
    # names are multiplied by it. Tests and benchmarks compress minutes into seconds with it.
    timescale: float = 1.0

    def backoff(self, attempt: int, retry_after: float | None = None) -> float:
        """Seconds to wait before retry number `attempt` (1-based): exponential, full jitter."""
        if retry_after is not None and retry_after >= 0:
            return min(self.max_delay_s, retry_after)
        cap = min(self.max_delay_s, self.base_delay_s * (2 ** (attempt - 1)))
        return random.uniform(cap / 2, cap)


DEFAULT_POLICY = RetryPolicy()


# --- failures ---------------------------------------------------------------------------

RETRY, QUOTA, AUTH, FATAL = "retry", "quota", "auth", "fatal"
THROTTLED = "throttled"  # refused by a rate limit before it ran: not billed, not an attempt


@dataclass
class Failure:
    """What went wrong with one attempt, as the retry loop needs to know it."""

    kind: str  # RETRY, THROTTLED, QUOTA, AUTH or FATAL
    message: str
    status: int | None = None
    retry_after: float | None = None  # seconds the service asked to wait (its own clock)


class QuotaError(ProviderError):
    """The account is out of credit or quota: not retried."""


class OutputRejected(ProviderError):
    """A provider's output was refused: wrong kind, undecodable, too large, gone, or on a host
    that is not the provider's. Fetching it again cannot help; making it again might."""


class RateLimiter:
    """At most `per_minute` calls a minute, one at a time (a burst of one), shared by every
    thread that calls through it: Replicate's limit for a new or low-credit account is "6
    requests per minute with a burst of 1". Times are the service's seconds; real waits are
    those times `timescale`. A throttled answer holds every caller back (`hold`)."""

    NOTICE_EVERY_S = 5.0  # a long wait is announced again this often (service seconds)
    # Calls are spaced this much wider than the limit: one that reaches the service a little
    # sooner after the previous one than it left (network jitter) would otherwise be refused.
    MARGIN = 1.05

    def __init__(self, per_minute: float, timescale: float = 1.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        if per_minute <= 0 or timescale <= 0:
            raise ValueError("per_minute and timescale must be above 0")
        self.per_minute, self.timescale = float(per_minute), float(timescale)
        self.interval = 60.0 / self.per_minute * self.MARGIN
        self._clock = clock
        self._next = -math.inf  # the service time the next call may start
        self._lock = threading.Lock()

    def now(self) -> float:
        return self._clock() / self.timescale

    def _take_turn(self) -> float:
        """0 when the caller may start now (its turn is taken), else how long to wait."""
        with self._lock:
            now = self.now()
            if now >= self._next:
                self._next = now + self.interval
                return 0.0
            return self._next - now

    def wait_turn(self, sleep: Callable[[float], None], on_wait: Callable[[float], None] | None = None) -> None:
        """Wait (with `sleep`, which a cancel interrupts) until the caller may start. Waits of a
        second or more are announced through `on_wait(seconds)`, again every NOTICE_EVERY_S."""
        while (wait := self._take_turn()) > 0:
            if on_wait is not None and wait >= 1.0:
                on_wait(wait)
            sleep(min(wait, self.NOTICE_EVERY_S) * self.timescale)

    def hold(self, seconds: float) -> None:
        """Nobody starts for `seconds`: the service said the limit resets then."""
        with self._lock:
            self._next = max(self._next, self.now() + max(0.0, seconds))


def call_with_retries(fn: Callable[[], T], classify: Callable[[BaseException], Failure | None], *,
                      policy: RetryPolicy, provider: str, what: str, key_var: str = "",
                      secrets: Iterable[str] = (), sleep: Callable[[float], None] | None = None,
                      limiter: RateLimiter | None = None,
                      on_wait: Callable[[float], None] | None = None) -> T:
    """Run `fn`, retrying failures `classify` calls RETRY. Other failures become readable
    errors at once. Exceptions `classify` does not recognise (None) propagate unchanged.

    With a `limiter`, every try waits for its turn (`on_wait` hears about long waits), and a
    THROTTLED failure is retried without counting as an attempt until `policy.throttle_deadline_s`
    of throttling has passed. Without one, THROTTLED is retried like any RETRY.

    A canceled run (pipeline.control) makes no further call: every attempt checks first, and
    the backoff between attempts ends early on a cancel."""
    secrets = tuple(s for s in secrets if s)
    run = control.current()
    sleep = sleep or run.sleep
    attempt = 0
    throttled_since: float | None = None
    while True:
        run.check()
        if limiter is not None:
            limiter.wait_turn(sleep, on_wait)
            run.check()
        attempt += 1
        try:
            return fn()
        except Exception as exc:  # noqa: BLE001 - classified below
            failure = classify(exc)
            if failure is None:
                raise
            detail = redact(failure.message, secrets)
            if failure.kind == THROTTLED and limiter is not None:
                attempt -= 1  # it never ran: not an attempt
                throttled_since = _hold_for_throttle(limiter, failure, throttled_since, policy, provider,
                                                     what, detail)
                continue
            _raise_unless_retryable(failure, detail, provider, what, key_var)
            if attempt >= policy.attempts:
                raise ProviderError(f"{provider}: {what} failed after {attempt} attempts: {detail}. "
                                    "Try again later.", retryable=True, provider=provider) from None
            delay = policy.backoff(attempt, failure.retry_after)
            log.warning("%s: %s: %s; retry %d of %d in %.2f s", provider, what, detail, attempt,
                        policy.attempts - 1, delay)
            sleep(delay)


def _raise_unless_retryable(failure: Failure, detail: str, provider: str, what: str, key_var: str) -> None:
    """The readable error for a failure more tries cannot fix; nothing for RETRY/THROTTLED."""
    if failure.kind == QUOTA:
        raise QuotaError(f"{provider}: {what} was refused because the account is out of credit or "
                         f"quota ({detail}). Add credit or raise the limit, then run again; "
                         "nothing further was charged.", retryable=False, provider=provider) from None
    if failure.kind == AUTH:
        raise ConfigError(f"{provider} rejected the credentials while {what} ({detail}). "
                          f"Check {key_var or 'the key'}.") from None
    if failure.kind not in (RETRY, THROTTLED):
        raise ProviderError(f"{provider}: {what} failed: {detail}", retryable=False, provider=provider) from None


def _hold_for_throttle(limiter: RateLimiter, failure: Failure, since: float | None, policy: RetryPolicy,
                       provider: str, what: str, detail: str) -> float:
    """Hold every caller of `limiter` for the wait the service named (one interval if it named
    none) and return when throttling began; give up once it has lasted the policy's deadline."""
    now = limiter.now()
    since = now if since is None else since
    wait = failure.retry_after if failure.retry_after is not None else limiter.interval
    if now + wait - since > policy.throttle_deadline_s:
        raise ProviderError(f"{provider}: {what} was still refused by the rate limit after "
                            f"{now - since:.0f} s ({detail}); nothing was charged. Try again later, or add "
                            "credit to the account (new and low-credit accounts get a lower limit).",
                            retryable=True, provider=provider) from None
    log.info("%s: %s was throttled (%s); waiting %.1f s", provider, what, detail, wait)
    limiter.hold(wait)
    return since


def parse_retry_after(value: str | None) -> float | None:
    """Retry-After in seconds (a number or an HTTP date), or None."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        from email.utils import parsedate_to_datetime
        from datetime import datetime, timezone
        when = parsedate_to_datetime(value)
        return max(0.0, (when - datetime.now(timezone.utc)).total_seconds())
    except (TypeError, ValueError):
        return None


def status_kind(status: int | None, text: str = "") -> str:
    """The failure kind of an HTTP status (with its error text for 429s and 400s)."""
    low = (text or "").lower()
    quota_words = ("insufficient_quota", "insufficient credit", "out of credit", "billing", "spend limit",
                   "quota", "payment required")
    if status == 402 or (status in (400, 403, 429) and any(w in low for w in quota_words)):
        return QUOTA
    if status in (401, 403):
        return AUTH
    if status in (408, 409, 425, 429) or (status is not None and status >= 500):
        return RETRY
    return FATAL


def transport_failure(exc: BaseException) -> Failure | None:
    """httpx timeouts and connection errors are worth retrying."""
    try:
        import httpx
    except ImportError:  # pragma: no cover
        return None
    if isinstance(exc, httpx.TimeoutException):
        return Failure(RETRY, f"timed out ({type(exc).__name__})")
    if isinstance(exc, httpx.TransportError):
        return Failure(RETRY, f"connection error ({type(exc).__name__})")
    return None


# --- secrets -----------------------------------------------------------------------------

_TOKEN_PATTERNS = [
    re.compile(r"sk-[A-Za-z0-9_\-*.]{3,}"),  # OpenAI keys, also as echoed partially by the API
    re.compile(r"r8_[A-Za-z0-9*]{3,}"),  # Replicate tokens
    re.compile(r"(?i)(bearer|token|authorization)[\s:=]+[A-Za-z0-9_\-.~+/*]{8,}=*"),
    re.compile(r"(?i)(aws_secret_access_key|secret[_-]?key|api[_-]?key)[\s:=\"']+[^\s\"',;]{8,}"),
]


def redact(text: object, secrets: Iterable[str] = ()) -> str:
    """`text` with every given secret and anything that looks like a key or bearer token
    replaced by [redacted]. Applied to every message a hosted provider lets out."""
    out = str(text)
    for s in secrets:
        if s and len(s) >= 4:
            out = out.replace(s, "[redacted]")
    for pat in _TOKEN_PATTERNS:
        out = pat.sub("[redacted]", out)
    return out[:600]


# --- downloads ---------------------------------------------------------------------------

MAX_BYTES = {"image": 40 * 1024 * 1024, "video": 400 * 1024 * 1024, "audio": 100 * 1024 * 1024}


def host_allowed(url: str, allowed_hosts: Iterable[str], allow_http: Iterable[str] = ()) -> bool:
    """True when `url` is https (or http to a host in `allow_http`) on an allowed host.
    An entry starting with a dot allows that domain's subdomains."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    host = (parts.hostname or "").lower()
    if not host or parts.username or parts.password:
        return False
    if parts.scheme == "http":
        if host not in {h.lower() for h in allow_http}:
            return False
    elif parts.scheme != "https":
        return False
    for h in allowed_hosts:
        h = h.lower()
        if (h.startswith(".") and host.endswith(h)) or host == h:
            return True
    return False


def download(url: str, dest: Path, *, kind: str, allowed_hosts: Iterable[str], allow_http: Iterable[str] = (),
             policy: RetryPolicy = DEFAULT_POLICY, provider: str, what: str, secrets: Iterable[str] = (),
             headers: dict[str, str] | None = None) -> Path:
    """Fetch a provider's output to `dest` and check it. Redirects are followed only to
    allowed hosts; anything too large, of the wrong kind or undecodable is refused."""
    allowed_hosts, allow_http = tuple(allowed_hosts), tuple(allow_http)
    limit = MAX_BYTES[kind]
    dest = Path(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = temp_path(dest)
    shown = _shown_url(url)

    def fetch() -> None:
        current = url
        client = _download_client(policy)
        for _ in range(5):
            if not host_allowed(current, allowed_hosts, allow_http):
                raise _Refused(f"the output link {_shown_url(current)} is not on {provider}'s own hosts; "
                               "refusing to fetch it")
            with client.stream("GET", current, headers=headers or {}) as resp:
                if resp.status_code in (301, 302, 303, 307, 308) and "location" in resp.headers:
                    current = urljoin(current, resp.headers["location"])
                    continue
                if resp.status_code in (404, 410):
                    raise _Refused(f"the output {shown} is gone (HTTP {resp.status_code}); outputs expire, "
                                   "run again to generate it anew")
                if resp.status_code >= 400:
                    raise _HTTPStatus(resp.status_code, resp.headers.get("retry-after"))
                declared = resp.headers.get("content-length")
                if declared and declared.isdigit() and int(declared) > limit:
                    raise _Refused(f"the output {shown} is {int(declared) / 1e6:.0f} MB, over the "
                                   f"{limit / 1e6:.0f} MB limit for a {kind}")
                ctype = resp.headers.get("content-type", "").split(";")[0].strip().lower()
                if ctype and not _type_matches(kind, ctype):
                    raise _Refused(f"the output {shown} is {ctype}, not a {kind}")
                size = 0
                with open(tmp, "wb") as f:
                    for block in resp.iter_bytes(1 << 16):
                        size += len(block)
                        if size > limit:
                            raise _Refused(f"the output {shown} is over the {limit / 1e6:.0f} MB limit "
                                           f"for a {kind}")
                        f.write(block)
                if size == 0:
                    raise _Refused(f"the output {shown} is empty")
                return
        raise _Refused(f"the output {shown} redirects too many times")

    def classify(exc: BaseException) -> Failure | None:
        if isinstance(exc, _Refused):
            return None  # not worth retrying: re-raised as OutputRejected below
        if isinstance(exc, _HTTPStatus):
            kind_ = RETRY if exc.status in (408, 429) or exc.status >= 500 else FATAL
            return Failure(kind_, f"HTTP {exc.status} fetching {shown}", exc.status, parse_retry_after(exc.retry_after))
        return transport_failure(exc)

    try:
        try:
            call_with_retries(fetch, classify, policy=policy, provider=provider, what=f"downloading {what}",
                              secrets=secrets)
        except _Refused as exc:
            raise OutputRejected(f"{provider}: {redact(exc, secrets)}", retryable=True, provider=provider) from None
        check_file(tmp, kind, provider=provider, what=what)
        tmp.replace(dest)
    finally:
        tmp.unlink(missing_ok=True)
    return dest


_CLIENTS: dict[tuple[float, float], object] = {}
_CLIENTS_LOCK = threading.Lock()


def _download_client(policy: RetryPolicy):
    """One shared httpx client per timeout setting (building one loads TLS roots: slow)."""
    import httpx

    key = (policy.download_timeout_s, policy.timeout_s)
    with _CLIENTS_LOCK:
        if key not in _CLIENTS:
            _CLIENTS[key] = httpx.Client(timeout=httpx.Timeout(policy.download_timeout_s,
                                                               connect=min(10.0, policy.timeout_s)),
                                         follow_redirects=False, trust_env=False)
        return _CLIENTS[key]


class _Refused(Exception):
    pass


class _HTTPStatus(Exception):
    def __init__(self, status: int, retry_after: str | None) -> None:
        super().__init__(f"HTTP {status}")
        self.status, self.retry_after = status, retry_after


def _shown_url(url: str) -> str:
    """A URL without its query string (signatures) for messages."""
    try:
        p = urlsplit(url)
        return f"{p.scheme}://{p.netloc}{p.path}"[:200]
    except ValueError:
        return "(unparseable URL)"


def _type_matches(kind: str, ctype: str) -> bool:
    if ctype in ("application/octet-stream", "binary/octet-stream", "application/binary"):
        return True
    if kind == "audio":
        return ctype.startswith("audio/") or ctype in ("video/mp4", "application/ogg")
    return ctype.startswith(kind + "/")


def sniff(path: Path) -> str | None:
    """The kind of a file from its first bytes: image, video, audio or None."""
    with open(path, "rb") as f:
        head = f.read(16)
    if head.startswith(b"\x89PNG\r\n\x1a\n") or head.startswith(b"\xff\xd8\xff") or \
            (head[:4] == b"RIFF" and head[8:12] == b"WEBP"):
        return "image"
    if head[4:8] == b"ftyp" or head.startswith(b"\x1a\x45\xdf\xa3"):
        return "video"  # MP4/MOV or Matroska/WebM
    if (head[:4] == b"RIFF" and head[8:12] == b"WAVE") or head.startswith(b"ID3") or head.startswith(b"fLaC") \
            or head.startswith(b"OggS") or (len(head) > 1 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0):
        return "audio"
    return None


def check_file(path: Path, kind: str, *, provider: str, what: str) -> None:
    """Refuse a file that is not the expected kind or does not decode."""
    found = sniff(path)
    if kind == "audio" and found == "video":
        found = "audio" if _decodes_audio(path) else found
    if found != kind:
        raise OutputRejected(f"{provider} returned {what} that is not a {kind} file", retryable=True,
                             provider=provider)
    if kind == "image":
        from PIL import Image, UnidentifiedImageError
        try:
            with Image.open(path) as img:
                img.load()
                w, h = img.size
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
            raise OutputRejected(f"{provider} returned {what} that does not decode as an image",
                                 retryable=True, provider=provider) from None
        if min(w, h) < 16:
            raise OutputRejected(f"{provider} returned {what} of only {w}x{h} pixels", retryable=True,
                                 provider=provider)
    elif kind == "video":
        from ..errors import RenderError
        from ..render.ffmpeg import probe
        try:
            info = probe(path, count=True)
        except RenderError:
            info = None
        if info is None or info.frames < 1 or min(info.width, info.height) < 16:
            raise OutputRejected(f"{provider} returned {what} that does not decode as a video",
                                 retryable=True, provider=provider)
    elif kind == "audio":
        if not _decodes_audio(path):
            raise OutputRejected(f"{provider} returned {what} that does not decode as audio",
                                 retryable=True, provider=provider)


def _decodes_audio(path: Path) -> bool:
    from ..render import watchdog
    from ..render.ffmpeg import ffmpeg_exe
    proc = watchdog.run([ffmpeg_exe(), "-hide_banner", "-nostdin", "-loglevel", "error", "-i", str(path),
                         "-map", "0:a:0", "-t", "600", "-f", "null", "-"], f"checking {path.name}")
    return proc.returncode == 0 and not proc.stderr.strip()
