"""Reading a candidate's metadata as a lookup would, and saying what is wrong.

The files, their order and the leniency are those of
``Distribution._metadata_text`` (``METADATA_FILES``, the ``ABSENT`` family
read as "no such file"), so that a candidate the report calls readable is
one the lookup accepts. The reading itself is done here, not by
``read_text``: the lookup hides why a file is passed over, which is what the
report must say.
"""

from __future__ import annotations

import os

from .._distribution import METADATA_FILES
from .._errors import damaged
from .._metadata import Message
from .._names import metadata_dir_project, normalize, project_part

TYPE_CHECKING = False  # typing costs ~5 ms to import; mypy sees it as True
if TYPE_CHECKING:
    from .._protocols import SimplePath
    from .report import Candidate

__all__ = ["examine", "metadata_text"]


def examine(candidate: Candidate, location: SimplePath) -> None:
    """Read a candidate's metadata as a lookup would, noting what goes wrong.

    Args:
        candidate: Filled in: its ``source``, ``name``, ``version`` and
            ``problems``.
        location: The candidate's metadata directory or egg-info file.
    """
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
    """Return the project name the candidate's file name (or egg's) carries."""
    if candidate.match == "legacy-egg-name":
        return project_part(os.path.basename(candidate.entry).rpartition(".")[0])
    return metadata_dir_project(os.path.basename(candidate.path.rstrip("/"))) or ""


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
    for filename in METADATA_FILES:
        if not filename and not is_file:
            continue  # '' is the path itself: metadata only if it is a file
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
        except damaged() as exc:
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
