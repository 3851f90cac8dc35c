"""Reading a candidate's metadata as a lookup would, and saying what is wrong.

The order and the leniency are those of ``Distribution._metadata_text``, so
that a candidate the report calls readable is one the lookup accepts.
"""

from __future__ import annotations

import os

from ._names import normalize
from ._verify import read_errors

TYPE_CHECKING = False  # typing costs ~5 ms to import; mypy sees it as True
if TYPE_CHECKING:
    from ._diagnose_report import Candidate
    from ._protocols import SimplePath

__all__ = ["examine", "metadata_text"]


def examine(candidate: Candidate, location: SimplePath) -> None:
    """Read a candidate's metadata as a lookup would, noting what goes wrong.

    Args:
        candidate: Filled in: its ``source``, ``name``, ``version`` and
            ``problems``.
        location: The candidate's metadata directory or egg-info file.
    """
    from ._message import Message

    text = metadata_text(candidate, location)
    if text is None:
        if not candidate.problems:
            candidate.problems.append("no METADATA or PKG-INFO file")
        return
    meta = Message.from_text(text)
    candidate.name = meta.get("Name")
    candidate.version = meta.get("Version")
    if candidate.name is None:
        candidate.problems.append("no Name field")
    elif normalize(candidate.name) != normalize(_dir_name(candidate)):
        candidate.problems.append(
            f"its Name field {candidate.name!r} does not match the directory name"
        )
    if candidate.version is None:
        candidate.problems.append("no Version field")


def _dir_name(candidate: Candidate) -> str:
    base = os.path.basename(candidate.path.rstrip("/"))
    if candidate.match == "legacy-egg-name":
        base = os.path.basename(candidate.entry)
    return base.rpartition(".")[0].partition("-")[0]


def metadata_text(candidate: Candidate, location: SimplePath) -> str | None:
    """Return the text ``Distribution._metadata_text`` would return, or ``None``.

    The order and the leniency are the lookup's: ``METADATA``, then
    ``PKG-INFO``, then the path itself (an egg-info file); a missing, empty
    or permission-denied file passes on to the next one, while undecodable
    or otherwise unreadable content stops the search (``read_text`` raises).

    Args:
        candidate: Where what goes wrong is noted (its ``problems``), and
            which file was read (its ``source``).
        location: The candidate's metadata directory or egg-info file.

    Returns:
        The metadata text, or ``None`` when the lookup would find none.
    """
    is_file = _is_file(location)
    for filename in (
        ("", "METADATA", "PKG-INFO") if is_file else ("METADATA", "PKG-INFO")
    ):
        label = filename or os.path.basename(candidate.path)
        target = location.joinpath(filename) if filename else location
        try:
            data = target.read_bytes()
        except (FileNotFoundError, NotADirectoryError, KeyError):
            continue
        except IsADirectoryError:
            candidate.problems.append(f"{label} is a directory")
            continue
        except PermissionError:
            candidate.problems.append(f"{label} cannot be read: permission denied")
            continue
        except read_errors() as exc:
            candidate.problems.append(f"{label} cannot be read: {exc}")
            return None
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            candidate.problems.append(f"{label} is not valid UTF-8 (byte {exc.start})")
            return None
        if text:
            candidate.source = filename
            return text
        candidate.problems.append(f"{label} is empty")
    return None


def _is_file(location: SimplePath) -> bool:
    is_file = getattr(location, "is_file", None)
    try:
        return bool(is_file()) if is_file is not None else False
    except OSError:
        return False
