"""The ``Name`` and ``Version`` of a distribution, as every command reads them."""

from __future__ import annotations

from .._distribution import present_metadata

TYPE_CHECKING = False  # typing costs ~5 ms to import; mypy sees it as True
if TYPE_CHECKING:
    from .._distribution import Distribution

__all__ = ["name_and_version"]


def name_and_version(dist: Distribution) -> tuple[str, str]:
    """Return the ``Name`` and ``Version`` fields of *dist*.

    ``metadata.get`` works the same on pkgmeta's distributions and on the
    stdlib ones a custom finder may return (whose ``[]`` gives ``None`` and,
    on 3.12+, a deprecation warning for a missing field).

    Raises:
        KeyError: A field is missing.
        MetadataNotFound: There is no metadata file.
        UnicodeDecodeError: The metadata is not UTF-8.
    """
    meta = present_metadata(dist)
    name = meta.get("Name")
    version = meta.get("Version")
    for field, value in (("Name", name), ("Version", version)):
        if value is None:
            raise KeyError(f"Metadata field {field} not present in {dist}")
    return str(name), str(version)
