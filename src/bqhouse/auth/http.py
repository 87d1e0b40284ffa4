"""The REST side of auth: the token endpoint, the metadata server, and the middleware.

- ``POST /token``: the JWT-bearer grant (RFC 7523) ``google.oauth2.service_account`` uses.
- ``/computeMetadata/v1/...``: enough of the GCE metadata server for ``google.auth.default()``
  (https://cloud.google.com/compute/docs/metadata/overview), answering loopback callers only.
- ``AuthMiddleware``: a bearer token on every other route, then the route's permission.
"""

from __future__ import annotations

import ipaddress
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs

import orjson
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Match, Route
from starlette.types import ASGIApp, Receive, Scope, Send

from bqhouse import errors
from bqhouse.auth import tokens
from bqhouse.auth.policy import current_identity, log_refused

if TYPE_CHECKING:
    from bqhouse.auth.service import Auth

_PUBLIC = {"/healthz", "/token"}
_METADATA = "/computeMetadata/v1/"
_FLAVOR = {"Metadata-Flavor": "Google"}
# Google's wording for a missing and for an invalid credential on a REST call.
_LOGIN_REQUIRED = (
    "Request is missing required authentication credential. Expected OAuth 2 access token, "
    "login cookie or other valid authentication credential. See "
    "https://developers.google.com/identity/sign-in/web/devconsole-project."
)
_INVALID = (
    "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie "
    "or other valid authentication credential. See "
    "https://developers.google.com/identity/sign-in/web/devconsole-project."
)


def is_loopback(host: str | None) -> bool:
    """Whether ``host`` (an address or ``localhost``) is this machine only.

    >>> is_loopback("127.0.0.1"), is_loopback("0.0.0.0"), is_loopback("localhost")
    (True, False, True)
    """
    if host in ("localhost", None):
        return host == "localhost"
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def auth_required(host: str, flag: bool | None) -> bool:
    """``--auth``/``--no-auth`` when given; otherwise on unless bound to loopback only.

    >>> auth_required("127.0.0.1", None), auth_required("0.0.0.0", None)
    (False, True)
    >>> auth_required("0.0.0.0", False), auth_required("::1", True)
    (False, True)
    """
    return flag if flag is not None else not is_loopback(host)


def _auth(request: Request) -> Auth:
    auth: Auth = request.app.state.warehouse.auth
    return auth


def _oauth_error(error: str, description: str) -> Response:
    return JSONResponse({"error": error, "error_description": description}, status_code=400)


async def token(request: Request) -> Response:
    """Exchange a signed JWT assertion for an access token (audience: this URL)."""
    form = {k: v[0] for k, v in parse_qs((await request.body()).decode()).items()}
    if form.get("grant_type") != "urn:ietf:params:oauth:grant-type:jwt-bearer":
        return _oauth_error("unsupported_grant_type", "Only the JWT-bearer grant is supported.")
    auth = _auth(request)
    audience = str(request.url.replace(query=""))
    try:
        identity = tokens.verify_assertion(auth.store, form.get("assertion", ""), audience)
    except tokens.TokenError as exc:
        log_refused("(unknown)", "oauth2.token", str(exc))
        return _oauth_error("invalid_grant", f"Invalid JWT: {exc}")
    access = tokens.issue(auth.store, identity)
    return JSONResponse(
        {
            "access_token": access,
            "expires_in": tokens.ACCESS_TOKEN_SECONDS,
            "token_type": "Bearer",
        }
    )


def _metadata_refusal(request: Request) -> Response | None:
    if request.headers.get("metadata-flavor") != "Google" or "x-forwarded-for" in request.headers:
        return PlainTextResponse("Missing Metadata-Flavor:Google header.", 403, headers=_FLAVOR)
    if not is_loopback(request.client.host if request.client else None):
        return PlainTextResponse("The metadata server answers this machine only.", 403)
    return None


async def metadata(request: Request) -> Response:
    """``/computeMetadata/v1/{path}`` for the account bound by --metadata-service-account."""
    refused = _metadata_refusal(request)
    if refused is not None:
        return refused
    auth = _auth(request)
    path = request.path_params["path"].rstrip("/")
    email = auth.metadata_account
    if path == "project/project-id":
        return PlainTextResponse(auth.project, headers=_FLAVOR)
    if path == "project/numeric-project-id":
        return PlainTextResponse("0", headers=_FLAVOR)
    if path == "universe/universe-domain":
        return PlainTextResponse("googleapis.com", headers=_FLAVOR)
    parts = path.split("/")
    if email is None or parts[:2] != ["instance", "service-accounts"] or len(parts) < 3:
        return PlainTextResponse("Not found", 404, headers=_FLAVOR)
    if parts[2] not in ("default", email):
        return PlainTextResponse("Not found", 404, headers=_FLAVOR)
    return _service_account_answer(request, auth, email, parts[3:])


