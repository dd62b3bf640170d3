"""Staff screens for the initiatives campaigns, scoped by union unit (see initiatives/scopes.py).

- Superusers and the group "Quản trị sáng kiến tỉnh" see and change everything.
- A staff account with a StaffScope sees and changes only its unit's subtree: lists are filtered, unit choices
  are limited, and an object outside the subtree answers 404 (as if it did not exist), never its data.
- A staff account with neither sees nothing of the initiatives.

`scoping` holds the base classes that enforce this; `units` (with the unit tree import), `campaigns` (with
phases and targets), `clusters`, `initiatives` and `importing` (the spreadsheet upload page) register the
screens. Every write goes through `initiatives/services/`.
"""

from . import campaigns, clusters, importing, initiatives, scoping, units

__all__ = ["campaigns", "clusters", "importing", "initiatives", "scoping", "units"]
