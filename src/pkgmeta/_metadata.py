"""``Message``: the read-only, case-insensitive view of one distribution's metadata."""

from __future__ import annotations

from ._errors import MetadataNotFound
from ._headers import scan_header_block

TYPE_CHECKING = False  # typing costs ~5 ms to import; mypy sees it as True
if not TYPE_CHECKING:
    # typing.overload without importing typing: the implementation that
    # follows the overloads replaces them
    def overload(func):
        return func


if TYPE_CHECKING:
    from typing import Dict, Iterable, Iterator, List, Tuple, TypeVar, overload

    _T = TypeVar("_T")
    # headers so far, their index, the text, where to resume scanning it
    _Partial = Tuple[List[Tuple[str, str]], Dict[str, str], str, int]

# Imported where first needed: re, for ``json``'s keywords only.

__all__ = ["Message"]

# Fields that may appear more than once (spec: Core metadata specifications);
# ``json`` lists all their values.  The same set as importlib_metadata 10.2.
_MULTIPLE_USE_KEYS = (
    "Classifier",
    "Import-Name",
    "Import-Namespace",
    "License-File",
    "Obsoletes-Dist",
    "Platform",
    "Project-URL",
    "Provides-Dist",
    "Provides-Extra",
    "Requires-Dist",
    "Requires-External",
    "Supported-Platform",
    "Dynamic",
)
_MULTIPLE_USE_FOLDED = frozenset(key.lower() for key in _MULTIPLE_USE_KEYS)

# Tools that fold long values (setuptools' Description and License) indent
# continuation lines by eight spaces; importlib_metadata removes that indent.
_FOLD_INDENT = "\n" + " " * 8


