"""Hypothesis strategies shared by the parser tests."""

from __future__ import annotations

from hypothesis import strategies as st


def header_names(max_size: int) -> st.SearchStrategy[str]:
    """Field names as email's headerRE accepts them: printable ASCII, no ':'.

    ``Content-Type`` is left out: email would treat a multipart body
    specially, which core metadata never uses.
    """
    return st.text(
        alphabet=st.characters(
            min_codepoint=0x21, max_codepoint=0x7E, exclude_characters=":"
        ),
        min_size=1,
        max_size=max_size,
    ).filter(lambda name: name.lower() != "content-type")
