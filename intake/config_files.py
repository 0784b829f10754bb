"""Reading TOML files from config/, with errors that name the file, the key and what is wrong."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from pydantic import ValidationError

BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")


class ConfigError(Exception):
    """Deployment data is wrong; each line reads `file: key: what is wrong`."""

    def __init__(self, lines: Sequence[str]):
        self.lines = list(lines)
        super().__init__("invalid configuration:\n  " + "\n  ".join(self.lines))


def read_toml(path: Path) -> dict[str, Any]:
    """The file's tables; FileNotFoundError is left to the caller, which knows if it matters."""
    try:
        return tomllib.loads(path.read_text("utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError([f"{path}: not valid TOML: {exc}"]) from None
    except UnicodeDecodeError:
        raise ConfigError([f"{path}: not UTF-8 text"]) from None


def dotted(key: Sequence[str | int]) -> str:
    """A key as TOML writes it: areas."Devon and Cornwall".localities.Plymouth.districts[2]."""
    text = ""
    for part in key:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            name = part if BARE_KEY.match(part) else f'"{part}"'
            text += f".{name}" if text else name
    return text or "(whole file)"


def explain(exc: ValidationError, file_of: Callable[[Sequence[str | int]], Path]) -> list[str]:
    """One `file: key: what is wrong` line per pydantic error."""
    lines = []
    for error in exc.errors():
        # a union's or a literal's own name is pydantic's, not the user's key
        key = [
            p
            for p in error["loc"]
            if not (isinstance(p, str) and p.startswith(("literal[", "function-")))
        ]
        message = error["msg"].removeprefix("Value error, ")
        if error["type"] == "extra_forbidden":
            message = "unknown key (a typing mistake?)"
        lines.append(f"{file_of(key)}: {dotted(key)}: {message}")
    return lines
