"""The audited save: every write to a model with history names who made it and why.

django-simple-history records the acting user and a change reason when they are set
on the instance before ``save``/``delete``; these functions are the one place that
does it, so no write of an audited model can forget either. A stale edit — one made
on a copy that has changed since it was opened — is refused through
``refuse_stale``: the caller hands back the history id it saw (``last_history_id``).
"""

from collections.abc import Callable, Iterable

from django.core.exceptions import ValidationError
from django.db import models
from simple_history.utils import bulk_create_with_history, bulk_update_with_history


def audited_save(
    obj: models.Model,
    *,
    user,
    reason: str,
    update_fields: Iterable[str] | None = None,
    validate: bool = True,
) -> models.Model:
    """Validate ``obj`` (unless ``validate`` is false) and save it, recording ``user``
    and ``reason`` in its history. Returns ``obj``."""
    obj._history_user = user
    obj._change_reason = reason
    if validate:
        obj.full_clean()
    obj.save(update_fields=update_fields)
    return obj


def audited_delete(obj: models.Model, *, user, reason: str) -> None:
    """Delete ``obj``; its history keeps the deletion with ``user`` and ``reason``."""
    obj._history_user = user
    obj._change_reason = reason
    obj.delete()


def model_update(
    *, instance: models.Model, data: dict, user, reason: str
) -> tuple[models.Model, bool]:
    """Set ``data`` on ``instance`` and save it only when a value differs (or it is
    new), so writing the same values again adds no history. Returns the instance and
    whether it was saved."""
    changed = instance.pk is None or any(
        getattr(instance, name) != value for name, value in data.items()
    )
    if changed:
        for name, value in data.items():
            setattr(instance, name, value)
        audited_save(instance, user=user, reason=reason)
    return instance, changed


def last_history_id(instance: models.Model) -> int | None:
    """The id of ``instance``'s newest history record: the token of a stale-edit check.

    A form keeps it from when the record was opened and hands it back to the service.
    """
    return (
        instance.history.order_by("-history_id")
        .values_list("history_id", flat=True)
        .first()
    )


def refuse_stale(
    instance: models.Model,
    seen_history_id: int | None,
    *,
    error: Callable[[object], ValidationError],
) -> None:
    """Raise ``error(latest)`` when ``instance`` has history newer than the record
    ``seen_history_id`` the editor saw; ``latest`` is that newest history record."""
    latest = instance.history.order_by("-history_id").first()
    if latest is not None and latest.history_id != seen_history_id:
        raise error(latest)


def audited_bulk_create(objs: list, model, *, user, reason: str) -> list:
    """Create ``objs`` in batches with one history record each (``user``, ``reason``),
    in a number of queries that does not grow with each row."""
    if objs:
        bulk_create_with_history(
            objs, model, batch_size=500, default_user=user, default_change_reason=reason
        )
    return objs


def audited_bulk_update(
    changes: list[tuple[models.Model, str]], model, *, fields: list[str], user
) -> int:
    """Write ``fields`` of each changed object with one history record each (``user``,
    the object's own reason), in a number of queries that does not grow with each row.

    Like every bulk write it sends no ``post_save``: only for changes the public
    cannot see (drafts and reviews), whose derived public data stays as it was.
    """
    for obj, reason in changes:
        obj._history_user = user
        obj._change_reason = reason
    if not changes:
        return 0
    return bulk_update_with_history(
        [obj for obj, _reason in changes],
        model,
        fields,
        batch_size=500,
        default_user=user,
    )
