"""A one-line progress bar on a stream (the command's stderr), redrawn in place."""

import time

BAR_WIDTH = 30


class ProgressBar:
    """``[#####.....] 40/150 counties · 0:42 · 61,234 publications``.

    Redraws at most every ``interval`` seconds, except the final state, so
    writing the bar never costs more than the work it reports on.
    """

    def __init__(self, stream, *, total: int, unit: str, interval: float = 0.2):
        self.stream = stream
        self.total = total
        self.unit = unit
        self.interval = interval
        self.started = time.monotonic()
        self.drawn = 0.0

    def update(self, done: int, note: str = "") -> None:
        now = time.monotonic()
        if done < self.total and now - self.drawn < self.interval:
            return
        self.drawn = now
        filled = int(BAR_WIDTH * done / self.total) if self.total else BAR_WIDTH
        bar = "#" * filled + "." * (BAR_WIDTH - filled)
        elapsed = int(now - self.started)
        clock = f"{elapsed // 60}:{elapsed % 60:02d}"
        line = f"\r[{bar}] {done}/{self.total} {self.unit} · {clock}"
        if note:
            line += f" · {note}"
        self.stream.write(line, ending="")
        self.stream.flush()

    def finish(self) -> None:
        self.stream.write("")
