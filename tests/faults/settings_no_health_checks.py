"""The test settings with ``CONN_HEALTH_CHECKS`` off: the control of test_pg_restart."""

from portal.settings.test import *  # noqa: F403
from portal.settings.test import DATABASES

DATABASES["default"]["CONN_HEALTH_CHECKS"] = False
