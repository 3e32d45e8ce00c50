"""Login throttling: django-axes counts failed logins and locks a user name + address out."""
from __future__ import annotations

from axes.backends import AxesStandaloneBackend


class LoginThrottle(AxesStandaloneBackend):
    """axes' check, for logins that come with a request (the sign-in form, the admin).

    ``authenticate()`` without a request is not a web login (the shell, the test client's
    ``login()``): axes cannot tell an address there and would refuse it, so it is let through
    to the password check unthrottled."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username, password, **kwargs)