def _service_account_answer(request: Request, auth: Auth, email: str, rest: list[str]) -> Response:
    scopes = ["https://www.googleapis.com/auth/cloud-platform"]
    info: dict[str, Any] = {"email": email, "scopes": scopes, "aliases": ["default"]}
    if rest == []:
        if request.query_params.get("recursive") == "true":
            return JSONResponse(info, headers=_FLAVOR)
        return PlainTextResponse("aliases\nemail\nscopes\ntoken\n", headers=_FLAVOR)
    if rest == ["email"]:
        return PlainTextResponse(email, headers=_FLAVOR)
    if rest == ["scopes"]:
        return PlainTextResponse("\n".join(scopes), headers=_FLAVOR)
    if rest == ["token"]:
        access = tokens.issue(auth.store, tokens.Identity(email, tokens.METADATA_KEY))
        body = {
            "access_token": access,
            "expires_in": tokens.ACCESS_TOKEN_SECONDS,
            "token_type": "Bearer",
        }
        return JSONResponse(body, headers=_FLAVOR)
    return PlainTextResponse("Not found", 404, headers=_FLAVOR)


ROUTES = [
    Route("/token", token, methods=["POST"]),
    Route(_METADATA + "{path:path}", metadata, methods=["GET"]),
]


def _json(exc: errors.BigQueryError, headers: dict[str, str] | None = None) -> Response:
    return Response(
        orjson.dumps(errors.error_body(exc)),
        status_code=exc.http_status,
        media_type="application/json",
        headers=headers,
    )


class AuthMiddleware:
    """Authenticate every REST call but the public ones, then check the route's permission."""

    def __init__(self, app: ASGIApp, auth: Auth) -> None:
        self.app = app
        self.auth = auth

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or _is_public(scope):
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        if scope["path"] == "/" and request.headers.get("metadata-flavor") == "Google":
            # google.auth's "am I on GCE?" ping (GCE_METADATA_IP points here).
            await PlainTextResponse("ok", headers=_FLAVOR)(scope, receive, send)
            return
        header = request.headers.get("authorization", "")
        scheme, _, bearer = header.partition(" ")
        label = f"{scope['method']} {scope['path']}"
        if scheme.lower() != "bearer" or not bearer.strip():
            log_refused("(anonymous)", label, "no bearer token")
            exc: errors.BigQueryError = errors.LoginRequired(
                _LOGIN_REQUIRED, location="Authorization"
            )
            await _json(exc, _CHALLENGE)(scope, receive, send)
            return
        try:
            identity = await run_in_threadpool(tokens.authenticate, self.auth.store, bearer.strip())
        except tokens.TokenError as err:
            log_refused("(invalid token)", label, str(err))
            exc = errors.Unauthenticated(_INVALID, location="Authorization")
            await _json(exc, _CHALLENGE)(scope, receive, send)
            return
        try:
            await run_in_threadpool(self._check_route, scope, identity)
        except errors.BigQueryError as err:
            await _json(err)(scope, receive, send)
            return
        reset = current_identity.set(identity)
        try:
            await self.app(scope, receive, send)
        finally:
            current_identity.reset(reset)

    def _check_route(self, scope: Scope, identity: tokens.Identity) -> None:
        for route in scope["app"].router.routes:
            if not isinstance(route, Route):
                continue
            match, child = route.matches(scope)
            if match == Match.FULL:
                params = {k: str(v) for k, v in child["path_params"].items()}
                self.auth.authorizer.require_route(identity, scope["method"], route.path, params)
                return


_CHALLENGE = {"WWW-Authenticate": 'Bearer realm="https://accounts.google.com/"'}


def _is_public(scope: Scope) -> bool:
    path: str = scope["path"]
    return path in _PUBLIC or path.startswith(_METADATA) or _is_console_page(scope)


def _is_console_page(scope: Scope) -> bool:
    """The web console's page and static files hold no data (its API calls carry tokens)."""
    path: str = scope["path"]
    if path.startswith("/console/static/"):
        return True
    ping = any(name == b"metadata-flavor" for name, _ in scope.get("headers", []))
    return path in ("/", "/console") and scope["method"] == "GET" and not ping
