"""Split core-metadata text into raw header pairs and a body, as ``email`` does."""

from __future__ import annotations

__all__ = ["parse_header_block", "parse_headers_only", "scan_header_block"]

_LEADING = " \t\r\n"
"""Stripped from the start of a value (``compat32.header_source_parse``, 3.14)."""

# What counts as a line, a header and the end of the header block is the
# behaviour of ``email.message_from_string(text)`` under the default
# ``compat32`` policy (``email.feedparser.FeedParser._parsegen`` and
# ``_parse_headers``, ``compat32.header_source_parse``); every rule below is
# checked against it by tests/test_headers.py.
#
#   line          = text up to and including "\r\n", "\r" or "\n" (or the end)
#   blank line    = a line starting with "\r" or "\n"
#   continuation  = a line starting with " " or "\t"
#   envelope      = a line starting with "From "
#   field line    = a line whose text before its first ":" is made of
#                   "!".."~" only (possibly nothing)
#   header block  = the longest run of continuation, envelope and field lines
#                   at the start of the text; it ends at a blank line (which
#                   is consumed), at any other line (which starts the body)
#                   or at the end of the text
#
# Inside the header block a field line starts a header named by the text
# before its ":"; its value is the rest of that line followed verbatim by its
# continuation lines, with leading spaces, tabs and line breaks and trailing
# "\r"/"\n" removed.  (3.14's email strips the line break of an empty first
# line, "License:\n  MIT" giving "MIT"; 3.8-3.13 kept it, giving "\n  MIT".
# The newest rule holds on every Python.)  Some lines carry no header and are dropped:
#
# * continuation lines that follow no header (the first line of the block,
#   or the lines after a dropped line);
# * a field line with an empty name (":value");
# * an envelope line: the first line of the block is the unix "From " line;
#   one in the middle is misplaced; one that ends the block is given back to
#   the body, where it is put before whatever line ended the block.
#
# Deliberate difference: ``email`` parses the body as MIME parts when a
# ``Content-Type: multipart/*`` or ``message/*`` header is present.  Core
# metadata has no ``Content-Type`` field (``Description-Content-Type`` is a
# different name), so the body here is always the rest of the text.
#
# Lone surrogates (text decoded with ``surrogateescape``) are kept as they
# are; ``email`` would hand such values out as ``Header`` objects.  Metadata
# is decoded as strict UTF-8, so they do not occur.


def scan_header_block(
    text: str, start: int = 0, stop_at: str | None = None
) -> tuple[list[tuple[str, str]], int, str | None]:
    """Scan the header block, or the part of it from *start*, in one pass.

    The body is never split into lines: reading ``Name`` costs the same for
    a 3 KB and a 300 KB METADATA.  With *stop_at*, the scan also stops right
    after the first header of that (lower-cased) name, so that looking up
    ``Name`` or ``Version`` reads two or three lines; scanning again from
    the offset it returns goes on as if it had never stopped.

    Args:
        text: Decoded metadata.
        start: ``0``, or an offset returned by a scan that stopped early.
        stop_at: A lower-cased header name to stop after.

    Returns:
        ``(headers, offset, envelope)``.  *envelope* is ``None`` when the
        scan stopped after *stop_at*: *offset* is where to resume.  Otherwise
        the block is done and the body is ``envelope + text[offset:]``
        (*envelope* is a ``From`` line given back to the body, or ``""``).
    """
    headers: list[tuple[str, str]] = []
    append = headers.append
    size = len(text)
    has_cr = text.find("\r", start) >= 0
    pos = start
    name = ""  # the header being collected; "" drops continuation lines
    value_start = 0
    body_start = size
    envelope = ""  # a "From " line that goes to the body if it ends the block
    while pos < size:
        newline = text.find("\n", pos)
        end = size if newline < 0 else newline + 1
        if has_cr:
            # email splits lines on "\r\n", "\r" and "\n" alike
            cr = text.find("\r", pos, end)
            if cr >= 0 and cr + 1 != newline:
                end = cr + 1
        first = text[pos]
        if first == " " or first == "\t":
            # a continuation line: the value runs on to the next line start
            envelope = ""
            pos = end
            continue
        if name:
            append((name, text[value_start:pos].lstrip(_LEADING).rstrip("\r\n")))
            if stop_at is not None and name.lower() == stop_at:
                # nothing but pos carries over to the next line (name and
                # envelope are both empty here), so the scan can resume
                return headers, pos, None
            name = ""
        if first == "\n" or first == "\r":
            body_start = end
            break
        if text.startswith("From ", pos):
            # a unix envelope line is dropped when it opens the block
            envelope = text[pos:end] if pos else ""
            pos = end
            continue
        colon = text.find(":", pos, end)
        if colon < 0:
            body_start = pos
            break
        if colon > pos:
            field = text[pos:colon]
            # headerRE allows only "!".."~" (no space, no control, no
            # non-ASCII) before the colon; anything else starts the body
            if not (field.isascii() and field.isprintable()) or " " in field:
                body_start = pos
                break
            name = field
            value_start = colon + 1
        envelope = ""
        pos = end
    if name:
        append((name, text[value_start:pos].lstrip(_LEADING).rstrip("\r\n")))
    return headers, body_start, envelope


def parse_header_block(text: str) -> tuple[list[tuple[str, str]], str]:
    """Split metadata text into its raw headers and its body.

    Gives what ``email.message_from_string(text)`` stores, without importing
    ``email``: the ``(name, value)`` pairs of ``Message._headers`` in file
    order (duplicates kept, names spelled as in the file) and
    ``Message.get_payload()``.

    Args:
        text: Decoded metadata (``METADATA``, ``PKG-INFO``); lines may end in
            ``"\\n"``, ``"\\r\\n"`` or ``"\\r"``.

    Returns:
        The header pairs and the body (``""`` when there is none).

    >>> parse_header_block("Name: pkg\\nLicense: MIT\\n  and more\\n\\nHello\\n")
    ([('Name', 'pkg'), ('License', 'MIT\\n  and more')], 'Hello\\n')
    """
    headers, body_start, envelope = scan_header_block(text)
    return headers, (envelope or "") + text[body_start:]


def parse_headers_only(text: str) -> list[tuple[str, str]]:
    """Return the raw header pairs of metadata text, leaving the body unread.

    Args:
        text: Decoded metadata, as for :func:`parse_header_block`.

    Returns:
        The ``(name, value)`` pairs, as :func:`parse_header_block` gives them.

    >>> parse_headers_only("Name: pkg\\nVersion: 1.0\\n\\nA long description.\\n")
    [('Name', 'pkg'), ('Version', '1.0')]
    """
    return scan_header_block(text)[0]
