"""Login throttling: django-axes counts failed logins and locks a user name + address out."""
from __future__ import annotations

from axes.backends import AxesStandaloneBackend
from django.conf import settings


class LoginThrottle(AxesStandaloneBackend):
    """axes' check, for logins that come with a request (the sign-in form, the admin).

    ``authenticate()`` without a request is not a web login (the shell, the test client's
    ``login()``): axes cannot tell an address there and would refuse it, so it is let through
    to the password check unthrottled."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username, password, **kwargs)


def client_address(request) -> str | None:
    """The address a sign-in came from (AXES_CLIENT_IP_CALLABLE).  Behind the TLS proxy it is the
    last X-Forwarded-For entry, the one the proxy itself added; earlier entries are the client's
    to forge."""
    if settings.ECOPLAN_TLS_PROXY:
        forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
        if forwarded:
            return forwarded[-1]
    return request.META.get("REMOTE_ADDR")
