"""The fault run of the load test: checking clients while servers fail.

``FaultRun`` drives them with checking clients while the primary crashes and
restarts and the standby stops: readers request publication pages and note
every answer; a writer withdraws publications one by one and notes when each
withdrawal was acknowledged. Afterwards the answers are checked against the
acknowledgements and the database.
"""

import http.client
import random
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import urlencode, urlparse

from tests import pgcluster


@dataclass
class Answer:
    instance: int
    path: str
    start: float
    end: float
    status: int | None  # None: no answer (connection refused, timeout)


@dataclass
class Browser:
    """One browser's cookies and requests, to any instance."""

    bases: list[str]
    cookies: dict[str, str] = field(default_factory=dict)

    def request(self, instance: int, method: str, path: str, data=None):
        base = urlparse(self.bases[instance])
        headers = {
            "Host": "127.0.0.1",
            "X-Forwarded-Proto": "https",
            "Origin": "https://127.0.0.1",
        }
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if data is not None:
            body = urlencode(data)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        link = http.client.HTTPConnection(base.hostname, base.port, timeout=30)
        try:
            link.request(method, path, body=body, headers=headers)
            response = link.getresponse()
            for header in response.headers.get_all("Set-Cookie") or []:
                name, _sep, value = header.split(";")[0].partition("=")
                self.cookies[name.strip()] = value
            return response.status, response.read().decode()
        except OSError:
            return None, ""
        finally:
            link.close()


class FaultRun:
    """Readers and a writer against every instance until ``stop()``."""

    def __init__(
        self, bases: list[str], *, staff_cookies: dict, targets: list[int], withdrawn
    ):
        """``withdrawn(pk)`` says whether the database holds ``pk`` as withdrawn:
        a withdrawal whose answer was lost (the primary crashed after the commit)
        is found withdrawn on the next try instead of acknowledged."""
        self.withdrawn = withdrawn
        self.bases = bases
        self.staff = Browser(bases, dict(staff_cookies))
        self.targets = list(targets)
        self.answers: list[Answer] = []
        self.acknowledged: dict[int, float] = {}  # publication → when
        self.write_failures = 0
        self._done = threading.Event()
        self._lock = threading.Lock()
        self._threads: list[threading.Thread] = []

    def start(self, *, readers: int = 4, write_every: float = 0.25) -> None:
        for number in range(readers):
            self._threads.append(threading.Thread(target=self._read, args=(number,)))
        self._threads.append(threading.Thread(target=self._write, args=(write_every,)))
        for thread in self._threads:
            thread.start()

    def stop(self) -> None:
        self._done.set()
        for thread in self._threads:
            thread.join(timeout=120)

    def _read(self, number: int) -> None:
        rng = random.Random(number)
        browser = Browser(self.bases)
        while not self._done.is_set():
            instance = rng.randrange(len(self.bases))
            path = f"/p/{rng.choice(self.targets)}/"
            start = time.monotonic()
            status, _body = browser.request(instance, "GET", path)
            with self._lock:
                self.answers.append(
                    Answer(instance, path, start, time.monotonic(), status)
                )

    def _withdraw(self, instance: int, pk: int) -> int | None:
        path = f"/staff/publications/{pk}/withdraw/"
        status, _page = self.staff.request(instance, "GET", path)
        if status != 200 or "csrftoken" not in self.staff.cookies:
            return status
        status, _page = self.staff.request(
            instance,
            "POST",
            path,
            {
                "csrfmiddlewaretoken": self.staff.cookies["csrftoken"],
                "reason": "负载测试：撤回以核对缓存与副本",
            },
        )
        return status

    def _write(self, every: float) -> None:
        for index, pk in enumerate(self.targets[: len(self.targets) // 2]):
            while not self._done.is_set():
                status = self._withdraw(index % len(self.bases), pk)
                answered = status is not None and status < 500
                if status == 302 or (answered and self.withdrawn(pk)):
                    self.acknowledged[pk] = time.monotonic()
                    break
                self.write_failures += 1  # the database is down: try again
                time.sleep(0.1)
            if self._done.wait(every):
                return

    # What the answers say

    def stale(self) -> list[Answer]:
        """Publication pages answered 200 though requested after the withdrawal
        of that publication was acknowledged."""
        return [
            a
            for a in self.answers
            if a.status == 200
            and (pk := int(a.path.strip("/").split("/")[1])) in self.acknowledged
            and a.start > self.acknowledged[pk]
        ]

    @staticmethod
    def failed(answer: Answer) -> bool:
        return answer.status is None or answer.status >= 500

    def recovered_at(self, instance: int, after: float) -> float | None:
        """When ``instance`` first answered a request started after ``after``."""
        ok = [
            a.end
            for a in self.answers
            if a.instance == instance and a.start > after and not self.failed(a)
        ]
        return min(ok, default=None)

    def failures_between(self, start: float, end: float) -> list[Answer]:
        return [
            a
            for a in self.answers
            if self.failed(a) and a.start >= start and a.end <= end
        ]


def wait_for_primary(timeout: float = 60) -> None:
    import os

    deadline = time.monotonic() + timeout
    while pgcluster.primary(os.environ, "SELECT 1") != "1":
        if time.monotonic() > deadline:
            raise RuntimeError("The primary did not come back.")
        time.sleep(0.1)
