"""The studio's ASGI middleware, in front of every Gradio route (installed by studio.app.launch).

It does three things Gradio cannot be told to do:

1. **Project files only to their owner.** A GET/HEAD through either of Gradio's file routes
   (`/gradio_api/file=<path>`, `/gradio_api/file/<path>`) whose path lies in the data dir is
   answered here and never reaches Gradio: the file is sent if `FileAccess.may_read` says the
   asker owns a live project it belongs to, else 404 (401 when login is on and nobody is
   signed in). The asker is resolved the way Gradio resolves `gr.Request.username` (its
   access-token cookie), then by `Studio.owner`, the same function every handler uses.
   (The data folders must stay *allowed* for Gradio: gr.Video checks that before linking a
   file. Gradio's static file workers, which would answer before this middleware, are kept
   off by studio.app.)
2. **A workspace per guest browser** in Hugging Face sign-in mode: a browser without a valid
   signed guest cookie gets one (also injected into the current request, so its first call
   already has a workspace).
3. **The login brake's context**: on POST /login it records the client address and the device
   cookie for `LoginGuard`, and sets the device cookie on a successful sign-in.
"""

from __future__ import annotations

import inspect
import mimetypes
import os
import secrets
from types import SimpleNamespace
from typing import Any

from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse

from pipeline.errors import NotFoundError

from . import cookies
from .core import on_spaces
from .guests import GUEST_COOKIE, GUEST_PURPOSE
from .login_guard import CURRENT, DEVICE_COOKIE, DEVICE_MAX_AGE_S, Attempt, LoginGuard

FILE_ROUTES = ("/gradio_api/file=", "/gradio_api/file/")  # Gradio's two spellings of its file route
# Shown in the page (inline); anything else is a download, so an uploaded HTML or SVG can never
# run script in the studio's origin.
INLINE_TYPES = {"video/mp4", "video/webm", "image/png", "image/jpeg", "image/webp", "image/gif",
                "audio/wav", "audio/x-wav", "audio/mpeg", "audio/mp4", "audio/aac"}


def client_address(scope: dict[str, Any], behind_proxy: bool) -> str:
    """The address a login attempt came from. Behind Hugging Face's proxy every request comes
    from the proxy, so there the last X-Forwarded-For entry (the one the proxy added) is used."""
    if behind_proxy:
        for name, value in scope.get("headers") or []:
            if name == b"x-forwarded-for":
                last = value.decode("latin-1").split(",")[-1].strip()
                if last:
                    return last
    client = scope.get("client")
    return str(client[0]) if client else "unknown"


class StudioGate:
    def __init__(self, app: Any, studio: Any, guard: LoginGuard | None = None) -> None:
        self.app = app
        self.studio = studio
        self.guard = guard
        self.secret = studio.browser_secret().encode()

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        extra_headers: list[tuple[bytes, bytes]] = []
        if self.studio.oauth:
            scope = self._with_guest(scope, extra_headers)
        path, method = scope.get("path", ""), scope.get("method", "GET")
        route = next((r for r in FILE_ROUTES if r in path), None) if method in ("GET", "HEAD") else None
        if route is not None:
            target = path.split(route, 1)[1]
            if self.studio.files.claims(target):
                await self._send_file(scope, receive, send, target, extra_headers)
                return
        token = None
        if method == "POST" and path.rstrip("/").endswith("/login") and self.guard is not None:
            token = CURRENT.set(self._attempt(scope))
        try:
            await self.app(scope, receive, self._sender(send, extra_headers, scope))
        finally:
            if token is not None:
                CURRENT.reset(token)

    # -- files -------------------------------------------------------------------------------------
    async def _send_file(self, scope: dict[str, Any], receive: Any, send: Any, target: str,
                         extra_headers: list[tuple[bytes, bytes]]) -> None:
        try:
            owner = await self.http_owner(scope)
        except NotFoundError:
            response: Any = JSONResponse({"detail": "Sign in to see your files."}, status_code=401)
        else:
            if self.studio.files.may_read(owner, target):
                real = os.path.realpath(os.path.abspath(target))
                kind = mimetypes.guess_type(real)[0] or "application/octet-stream"
                inline = kind in INLINE_TYPES
                response = FileResponse(real, media_type=kind if inline else "application/octet-stream",
                                        content_disposition_type="inline" if inline else "attachment",
                                        filename=os.path.basename(real),
                                        headers={"Cache-Control": "private, no-cache",
                                                 "X-Content-Type-Options": "nosniff"})
            else:
                response = JSONResponse({"detail": "Not found."}, status_code=404)
        await response(scope, receive, self._sender(send, extra_headers, scope))

    async def http_owner(self, scope: dict[str, Any]) -> str | None:
        """`Studio.owner` for a plain HTTP request (raises NotFoundError when sign-in is needed)."""
        request = Request(scope)
        app = scope.get("app")
        user = None
        dependency = getattr(app, "auth_dependency", None)
        if dependency is not None:
            user = dependency(request)
            if inspect.isawaitable(user):
                user = await user
        elif getattr(app, "auth", None) is not None:  # Gradio's access-token cookie, as its /user route reads it
            cookie_id = getattr(app, "cookie_id", "")
            token = request.cookies.get(f"access-token-{cookie_id}") or request.cookies.get(
                f"access-token-unsecure-{cookie_id}")
            user = getattr(app, "tokens", {}).get(token)
        session = scope.get("session") if "session" in scope else {}
        return self.studio.owner(SimpleNamespace(username=user, cookies=request.cookies, session=session))

    # -- guests ------------------------------------------------------------------------------------
    def _with_guest(self, scope: dict[str, Any], extra_headers: list[tuple[bytes, bytes]]) -> dict[str, Any]:
        jar = cookies.request_cookies(scope)
        if cookies.unsign(self.secret, GUEST_PURPOSE, jar.get(GUEST_COOKIE)):
            return scope
        value = cookies.sign(self.secret, GUEST_PURPOSE, secrets.token_hex(16))
        extra_headers.append(cookies.set_cookie_header(GUEST_COOKIE, value, scope))
        return cookies.with_cookie(scope, GUEST_COOKIE, value)  # the browser sends it from the next request on

    # -- login -------------------------------------------------------------------------------------
    def _attempt(self, scope: dict[str, Any]) -> Attempt:
        assert self.guard is not None
        user, device_id = self.guard.read_device(cookies.request_cookies(scope).get(DEVICE_COOKIE))
        return Attempt(address=client_address(scope, behind_proxy=on_spaces()), device_user=user,
                       device_id=device_id)

    def _sender(self, send: Any, extra_headers: list[tuple[bytes, bytes]], scope: dict[str, Any]) -> Any:
        async def wrapped(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers") or []) + extra_headers
                attempt = CURRENT.get()
                if attempt is not None and attempt.signed_in and message.get("status") == 200 and self.guard:
                    headers.append(cookies.set_cookie_header(DEVICE_COOKIE, self.guard.device_cookie(attempt), scope,
                                                             max_age=DEVICE_MAX_AGE_S))
                message = {**message, "headers": headers}
            await send(message)
        return wrapped
