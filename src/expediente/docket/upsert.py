"""Insert a projection's row, or update the one already there, in one statement.

``Model.objects.update_or_create`` takes five or six round trips (a savepoint, a locking
read, a second savepoint around the insert, their releases); the projections write a
row per entry, so that was a large part of recording one. ``upsert`` is
``INSERT … ON CONFLICT (key) DO UPDATE SET …`` on PostgreSQL and SQLite alike (through
``bulk_create``), which also cannot lose a race between two writers of the same key.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.db.models import Model

M = TypeVar("M", bound=Model)


def upsert(model: type[M], *, key: dict[str, Any], values: dict[str, Any]) -> M:
    """The row of ``model`` whose unique ``key`` is given, inserted with ``values`` or
    updated to them; returned with its primary key set. ``key`` must name the fields of
    one of the model's unique constraints exactly (or its primary key), and ``values``
    at least one other field. No signals are sent and ``save`` is not called."""
    if not values:
        raise ValueError("upsert needs at least one field to update")
    row = model(**key, **values)
    model._default_manager.bulk_create(
        [row], update_conflicts=True, unique_fields=list(key), update_fields=list(values)
    )
    assert row.pk is not None, f"{model.__name__}: the database did not return the row's key"
    return row
