"""Request hardening shared by every page and endpoint: the real client address, browser policy
headers, control characters in input, and JSON that nests too deeply.

Client address: behind a reverse proxy every request comes from the proxy, and the client's
address is in ``X-Forwarded-For`` — which anyone can also send.  ``ClientAddressMiddleware``
believes that header only when the request really comes from a proxy named in
``FAZHI_TRUSTED_PROXIES`` (addresses or networks; empty: trust none), takes the right-most
address not itself a trusted proxy, and writes it to ``REMOTE_ADDR``.  Every rate limit (DRF's
throttles with ``NUM_PROXIES = 0``, the portal's and the verifier's cache counters) counts by
``REMOTE_ADDR`` and so per real client, and no header a client invents can change its bucket.
"""

from __future__ import annotations

import ipaddress
import json
import re
from functools import cache
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, QueryDict
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

# C0 controls except tab, newline and carriage return, DEL, and C1 controls: never meaningful
# in a form field, and they make XLSX files unreadable (openpyxl refuses them).
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
MAX_JSON_DEPTH = 32


def strip_control_characters(value: str) -> str:
    return CONTROL_CHARACTERS.sub("", value)


def clean_strings(value: Any) -> Any:
    """``value`` (decoded JSON) with control characters removed from every string."""
    if isinstance(value, str):
        return strip_control_characters(value)
    if isinstance(value, list):
        return [clean_strings(v) for v in value]
    if isinstance(value, dict):
        return {clean_strings(k): clean_strings(v) for k, v in value.items()}
    return value


# --------------------------------------------------------------------------- client address


@cache
def _trusted_networks(spec: tuple[str, ...]) -> tuple[ipaddress._BaseNetwork, ...]:
    return tuple(ipaddress.ip_network(item, strict=False) for item in spec)


def _is_trusted(address: str) -> bool:
    networks = _trusted_networks(tuple(settings.FAZHI_TRUSTED_PROXIES))
    if not networks:
        return False
    try:
        ip = ipaddress.ip_address(address.strip())
    except ValueError:
        return False
    return any(ip in network for network in networks)


def client_address(meta: dict[str, Any]) -> str:
    """The client's address: the peer, or what trusted proxies say the client was."""
    peer = meta.get("REMOTE_ADDR", "") or ""
    if not _is_trusted(peer):
        return peer
    forwarded = [a.strip() for a in meta.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
    # Walk from the right: each hop appended the address it received from; the first one that
    # is not one of our proxies is the client (anything left of it the client could forge).
    for address in reversed(forwarded):
        if not _is_trusted(address):
            try:
                return str(ipaddress.ip_address(address))
            except ValueError:
                return peer
    return forwarded[0] if forwarded else peer


class ClientAddressMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.META["FAZHI_PEER_ADDR"] = request.META.get("REMOTE_ADDR", "")
        request.META["REMOTE_ADDR"] = client_address(request.META)
        # Nothing downstream may read the raw header as an identity.
        request.META.pop("HTTP_X_FORWARDED_FOR", None)
        return self.get_response(request)


# --------------------------------------------------------------------------- headers


class PermissionsPolicyMiddleware:
    """Turn off browser features no page of the platform uses."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.FAZHI_PERMISSIONS_POLICY)
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        return response


# --------------------------------------------------------------------------- input


class ControlCharacterMiddleware:
    """Strip control characters from submitted form fields (pages); the API's parsers do the
    same for JSON.  Text typed by a person never contains them; pasted text sometimes does."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method == "POST" and request.content_type in (
            "application/x-www-form-urlencoded",
            "multipart/form-data",
        ):
            post = request.POST
            if any(CONTROL_CHARACTERS.search(v) for vs in post.lists() for v in vs[1]):
                cleaned = QueryDict(mutable=True, encoding=post.encoding)
                for key, values in post.lists():
                    cleaned.setlist(key, [strip_control_characters(v) for v in values])
                cleaned._mutable = False
                request.POST = cleaned  # type: ignore[assignment]  # an immutable copy, as Django's
        return self.get_response(request)


def _depth(value: Any) -> int:
    """Nesting depth of decoded JSON, iteratively (no recursion to exhaust)."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, (list, dict)):
            deepest = max(deepest, level)
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, level + 1) for child in children)
    return deepest


class SafeJSONParser(JSONParser):
    """JSON bodies: refuse nesting deeper than ``MAX_JSON_DEPTH`` (a 10,000-deep array would
    exhaust the interpreter's recursion) and strip control characters from strings."""

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError("JSON 嵌套层次过深。") from None
        if _depth(data) > MAX_JSON_DEPTH:
            raise ParseError(f"JSON 嵌套层次超过 {MAX_JSON_DEPTH} 层。")
        return clean_strings(data)


def json_loads_limited(text: str | bytes) -> Any:
    """``json.loads`` for other places that take JSON from outside, with the same depth limit."""
    try:
        data = json.loads(text)
    except RecursionError:
        raise ValueError("JSON nested too deeply") from None
    if _depth(data) > MAX_JSON_DEPTH:
        raise ValueError("JSON nested too deeply")
    return data