class Message:
    """The headers of a METADATA/PKG-INFO file, looked up case-insensitively.

    Reads like importlib_metadata 10.2's ``_adapters.Message`` (an
    ``email.message.Message`` subclass): ``[]`` raises ``KeyError`` for a
    missing field on every Python, folded values lose their eight-space
    indent, and the body becomes a last ``Description`` header.  It is built
    without the ``email`` package, whose import and parse dominate reading
    metadata with the stdlib.

    Header order, duplicates and the spelling of names are kept as in the
    file.  :meth:`from_text` parses lazily: looking up ``Name`` or
    ``Version`` (the second and third lines of a METADATA) scans only up to
    that header, anything else scans the rest once.  Lookups go through a
    lower-cased index, so repeated ones are O(1).  Concurrent readers are
    safe: a scan never changes a list another reader holds.
    """

    __slots__ = ("_absent", "_body", "_headers", "_index", "_partial")

    #: Fields that may be given more than once; ``json`` maps them to lists.
    multiple_use_keys = frozenset(_MULTIPLE_USE_KEYS)

    def __init__(self, headers: Iterable[tuple[str, str]] = ()) -> None:
        """Wrap already parsed ``(name, value)`` pairs, kept in their order.

        Args:
            headers: Header pairs as they should be looked up; use
                :meth:`from_text` to parse a METADATA file.
        """
        self._headers: list[tuple[str, str]] = list(headers)
        # lower-cased name -> first value; built on the first lookup
        self._index: dict[str, str] | None = None
        # set while part of the text is still unscanned
        self._partial: _Partial | None = None
        # the text after the header block, for get_payload()
        self._body = ""
        # why there is no metadata at all (see absent()); None when there is
        self._absent: str | None = None

    @classmethod
    def from_text(cls, text: str) -> Message:
        """Return the message of the text of a METADATA or PKG-INFO file.

        Args:
            text: The decoded file.

        Returns:
            The message, with the body (if any) as a last ``Description``
            header, as importlib_metadata gives it.  The text is parsed on
            first use.
        """
        if text[:1] == "\ufeff":
            # A UTF-8 byte-order mark (left by Windows editors) would make
            # the first line, and so the whole header block, the body; the
            # references then find no Name nor Version (docs/faults.md).
            text = text[1:]
        message = cls()
        message._partial = ([], {}, text, 0)
        return message

    @classmethod
    def absent(cls, reason: str) -> Message:
        """Return the metadata of a distribution that has no metadata file.

        It reads as empty, as every stdlib's does (``"Name" in m`` is false,
        ``get`` gives the default), so code that probes for metadata keeps
        working; asking for a field with ``[]`` raises ``MetadataNotFound``
        with *reason*, the error importlib_metadata 9+ raises for the whole
        ``metadata`` (docs/as-importlib-metadata.md).
        """
        message = cls()
        message._absent = reason
        return message

    def _scan(self, partial: _Partial, stop_at: str | None) -> dict[str, str]:
        """Scan on from *partial* (to the end, or past header *stop_at*).

        Each step stores a new snapshot and never extends a list another
        thread may be reading; the index is shared, as it only gains
        entries that are right whoever adds them.

        Returns:
            The index of every header scanned so far.
        """
        headers, index, text, offset = partial
        found, offset, envelope = scan_header_block(text, offset, stop_at)
        found = [
            (name, _redent(value)) if _FOLD_INDENT in value else (name, value)
            for name, value in found
        ]
        for name, value in found:
            index.setdefault(name.lower(), value)
        headers = headers + found
        if envelope is None:
            self._partial = (headers, index, text, offset)
            return index
        body = envelope + text[offset:]
        if body:
            headers.append(("Description", body))
            index.setdefault("description", body)
        self._body = body
        self._headers = headers
        self._index = index
        self._partial = None
        return index

    def _all(self) -> list[tuple[str, str]]:
        """Return every header, scanning what is left of the text first."""
        partial = self._partial
        if partial is not None:
            self._scan(partial, None)
        return self._headers

    def _first(self, name: str) -> str | None:
        """Return the first value of header *name* (any case), or ``None``."""
        folded = name.lower()
        partial = self._partial
        if partial is not None:
            value = partial[1].get(folded)
            if value is None:
                value = self._scan(partial, folded).get(folded)
            return value
        index = self._index
        if index is None:
            # reversed, so that the first of duplicate headers wins
            index = {key.lower(): value for key, value in reversed(self._headers)}
            self._index = index
        return index.get(folded)

    def __len__(self) -> int:
        """Return the number of headers, counting each duplicate."""
        return len(self._all())

    def __contains__(self, item: str) -> bool:
        """Tell whether a header of that name exists, ignoring case."""
        return self._first(item) is not None

    def __getitem__(self, key: str) -> str:
        """Return the first value of the header named *key*, ignoring case.

        Args:
            key: The field name, in any case (``Name``, ``name``).

        Raises:
            KeyError: No such header.  ``email`` and the stdlib up to 3.13
                return ``None``; importlib_metadata 8+ raises, and so do we
                (python/importlib_metadata#371).
            MetadataNotFound: The distribution has no metadata file at all
                (see :meth:`absent`).
        """
        value = self._first(key)
        if value is None:
            if self._absent is not None:
                raise MetadataNotFound(self._absent)
            raise KeyError(key)
        return value

    def __iter__(self) -> Iterator[str]:
        """Yield the header names in file order, duplicates included."""
        for name, _ in self._all():
            yield name

    @overload
    def get(self, name: str, failobj: None = None) -> str | None: ...
    @overload
    def get(self, name: str, failobj: _T) -> str | _T: ...
    def get(self, name: str, failobj: object = None) -> object:
        """Return the first value of the header *name*, or *failobj*.

        Args:
            name: The field name, in any case.
            failobj: What to return when there is no such header.

        Returns:
            The first value in file order (an empty value counts as
            present), or *failobj*.
        """
        value = self._first(name)
        return failobj if value is None else value

    @overload
    def get_all(self, name: str, failobj: None = None) -> list[str] | None: ...
    @overload
    def get_all(self, name: str, failobj: _T) -> list[str] | _T: ...
    def get_all(self, name: str, failobj: object = None) -> object:
        """Return every value of the header *name* in file order, or *failobj*.

        Args:
            name: The field name, in any case (``Requires-Dist``).
            failobj: What to return when there is no such header.

        Returns:
            A new list of the values, or *failobj* when there are none.
        """
        folded = name.lower()
        values = [value for key, value in self._all() if key.lower() == folded]
        return values or failobj

    def keys(self) -> list[str]:
        """Return the header names in file order, duplicates included."""
        return [name for name, _ in self._all()]

    def values(self) -> list[str]:
        """Return the header values in file order."""
        return [value for _, value in self._all()]

    def items(self) -> list[tuple[str, str]]:
        """Return the ``(name, value)`` pairs in file order."""
        return list(self._all())

    def get_payload(self) -> str:
        """Return the body of the metadata file (also served as ``Description``).

        Every stdlib version returns the body here; importlib_metadata 10.2
        returns ``""`` on 3.9+ only as a side effect of moving the body into
        ``Description``. pkgmeta keeps the useful, stdlib answer.

        Returns:
            The text after the header block; ``""`` when there is none.
        """
        self._all()
        return self._body

    @property
    def json(self) -> dict[str, str | list[str]]:
        """The metadata as a JSON-compatible dict (PEP 566).

        Keys are lower-cased with ``_`` for ``-``; fields that may repeat map
        to lists of all their values, ``keywords`` to a list of words, any
        other field to its first value.
        """
        result: dict[str, str | list[str]] = {}
        for name, _ in self._all():
            folded = name.lower()
            value: str | list[str]
            if folded in _MULTIPLE_USE_FOLDED:
                value = self.get_all(name, [])
            elif folded == "keywords":
                import re

                # importlib_metadata splits on runs of (Unicode) whitespace,
                # keeping empty words at the ends
                value = re.split(r"\s+", self[name])
            else:
                value = self[name]
            result[folded.replace("-", "_")] = value
        return result

    def as_string(self) -> str:
        """Render the headers as importlib_metadata 10.2 does.

        Each header is one ``Name: value`` line; a value's further lines are
        indented by eight spaces, so the text parses back to the same
        values.  A blank line ends the text, as ``email`` ends a header block.

        Returns:
            The headers, ``Description`` (the body) included, as text.
        """
        return "".join([_fold(name, value) for name, value in self._all()]) + "\n"

    def __str__(self) -> str:
        """Return :meth:`as_string`."""
        return self.as_string()


