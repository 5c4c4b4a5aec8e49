"""Fixtures for the annual report: the on-request office and its registering,
as the requests' tests build them."""

from tests.disclosure.requests.conftest import (  # noqa: F401
    BUREAU,
    COMPANY,
    PERSON,
    office,
    register,
)
