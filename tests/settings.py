"""Settings for the test suite: the production settings (DEBUG off), as a real deployment runs
them, with a throwaway secret key.  The test client and the browser tests speak plain HTTP, so
HTTPS is off here; tests/test_security.py checks the HTTPS settings in a subprocess."""
import os
import secrets

os.environ.setdefault("ECOPLAN_SECRET_KEY", secrets.token_urlsafe(50))
os.environ.setdefault("ECOPLAN_HTTPS", "0")

from ecoplan.settings import *  # noqa: E402,F403
