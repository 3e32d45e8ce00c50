"""API tokens: a user issues and revokes their own."""
from __future__ import annotations

from django.db import transaction
from django.http import Http404
from django.utils import timezone

from ..models import ApiToken


@transaction.atomic(durable=True)
def do_issue_api_token(user, name: str = "") -> str:
    """A new token for `user`; the token itself is returned once and never stored."""
    return ApiToken.issue(user, name)


def access_own_token(user, token_id: int) -> ApiToken:
    """The user's own token; someone else's looks missing (404), like one that does not exist."""
    token = ApiToken.objects.filter(pk=token_id, user=user).select_related("user").first()
    if token is None:
        raise Http404("no such token")
    return token


@transaction.atomic(durable=True)
def do_revoke_api_token(token: ApiToken) -> ApiToken:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token
