# the supervision world (the demo plan, an open cycle, one user per role) serves here too
from ..supervision.conftest import make_user, world  # noqa: F401
