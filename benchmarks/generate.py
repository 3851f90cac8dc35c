"""Synthetic site-packages for the benchmarks: deterministic, realistic, cached.

Each tree holds N installed distributions the way pip and old setuptools leave
them: ``*.dist-info`` (95 %) and directory ``*.egg-info`` (5 %), each beside
a small package whose files RECORD lists with real hashes and sizes.  The same
N always gives the same bytes, so timings from different runs compare.

Run ``python benchmarks/generate.py DIR -n 1000`` to write one tree by hand.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import os
import random
import shutil
from dataclasses import dataclass, field
from pathlib import Path

# Bump whenever the output changes: cached trees of other versions are rebuilt.
GENERATOR_VERSION = 1
ENVS_DIR = Path(__file__).resolve().parent / ".envs"
PLUGIN_GROUP = "bench.plugins"
MISSING_NAME = "not-installed-anywhere"

# Word lists read better packed than one per line.
# fmt: off
_ADJECTIVES = (
    "azure", "amber", "brisk", "calm", "clever", "coral", "crisp", "dusty", "eager",
    "fancy", "gentle", "happy", "jolly", "keen", "lively", "lucky", "mellow",
    "nimble", "noble", "olive", "proud", "quick", "quiet", "rapid", "royal",
    "rusty", "shiny", "silent", "snappy", "solar", "steady", "sunny", "swift",
    "tidy", "vivid", "witty",
)
_NOUNS = (
    "anchor", "badger", "beacon", "bridge", "canyon", "cipher", "comet", "cursor",
    "delta", "engine", "falcon", "forge", "garden", "harbor", "helix", "lantern",
    "ledger", "matrix", "meadow", "nebula", "orbit", "parser", "pixel", "quartz",
    "radar", "raven", "rocket", "sensor", "signal", "socket", "spark", "tensor",
    "widget",
)
_WORDS = (
    "the", "a", "of", "to", "and", "in", "for", "with", "on", "by", "from",
    "install", "usage", "example", "configure", "module", "package", "library",
    "fast", "simple", "robust", "plugin", "support", "feature", "data", "client",
    "server", "request", "response", "cache", "parser", "format", "value", "option",
    "python", "release", "version", "api", "function", "class", "method", "return",
    "default", "extra", "test",
)
# fmt: on
# Real projects' requirement lines, each with the kind of marker pip writes.
_REQUIREMENTS = (
    "requests>=2.28",
    "urllib3<3,>=1.26",
    "packaging>=21.0",
    "attrs>=22.2.0",
    "click>=8.0",
    'typing-extensions>=4.0; python_version < "3.11"',
    'tomli>=1.1.0; python_version < "3.11"',
    'importlib-metadata>=4.6; python_version < "3.10"',
    'colorama; sys_platform == "win32"',
    'exceptiongroup>=1.0.0rc8; python_version < "3.11"',
    'pywin32>=300; platform_system == "Windows"',
    'uvloop>=0.17; sys_platform != "win32" and implementation_name == "cpython"',
)
_EXTRA_REQUIREMENTS = {
    "test": ("pytest>=7", "pytest-cov>=4", "coverage[toml]>=6.5", "hypothesis>=6"),
    "docs": ("sphinx>=5", "furo", "myst-parser>=1.0"),
    "speedups": ("orjson>=3.8", "cython>=3.0"),
}
_CLASSIFIERS = (
    "Development Status :: 5 - Production/Stable",
    "Intended Audience :: Developers",
    "License :: OSI Approved :: MIT License",
    "Operating System :: OS Independent",
    "Programming Language :: Python :: 3",
    "Programming Language :: Python :: 3.8",
    "Programming Language :: Python :: 3.9",
    "Programming Language :: Python :: 3.10",
    "Programming Language :: Python :: 3.11",
    "Programming Language :: Python :: 3.12",
    "Programming Language :: Python :: 3.13",
    "Topic :: Software Development :: Libraries",
    "Typing :: Typed",
)


@dataclass
class Manifest:
    """What the benchmarks need to know about a generated tree."""

    size: int
    site: str
    hit: str  # a dist-info project with RECORD and requirements
    egg_hit: str  # an egg-info project
    miss: str = MISSING_NAME
    dist_infos: int = 0
    egg_infos: int = 0
    console_scripts: int = 0
    plugins: int = 0
    files: int = 0
    names: list[str] = field(default_factory=list)


@dataclass
class _Project:
    """One distribution to write: its spellings and its text files."""

    name: str  # as in the Name header
    version: str
    package: str  # the import package, also the normalized file-name form
    metadata: str
    entry_points: str
    requires: list[str]
    extras: dict[str, list[str]]


def _record_hash(data: bytes) -> str:
    """Hash a file the way RECORD spells it (spec: Recording installed projects)."""
    digest = hashlib.sha256(data).digest()
    return "sha256=" + base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def _paragraphs(rng: random.Random, size: int) -> str:
    """Return Markdown prose of about *size* characters."""
    parts: list[str] = []
    length = 0
    while length < size:
        if rng.random() < 0.2:
            line = "## " + " ".join(rng.choices(_WORDS, k=3)).title()
        elif rng.random() < 0.2:
            line = "```python\nimport " + rng.choice(_NOUNS) + "\n```"
        else:
            line = " ".join(rng.choices(_WORDS, k=rng.randint(20, 60))).capitalize()
            line += "."
        parts.append(line)
        length += len(line) + 2
    return "\n\n".join(parts)


def _make_project(rng: random.Random, index: int) -> _Project:
    """Invent one distribution: a unique name, headers, requirements, a body."""
    adjective, noun = rng.choice(_ADJECTIVES), rng.choice(_NOUNS)
    spelling = rng.randrange(3)
    if spelling == 0:
        name = f"{adjective}-{noun}-{index}"
    elif spelling == 1:
        name = f"{adjective.title()}-{noun.title()}{index}"
    else:
        name = f"{adjective}_{noun}_{index}"
    package = name.lower().replace("-", "_")
    version = f"{rng.randint(0, 9)}.{rng.randint(0, 30)}.{rng.randint(0, 12)}"
    requires = rng.sample(_REQUIREMENTS, rng.randint(5, 8))
    extras = {
        extra: rng.sample(reqs, min(len(reqs), rng.randint(1, 3)))
        for extra, reqs in _EXTRA_REQUIREMENTS.items()
        if rng.random() < 0.6
    }
    home = f"https://example.invalid/{package}"
    headers = [
        ("Metadata-Version", rng.choice(("2.1", "2.1", "2.3", "2.4"))),
        ("Name", name),
        ("Version", version),
        ("Summary", " ".join(rng.choices(_WORDS, k=8)).capitalize()),
        ("Home-page", home),
        ("Author", f"{noun.title()} Maintainers"),
        ("Author-email", f"{noun.title()} Maintainers <{noun}@example.invalid>"),
        ("License", "MIT"),
        ("Project-URL", f"Documentation, {home}/docs"),
        ("Project-URL", f"Source, {home}/src"),
        ("Project-URL", f"Changelog, {home}/changes"),
        ("Keywords", ",".join(rng.sample(_WORDS, 4))),
    ]
    headers += [("Classifier", c) for c in rng.sample(_CLASSIFIERS, 8)]
    headers.append(("Requires-Python", ">=3.8"))
    headers += [("Requires-Dist", r) for r in requires]
    for extra, reqs in extras.items():
        headers.append(("Provides-Extra", extra))
        headers += [("Requires-Dist", f'{r}; extra == "{extra}"') for r in reqs]
    headers.append(("Description-Content-Type", "text/markdown"))
    head = "".join(f"{key}: {value}\n" for key, value in headers)
    target = rng.randint(2048, 5120)  # whole METADATA: 2-5 KB
    body = f"# {name}\n\n" + _paragraphs(rng, max(200, target - len(head) - 40))
    return _Project(
        name=name,
        version=version,
        package=package,
        metadata=f"{head}\n{body}\n",
        entry_points=_entry_points(rng, package, index),
        requires=requires,
        extras=extras,
    )


def _entry_points(rng: random.Random, package: str, index: int) -> str:
    """Return entry_points.txt for ~20 % of projects, else an empty string."""
    if rng.random() >= 0.2:
        return ""
    sections: list[str] = []
    kind = rng.randrange(3)
    if kind in (0, 2):
        scripts = [f"{package.replace('_', '-')} = {package}.cli:main"]
        if rng.random() < 0.3:
            scripts.append(f"{package}-admin = {package}.cli:admin [speedups]")
        sections.append("[console_scripts]\n" + "\n".join(scripts))
    if kind in (1, 2):
        sections.append(f"[{PLUGIN_GROUP}]\nplugin{index} = {package}.plugin:Plugin")
    if rng.random() < 0.1:
        sections.append(f"[gui_scripts]\n{package}-gui = {package}.gui:run")
    return "\n\n".join(sections) + "\n"


def _package_files(rng: random.Random, project: _Project) -> dict[str, bytes]:
    """Return the package's own files, keyed by path relative to the site."""
    init = f'"""{project.name}."""\n\n__version__ = "{project.version}"\n'
    core = "\n".join(
        f"def {word}_{i}(value):\n    return value\n"
        for i, word in enumerate(rng.sample(_WORDS, rng.randint(3, 12)))
    )
    return {
        f"{project.package}/__init__.py": init.encode(),
        f"{project.package}/core.py": core.encode(),
    }


