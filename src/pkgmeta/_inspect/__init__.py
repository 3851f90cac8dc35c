"""Engines of the command line: checks and explanations that return records.

``verify`` checks installed files against ``RECORD``; ``diagnose`` explains a
name lookup. They print nothing (``pkgmeta._cli`` renders their records),
import the core and are never imported by it.
"""
