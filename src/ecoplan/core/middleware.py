"""Request context for the audit trail."""
from __future__ import annotations

from . import audit


class AuditMiddleware:
    """Keeps the request at hand while it is served, so an audit entry written during it names
    the user and address. The user is read when the entry is written, not here: an API call's
    user is known only after its token is checked."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = audit.current_request.set(request)
        try:
            return self.get_response(request)
        finally:
            audit.current_request.reset(token)
