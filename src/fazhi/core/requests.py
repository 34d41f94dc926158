"""Request types for the type checker: behind ``login_required`` (pages) or the API's
``IsAuthenticated`` default, ``request.user`` is a signed-in ``User``, the type services take as
``actor``. Annotations only; nothing here runs differently."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser, User
from django.http import HttpRequest
from rest_framework.request import Request


class AuthenticatedHttpRequest(HttpRequest):
    user: User


class AuthenticatedRequest(Request):
    user: User


def signed_in(user: User | AnonymousUser) -> User:
    """The user of a request that authentication has already let through (``self.request.user``
    in a DRF hook, where no annotation can narrow it)."""
    assert isinstance(user, User)  # IsAuthenticated refused anonymous callers before this
    return user
