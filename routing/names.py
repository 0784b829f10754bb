"""How names written on forms are compared with the names in config/.

"Devon & Cornwall MAPPA", "devon and cornwall" and "Devon and Cornwall Area" name one area;
anything else must be listed as an alias: names are never matched by guesswork.
"""

from __future__ import annotations

import re

FILLER = {"the", "mappa", "area"}


def name_key(name: str) -> str:
    """Lower case, "&" as "and", punctuation dropped, and "the", "MAPPA", "area" ignored."""
    words = re.sub(r"[^a-z0-9]+", " ", name.lower().replace("&", " and ")).split()
    return " ".join(w for w in words if w not in FILLER)