def _write(root: Path, files: dict[str, bytes]) -> None:
    for relative, data in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def _write_dist_info(site: Path, rng: random.Random, project: _Project) -> int:
    """Write a wheel-installed project; return how many files it wrote."""
    info = f"{project.package}-{project.version}.dist-info"
    files = _package_files(rng, project)
    meta = {
        "METADATA": project.metadata.encode(),
        "WHEEL": b"Wheel-Version: 1.0\nGenerator: bench (1.0)\n"
        b"Root-Is-Purelib: true\nTag: py3-none-any\n",
        "top_level.txt": f"{project.package}\n".encode(),
        "INSTALLER": b"pip\n",
    }
    if project.entry_points:
        meta["entry_points.txt"] = project.entry_points.encode()
    if rng.random() < 0.5:
        meta["LICENSE"] = b"MIT License\n\nCopyright (c) the authors.\n"
    if rng.random() < 0.3:
        meta["REQUESTED"] = b""
    files.update({f"{info}/{key}": value for key, value in meta.items()})
    rows = [f"{path},{_record_hash(data)},{len(data)}" for path, data in files.items()]
    rows.append(f"{info}/RECORD,,")
    files[f"{info}/RECORD"] = ("\n".join(rows) + "\n").encode()
    _write(site, files)
    return len(files)


