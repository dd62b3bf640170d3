"""The organisation chart: today's union unit tree (`initiatives.Unit`), read in one ordered query.

Units are stored with a materialized path, so reading them ordered by path
gives each unit right after its parent; the tree is built in one pass.
"""

from dataclasses import dataclass, field

from django.utils import timezone

from initiatives.models import Unit


@dataclass
class Node:
    unit: Unit
    children: list = field(default_factory=list)


def unit_tree(day=None):
    """The roots of the units that exist on `day` (today), each with its children, in the tree's order."""
    day = day or timezone.localdate()
    units = (
        Unit.objects.active_on(day)
        .order_by("path")
        .only("pk", "name", "short_name", "kind", "parent_id", "path", "depth", "member_count", "order")
    )
    nodes, roots = {}, []
    for unit in units:
        node = nodes[unit.pk] = Node(unit)
        parent = nodes.get(unit.parent_id)
        (parent.children if parent else roots).append(node)
    for node in nodes.values():
        node.children.sort(key=lambda child: (child.unit.order, child.unit.name))
    return roots
