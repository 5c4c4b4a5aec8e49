"""Run a management command that stops half-way, inside its transaction, to be killed.

    python -m tests.faults.killable MARKER TABLE COUNT -- COMMAND [ARGS...]

Runs ``manage.py COMMAND ARGS`` against DATABASE_URL. After the COUNT-th INSERT
into TABLE that runs inside a transaction, it writes MARKER and sleeps, so the
test can SIGKILL it exactly there: rows written, nothing committed. With COUNT 0
the command runs through untouched (the control).
"""

import os
import sys
import time
from pathlib import Path


def main(argv: list[str]) -> None:
    marker, table, count = Path(argv[0]), argv[1], int(argv[2])
    command = argv[argv.index("--") + 1 :]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")
    import django
    from django.core.management import call_command
    from django.db import connection

    django.setup()
    seen = 0

    def stop_half_way(execute, sql, params, many, context):
        nonlocal seen
        result = execute(sql, params, many, context)
        if sql.lstrip().upper().startswith(f'INSERT INTO "{table.upper()}"'):
            seen += 1
            if seen == count and connection.in_atomic_block:
                marker.write_text(str(os.getpid()))
                time.sleep(600)  # until the test kills us
        return result

    with connection.execute_wrapper(stop_half_way):
        call_command(*command)


if __name__ == "__main__":
    main(sys.argv[1:])