def _write_egg_info(site: Path, rng: random.Random, project: _Project) -> int:
    """Write a ``setup.py install``-style project; return how many files it wrote."""
    info = f"{project.package}-{project.version}-py3.11.egg-info"
    files = _package_files(rng, project)
    sections = ["\n".join(r.partition(";")[0] for r in project.requires[:3])]
    sections.append('[:python_version < "3.11"]\ntomli>=1.1.0')
    sections += [
        f"[{extra}]\n" + "\n".join(reqs) for extra, reqs in project.extras.items()
    ]
    sources = [
        "setup.py",
        *files,
        *(f"{info}/{name}" for name in ("PKG-INFO", "SOURCES.txt")),
    ]
    meta = {
        "PKG-INFO": project.metadata.replace(
            "Metadata-Version: 2.4", "Metadata-Version: 2.1"
        )
        .replace("Metadata-Version: 2.3", "Metadata-Version: 2.1")
        .encode(),
        "requires.txt": ("\n\n".join(sections) + "\n").encode(),
        "top_level.txt": f"{project.package}\n".encode(),
        "dependency_links.txt": b"\n",
        "SOURCES.txt": ("\n".join(sources) + "\n").encode(),
    }
    if project.entry_points:
        meta["entry_points.txt"] = project.entry_points.encode()
    if rng.random() < 0.5:  # pip-installed eggs list their files; others only SOURCES
        installed = [f"../{path}" for path in files] + [*meta, "installed-files.txt"]
        meta["installed-files.txt"] = ("\n".join(installed) + "\n").encode()
    files.update({f"{info}/{key}": value for key, value in meta.items()})
    _write(site, files)
    return len(files)


def generate(site: Path, size: int) -> Manifest:
    """Write *size* distributions into the empty directory *site*.

    Args:
        site: Directory to fill; created if missing.
        size: Number of distributions.

    Returns:
        The manifest of the tree (names to look up, counts).
    """
    rng = random.Random(f"pkgmeta-bench-{GENERATOR_VERSION}-{size}")
    site.mkdir(parents=True, exist_ok=True)
    manifest = Manifest(size=size, site=str(site), hit="", egg_hit="")
    for index in range(size):
        project = _make_project(rng, index)
        is_egg = rng.random() < 0.05
        if is_egg:
            manifest.files += _write_egg_info(site, rng, project)
            manifest.egg_infos += 1
        else:
            manifest.files += _write_dist_info(site, rng, project)
            manifest.dist_infos += 1
        if "[console_scripts]" in project.entry_points:
            manifest.console_scripts += 1
        if f"[{PLUGIN_GROUP}]" in project.entry_points:
            manifest.plugins += 1
        manifest.names.append(project.name)
        # Look up names from the middle of the listing, spelled as users do.
        lookup = project.name.lower().replace("_", "-")
        if is_egg and not manifest.egg_hit:
            manifest.egg_hit = lookup
        if not is_egg and not manifest.hit and index >= size // 2:
            manifest.hit = lookup
    return manifest


def ensure_site(size: int, envs_dir: Path = ENVS_DIR) -> Manifest:
    """Return the cached tree of *size* distributions, generating it if needed.

    Trees live in ``envs_dir/v<GENERATOR_VERSION>/n<size>/``; a tree counts as
    complete once its ``manifest.json`` exists, so an interrupted run rebuilds.
    """
    root = envs_dir / f"v{GENERATOR_VERSION}"
    for stale in envs_dir.glob("v*"):
        if stale != root:
            shutil.rmtree(stale)
    target = root / f"n{size}"
    manifest_path = target / "manifest.json"
    if manifest_path.exists():
        return Manifest(**json.loads(manifest_path.read_text()))
    partial = root / f"n{size}.partial"
    shutil.rmtree(partial, ignore_errors=True)
    manifest = generate(partial / "site-packages", size)
    shutil.rmtree(target, ignore_errors=True)
    os.replace(partial, target)
    manifest.site = str(target / "site-packages")
    manifest_path.write_text(json.dumps(manifest.__dict__, indent=1))
    return manifest


def main() -> None:
    """Write one tree where the caller says (for inspection by hand)."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("directory", type=Path)
    parser.add_argument("-n", "--size", type=int, default=100)
    args = parser.parse_args()
    manifest = generate(args.directory, args.size)
    summary = {k: v for k, v in manifest.__dict__.items() if k != "names"}
    print(json.dumps(summary, indent=1))


if __name__ == "__main__":
    main()
