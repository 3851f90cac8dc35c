"""Check in headless Chromium that every table of the built docs fits its page.

Run after ``nox -s docs`` (or ``sphinx-build ... docs build/docs/html``)::

    python tools/docs_widths.py [--html build/docs/html] [--sizes 1280x900,1920x1080]
                                [--pages compatibility,cli] [--shots DIR]
                                [--chromium /usr/bin/chromium]

Each HTML page of the build (not the index, search and module-index pages) is
loaded at each window size. A table fails when it is wider than the element
that holds it (furo wraps tables in a scrolling ``div.table-wrapper``: a wider
table hides its right-hand columns behind a scroll bar), when it reaches past
the page's text column (or the window), or when a cell's content is wider than the cell.
A code span broken inside a name (``docs/_static/tables.css`` allows it, so
that a table of short cells fits) is counted in a note, not failed.
``--shots DIR`` also saves, per page and size, a PNG of the top of the page
and one of each table in its place (the full window width, so the clipping
shows).

Chromium is driven over its DevTools protocol by the small WebSocket client
below. Exit status 0 when every table fits at every size, 1 otherwise.
Standard library only; Python 3.8+.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import shutil
import socket
import struct
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SKIPPED_PAGES = {"genindex.html", "search.html", "py-modindex.html"}
TIMEOUT = 60.0  # seconds for Chromium to start or a page to load

# Runs in the page: one record per table, with what does not fit.
MEASURE = r"""
(async () => {
  await document.fonts.ready;
  const article = document.querySelector("article") || document.body;
  // furo's column (.content) holds the article and its padding: a table may
  // use the padding, not reach past it or past the window.
  const column = document.querySelector(".content") || article;
  const edge = Math.min(column.getBoundingClientRect().right,
                        document.documentElement.clientWidth);
  const tables = [...article.querySelectorAll("table")];
  return JSON.stringify(tables.map((table, index) => {
    const holder = table.closest(".table-wrapper") || table.parentElement;
    const rect = table.getBoundingClientRect();
    const head = [...(table.rows[0] ? table.rows[0].cells : [])]
      .map((cell) => cell.textContent.trim().slice(0, 12)).join(" | ");
    const cells = [...table.querySelectorAll("td, th")]
      .filter((cell) => cell.scrollWidth > cell.clientWidth + 1)
      .map((cell) => cell.textContent.trim().slice(0, 40));
    // a code span without spaces laid out on two lines was broken inside a
    // name (docs/_static/tables.css allows it): legible, but worth a look
    const split = [...table.querySelectorAll("td code")]
      .filter((code) => !/\s/.test(code.textContent.trim())
                        && code.getClientRects().length > 1).length;
    return {
      index, head, cells, split,
      width: Math.ceil(table.scrollWidth),
      room: holder.clientWidth,
      past_edge: Math.max(0, Math.ceil(rect.right - edge)),
      top: rect.top + window.scrollY, height: rect.height,
    };
  }));
})()
"""


class WebSocket:
    """A minimal client side of RFC 6455: text frames out, whole messages in."""

    def __init__(self, url: str) -> None:
        host_port, _, path = url[len("ws://") :].partition("/")
        host, _, port = host_port.partition(":")
        self.sock = socket.create_connection((host, int(port)), timeout=TIMEOUT)
        key = base64.b64encode(os.urandom(16)).decode("ascii")
        request = (
            f"GET /{path} HTTP/1.1\r\nHost: {host_port}\r\nUpgrade: websocket\r\n"
            f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n"
            "Sec-WebSocket-Version: 13\r\n\r\n"
        )
        self.sock.sendall(request.encode("ascii"))
        response = b""
        while b"\r\n\r\n" not in response:
            chunk = self.sock.recv(4096)
            if not chunk:
                raise ConnectionError("the DevTools endpoint closed the handshake")
            response += chunk
        head, _, self.pending = response.partition(b"\r\n\r\n")
        if b" 101 " not in head.split(b"\r\n", 1)[0]:
            raise ConnectionError(head.decode("latin-1"))

    def send(self, text: str) -> None:
        """Send one masked text frame (clients must mask, RFC 6455 5.3)."""
        payload = text.encode("utf-8")
        size = len(payload)
        if size < 126:
            header = struct.pack("!BB", 0x81, 0x80 | size)
        elif size < 1 << 16:
            header = struct.pack("!BBH", 0x81, 0x80 | 126, size)
        else:
            header = struct.pack("!BBQ", 0x81, 0x80 | 127, size)
        mask = os.urandom(4)
        masked = bytes(byte ^ mask[i % 4] for i, byte in enumerate(payload))
        self.sock.sendall(header + mask + masked)

    def _read(self, count: int) -> bytes:
        while len(self.pending) < count:
            chunk = self.sock.recv(max(65536, count - len(self.pending)))
            if not chunk:
                raise ConnectionError("the DevTools endpoint closed the connection")
            self.pending += chunk
        data, self.pending = self.pending[:count], self.pending[count:]
        return data

    def receive(self) -> str:
        """Return the next whole text message, answering pings on the way."""
        parts: list[bytes] = []
        while True:
            first, second = self._read(2)
            size = second & 0x7F
            if size == 126:
                (size,) = struct.unpack("!H", self._read(2))
            elif size == 127:
                (size,) = struct.unpack("!Q", self._read(8))
            payload = self._read(size)  # server frames are not masked
            opcode = first & 0x0F
            if opcode == 0x8:
                raise ConnectionError("the DevTools endpoint closed the connection")
            if opcode == 0x9:  # ping: answer with a masked pong
                mask = os.urandom(4)
                body = bytes(byte ^ mask[i % 4] for i, byte in enumerate(payload))
                self.sock.sendall(struct.pack("!BB", 0x8A, 0x80 | size) + mask + body)
                continue
            if opcode in (0x0, 0x1, 0x2):
                parts.append(payload)
                if first & 0x80:  # FIN
                    return b"".join(parts).decode("utf-8")

    def close(self) -> None:
        self.sock.close()


class DevTools:
    """Commands to one DevTools target, keeping the events that arrive meanwhile."""

    def __init__(self, url: str) -> None:
        self.socket = WebSocket(url)
        self.next_id = 0
        self.events: list[dict[str, Any]] = []

    def call(self, method: str, **params: Any) -> dict[str, Any]:
        """Send *method* and return its result; a protocol error raises."""
        self.next_id += 1
        self.socket.send(
            json.dumps({"id": self.next_id, "method": method, "params": params})
        )
        while True:
            message: dict[str, Any] = json.loads(self.socket.receive())
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                result: dict[str, Any] = message.get("result", {})
                return result
            if "method" in message:
                self.events.append(message)

    def wait_for(self, event: str) -> None:
        """Return once *event* has arrived (dropping the events before it)."""
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            for index, message in enumerate(self.events):
                if message["method"] == event:
                    del self.events[: index + 1]
                    return
            self.events.clear()
            message = json.loads(self.socket.receive())
            if "method" in message:
                self.events.append(message)
        raise TimeoutError(event)

    def close(self) -> None:
        self.socket.close()


def start_chromium(chromium: str, profile: Path) -> tuple[subprocess.Popen[bytes], int]:
    """Start headless Chromium; return the process and its DevTools port."""
    process = subprocess.Popen(
        [
            chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--hide-scrollbars",
            f"--user-data-dir={profile}", "--remote-debugging-port=0", "about:blank",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    # Chromium writes the port it picked to this file once it listens.
    port_file = profile / "DevToolsActivePort"
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        if port_file.exists():
            lines = port_file.read_text("ascii").split()
            if len(lines) >= 2:
                return process, int(lines[0])
        if process.poll() is not None:
            break
        time.sleep(0.1)
    process.kill()
    process.wait()
    raise SystemExit(f"docs_widths: {chromium} did not start its DevTools endpoint")


def open_page(port: int) -> DevTools:
    """Open a new tab and connect to it."""
    browser = DevTools(_browser_url(port))
    target = browser.call("Target.createTarget", url="about:blank")["targetId"]
    browser.close()
    page = DevTools(f"ws://127.0.0.1:{port}/devtools/page/{target}")
    page.call("Page.enable")
    return page


def _browser_url(port: int) -> str:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/version") as answer:
        url: str = json.load(answer)["webSocketDebuggerUrl"]
    return url


def measure(page: DevTools, url: str, width: int, height: int) -> list[dict[str, Any]]:
    """Load *url* in a window of *width* x *height* and measure its tables."""
    page.call(
        "Emulation.setDeviceMetricsOverride",
        width=width, height=height, deviceScaleFactor=1, mobile=False,
    )  # fmt: skip
    page.events.clear()
    page.call("Page.navigate", url=url)
    page.wait_for("Page.loadEventFired")
    result = page.call(
        "Runtime.evaluate", expression=MEASURE, awaitPromise=True, returnByValue=True
    )
    tables: list[dict[str, Any]] = json.loads(result["result"]["value"])
    return tables


def screenshot(
    page: DevTools, path: Path, top: float, width: int, height: float
) -> None:
    """Save the part of the page from *top*, *height* pixels high, as a PNG."""
    shot = page.call(
        "Page.captureScreenshot",
        format="png",
        captureBeyondViewport=True,
        clip={"x": 0, "y": max(0.0, top), "width": width, "height": height, "scale": 1},
    )
    path.write_bytes(base64.b64decode(shot["data"]))


def problems(table: dict[str, Any]) -> list[str]:
    """Say what does not fit in one measured table."""
    found = []
    if table["width"] > table["room"] + 1:
        found.append(f"{table['width']} px wide in {table['room']} px")
    if table["past_edge"] > 1:
        found.append(f"{table['past_edge']} px past the page's column")
    if table["cells"]:
        found.append(f"{len(table['cells'])} cells overflow: {table['cells'][:3]}")
    return found


def parse_sizes(text: str) -> list[tuple[int, int]]:
    sizes = []
    for item in text.split(","):
        width, _, height = item.strip().partition("x")
        sizes.append((int(width), int(height)))
    return sizes


def main(argv: list[str] | None = None) -> int:
    """Measure every page at every size; return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--html", type=Path, default=ROOT / "build" / "docs" / "html")
    parser.add_argument("--sizes", type=parse_sizes, default="1280x900,1920x1080")
    parser.add_argument(
        "--pages", help="comma-separated page names to check (default: every page)"
    )
    parser.add_argument("--shots", type=Path, help="save PNG screenshots here")
    parser.add_argument("--chromium", default=shutil.which("chromium") or "chromium")
    args = parser.parse_args(argv)
    pages = sorted(
        path for path in args.html.glob("*.html") if path.name not in SKIPPED_PAGES
    )
    if args.pages:
        wanted = {Path(name.strip()).stem for name in args.pages.split(",")}
        pages = [path for path in pages if path.stem in wanted]
    if not pages:
        raise SystemExit(f"docs_widths: no HTML pages in {args.html}; build the docs")
    if args.shots:
        args.shots.mkdir(parents=True, exist_ok=True)
    failures = 0
    with tempfile.TemporaryDirectory(prefix="docs-widths-") as profile:
        process, port = start_chromium(args.chromium, Path(profile))
        try:
            page = open_page(port)
            for width, height in args.sizes:
                for path in pages:
                    tables = measure(page, path.resolve().as_uri(), width, height)
                    bad = [(table, problems(table)) for table in tables]
                    bad = [(table, found) for table, found in bad if found]
                    failures += len(bad)
                    status = "FAIL" if bad else "ok  "
                    print(
                        f"{status}  {width}x{height}  {path.name}: {len(tables)} tables"
                    )
                    split = sum(table["split"] for table in tables)
                    if split:
                        print(f"        note: {split} code spans broken inside a name")
                    for table, found in bad:
                        print(f"        table {table['index']} ({table['head']}): "
                              + "; ".join(found))  # fmt: skip
                    if args.shots:
                        stem = f"{path.stem}-{width}"
                        screenshot(page, args.shots / f"{stem}.png", 0, width, height)
                        for table in tables:
                            screenshot(
                                page,
                                args.shots / f"{stem}-table{table['index']}.png",
                                table["top"] - 40,
                                width,
                                min(table["height"] + 80, 2000),
                            )
            page.close()
        finally:
            process.terminate()
            process.wait(timeout=TIMEOUT)
    sizes = ", ".join(f"{width}x{height}" for width, height in args.sizes)
    if failures:
        print(f"\n{failures} tables do not fit (sizes {sizes})")
        return 1
    print(f"\nevery table of {len(pages)} pages fits at {sizes}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
