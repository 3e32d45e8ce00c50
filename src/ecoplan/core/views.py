"""The product's own error pages (400, 403, 404, 500): our base template with its navigation, in
the visitor's language.  Django's own handlers render 400 and 500 without the request, so these
two are ours; 403 and 404 are Django's handlers with our templates."""
from __future__ import annotations

import logging

from django.core.exceptions import BadRequest
from django.shortcuts import render
from django.views import defaults

log = logging.getLogger(__name__)


def bad_request(request, exception):
    # A BadRequest is raised on purpose with a message for the user (a bad parameter); other
    # SuspiciousOperations (a forged Host header…) are not explained to the client.
    message = str(exception) if isinstance(exception, BadRequest) else ""
    return render(request, "400.html", {"message": message}, status=400)


def server_error(request):
    try:
        return render(request, "500.html", status=500)
    except Exception:  # the page itself failed (database down…): Django's context-free page
        log.exception("rendering 500.html failed")
        return defaults.server_error(request)


def locked_out(request, original_response=None, credentials=None):
    """django-axes' answer to a locked-out sign-in (AXES_LOCKOUT_CALLABLE): our page, 429."""
    from django.conf import settings

    return render(request, "registration/locked_out.html", {
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "lockout_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
    }, status=429)