def _fold(name: str, value: str) -> str:
    """Return one rendered header line (importlib_metadata's ``RawPolicy``).

    Every line of the value is indented, then the text is left-stripped and
    split again on any line boundary ``str.splitlines`` knows; so leading
    blank lines and a trailing line break of the value are not written.
    """
    indented = "".join(["        " + line for line in value.splitlines(True)])
    return name + ": " + "\n".join(indented.lstrip().splitlines()) + "\n"


def _redent(value: str) -> str:
    """Remove the fold indent: ``textwrap.dedent(8 spaces + value)``."""
    return _dedent("        " + value)


def _dedent(text: str) -> str:
    """Return 3.14's ``textwrap.dedent(text)`` on every Python, without ``re``.

    Lines are split on ``"\\n"`` only; a line that ``isspace()`` becomes
    empty (3.8-3.13 emptied only lines of spaces and tabs, so ``"\\x0c"``
    stayed and held the margin at nothing); the longest run of spaces and
    tabs that starts every other line is removed from each of them.

    >>> _dedent("    a\\n      b\\n  \\t\\n    c\\n \\x0c")
    'a\\n  b\\n\\nc\\n'
    """
    lines = text.split("\n")
    margin: str | None = None
    for line in lines:
        if line.isspace() or not line:
            continue
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if margin is None:
            margin = indent
        elif not indent.startswith(margin):
            common = 0
            for have, want in zip(margin, indent):
                if have != want:
                    break
                common += 1
            margin = margin[:common]
    cut = len(margin) if margin else 0
    return "\n".join(["" if line.isspace() else line[cut:] for line in lines])
