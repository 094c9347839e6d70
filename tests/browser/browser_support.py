"""What the browser tests share: the static server, Chromium's settings, the page probe, and the
list of playgrounds with the Python formulas each one must agree with."""
from __future__ import annotations

import functools
import http.server
import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import yaml

import site_checks  # tests/site_checks.py, shared with the tests of the build
from linalg_ai.book_server import BookRequestHandler

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run",
]
AXE_JS = REPO / "book" / "_vendored" / "test-only" / "axe-core" / "axe.min.js"

# Every playground of the book: chapter page -> the playgrounds on it, in page order.
PLAYGROUND_PAGES = {
    "scalars_and_vectors": ["vector"],
    "vector_operations": ["vector_sum"],
    "dot_product": ["dot_product", "angle"],
    "norms_and_distances": ["norms"],
    "matrices": ["matrix_transform", "matrix_composition"],
    "embeddings": ["embedding_explorer"],
    "attention": ["softmax_temperature", "attention_query", "attention_weights"],
}

# Lines of the budget report (tests/browser/test_budget.py), printed at the end of the session.
BUDGET_LINES: list[str] = []


def toc_pages() -> list[str]:
    """Every page listed in _toc.yml (root, chapters and nested sections), as docnames."""
    return site_checks.toc_pages(REPO)


def chapter_pages() -> list[str]:
    """The chapter pages (under book/), without the root page."""
    toc = yaml.safe_load((REPO / "_toc.yml").read_text(encoding="utf-8"))
    return [page for page in toc_pages() if page.startswith("book/") and page != toc["root"]]


# --- JupyterLab (formgrader, the students' Assignments tab) -----------------------------------------
JUPYTERLAB_START_SECONDS = 120


@contextmanager
def jupyterlab(root_dir: Path, env: dict[str, str], log: Path):
    """JupyterLab with nbgrader's extensions on 127.0.0.1 (a free port, a token), started in and
    serving `root_dir` with `env`; yields (base URL, token) once it answers, and ends it after."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    token = secrets.token_hex(16)
    with open(log, "w") as output:
        server = subprocess.Popen(
            [str(Path(sys.executable).parent / "jupyter"), "lab", "--allow-root", "--no-browser",
             "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
             f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root_dir}"],
            cwd=root_dir, env=env, stdout=output, stderr=subprocess.STDOUT, start_new_session=True)
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + JUPYTERLAB_START_SECONDS
            while True:
                try:
                    with urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=5) as answer:
                        if answer.status == 200:
                            break
                except OSError:
                    pass
                if server.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError(f"JupyterLab did not start: {log.read_text()[-3000:]}")
                time.sleep(0.5)
            yield base, token
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait()


# --- the static server ------------------------------------------------------------------------
# The same server as `make serve` (linalg_ai.book_server): gzip, as static hosts serve the book.

@dataclass
class BookServer:
    root: Path
    httpd: http.server.ThreadingHTTPServer
    thread: threading.Thread

    @property
    def origin(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}"

    def url(self, page: str) -> str:
        return f"{self.origin}/{page}"

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=10)


def start_server(root: Path) -> BookServer:
    """Serve ``root`` on 127.0.0.1, on a free port, from a background thread."""
    handler = functools.partial(BookRequestHandler, directory=os.fspath(root))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, name="book-server", daemon=True)
    thread.start()
    return BookServer(root, httpd, thread)


# --- what a page did while it loaded -----------------------------------------------------------

@dataclass
class PageProbe:
    """Records console errors, uncaught errors, failed requests and any request that leaves
    127.0.0.1 (those are aborted, so a page that needs the network visibly breaks)."""

    host: str = "127.0.0.1"
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    http_errors: list[str] = field(default_factory=list)
    external_requests: list[str] = field(default_factory=list)

    def attach(self, page) -> None:
        page.route("**/*", self._route)
        page.on("console", lambda msg: msg.type == "error" and self.console_errors.append(msg.text))
        page.on("pageerror", lambda error: self.page_errors.append(str(error)))
        page.on("requestfailed", lambda request: self.failed_requests.append(
            f"{request.url} ({request.failure})"))
        page.on("response", lambda response: response.status >= 400 and self.http_errors.append(
            f"{response.status} {response.url}"))

    def _route(self, route) -> None:
        url = route.request.url
        parts = urlsplit(url)
        if parts.scheme in ("http", "https", "ws", "wss") and parts.hostname != self.host:
            self.external_requests.append(url)
            route.abort()
        else:
            route.continue_()

    def problems(self) -> list[str]:
        return (
            [f"request to another host: {u}" for u in self.external_requests]
            + [f"console error: {e}" for e in self.console_errors]
            + [f"uncaught error: {e}" for e in self.page_errors]
            + [f"failed request: {r}" for r in self.failed_requests]
            + [f"HTTP error: {r}" for r in self.http_errors]
        )


def wait_until_settled(page, playgrounds: int = 0, timeout_ms: int = 20_000) -> None:
    """Wait until MathJax has typeset the page and ``playgrounds`` playgrounds have drawn."""
    page.wait_for_function(
        "n => document.querySelectorAll('[data-playground][data-inputs]').length >= n",
        arg=playgrounds, timeout=timeout_ms,
    )
    # Playground pages typeset their maths once the playgrounds are drawn (widgets_setup.js).
    page.evaluate(
        "async () => { if (window.MathJax && MathJax.startup && MathJax.startup.promise)"
        " await MathJax.startup.promise;"
        " if (window.linalgAiMathsTypeset) await window.linalgAiMathsTypeset; }"
    )


# --- the numbers each playground must show ---------------------------------------------------

@functools.cache
def _digits_projection():
    from linalg_ai.embeddings import digits_pca_2d

    points, labels = digits_pca_2d()
    return points.tolist(), labels


def python_readout(name: str, inputs: dict, example: dict | None = None) -> dict[str, str]:
    """What the playground ``name`` must display for ``inputs``, computed by the Python formulas."""
    from linalg_ai.playgrounds import formulas

    simple = {
        "vector": formulas.vector_readout,
        "vector_sum": formulas.vector_sum_readout,
        "dot_product": formulas.dot_product_readout,
        "angle": formulas.angle_readout,
        "norms": formulas.norms_readout,
        "matrix_transform": formulas.transformation_readout,
        "matrix_composition": formulas.transformation_readout,
        "softmax_temperature": formulas.softmax_readout,
        "attention_query": formulas.query_attention_readout,
    }
    if name in simple:
        return simple[name](inputs)
    if name == "embedding_explorer":
        points, labels = _digits_projection()
        return formulas.embedding_readout(points, labels, inputs)
    if name == "attention_weights":
        return formulas.attention_readout(example["queries"], example["keys"], inputs)
    raise KeyError(f"no Python readout for playground {name!r}")


def read_playground(locator) -> tuple[dict, dict[str, str], dict | None]:
    """(inputs, displayed readouts, example data) of one playground element on the page."""
    data = locator.evaluate(
        """root => ({
            inputs: root.dataset.inputs,
            example: root.dataset.example || null,
            shown: Object.fromEntries([...root.querySelectorAll('[data-readout]')]
                                      .map(o => [o.dataset.readout, o.textContent])),
        })"""
    )
    example = json.loads(data["example"]) if data["example"] else None
    return json.loads(data["inputs"]), data["shown"], example


# --- colours as the browser computes them ("rgb(31, 95, 168)") ------------------------------------
def rgb(css: str) -> tuple[float, ...]:
    return tuple(float(x) for x in re.findall(r"[\d.]+", css)[:3])


def luminance(css: str) -> float:
    def channel(value: float) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb(css))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)
