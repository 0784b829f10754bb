"""Postcode districts: which locality a postcode lies in, most specific prefix first.

Config lists postcode areas ("TR"), districts ("PL15") or sectors ("PL18 9"). A postcode matches
the longest of those that it starts with, counting whole parts only, so "PL1" never takes "PL15".
"""

from __future__ import annotations

import re

FULL = re.compile(r"^([A-Z]{1,2})(\d[A-Z\d]?)(\d)([A-Z]{2})$")


def prefixes(postcode: str) -> list[str]:
    """The sector, district and area of a postcode, most specific first; [] when it is none."""
    match = FULL.match("".join(postcode.upper().split()))
    if not match:
        return []
    area, district, sector, _unit = match.groups()
    return [f"{area}{district} {sector}", area + district, area]
