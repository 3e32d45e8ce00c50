from django.test import Client

# the demo plan (indexed by its import), an open 2026-05 cycle and one user per role
from ..supervision.conftest import world  # noqa: F401 (the fixture)


def client_for(user=None) -> Client:
    client = Client(raise_request_exception=False)
    if user is not None:
        client.force_login(user)
    return client
