"""The built-in sources of the ranking engine, registered on import (``apps.ready``): one module
each — air (the air store), measurement (the monthly networks), water (the sections), reported
(accepted values).  Supervision's figures register from the supervision app, which sits above."""
from __future__ import annotations

from . import source_air, source_measurement, source_reported, source_water

BUILTIN = (source_air, source_measurement, source_reported, source_water)
