"""Checks that turn extracted records into flags a reviewer must see.

`check(records)` runs every check; each check is a function records -> flags
in `validation.checks`.
"""
from validation.checks import check

__all__ = ["check"]
