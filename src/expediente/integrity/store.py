"""Reading the stored tree: its size and the perfect subtrees a computation needs, in
one query (level 0 from ``Leaf``, the levels above from ``Node``)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from functools import reduce
from operator import or_
from typing import TypeVar

from django.db.models import Q

from expediente.integrity.merkle import Perfect, from_table, needed
from expediente.integrity.models import Leaf, Node

T = TypeVar("T")


def tree_size() -> int:
    last = Leaf.objects.order_by("-position").values_list("position", flat=True).first()
    return 0 if last is None else last + 1


def perfect_nodes(places: Iterable[tuple[int, int]]) -> dict[tuple[int, int], bytes]:
    by_level: dict[int, list[int]] = defaultdict(list)
    for level, position in places:
        by_level[level].append(position)
    found: dict[tuple[int, int], bytes] = {}
    if by_level.get(0):
        for position, h in Leaf.objects.filter(position__in=by_level[0]).values_list(
            "position", "hash"
        ):
            found[(0, position)] = bytes(h)
    upper = [Q(level=level, position__in=ps) for level, ps in by_level.items() if level > 0]
    if upper:
        for level, position, h in Node.objects.filter(reduce(or_, upper)).values_list(
            "level", "position", "hash"
        ):
            found[(level, position)] = bytes(h)
    return found


def computed(compute: Callable[[Perfect], T]) -> T:
    """Run a tree computation (a root, a path, a proof) on the stored subtrees it reads."""
    return compute(from_table(perfect_nodes(needed(compute))))
