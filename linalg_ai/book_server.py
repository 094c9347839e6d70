"""Serve the built book on 127.0.0.1 the way static hosts do: text files gzip-compressed.

`make serve` runs `python -m linalg_ai.book_server`; the browser tests use the same handler, so the
transfer sizes they measure are the ones readers get.
"""
from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import os
import sys
from pathlib import Path

COMPRESSIBLE = {".html", ".js", ".css", ".json", ".svg", ".txt", ".map", ".ttf"}


class BookRequestHandler(http.server.SimpleHTTPRequestHandler):
    """Serves _build/html; text files are gzip-compressed when the browser accepts it, as static
    hosts (GitHub Pages among them) serve them, so transfer sizes are the ones readers see."""

    _gzip_cache: dict[tuple[str, float], bytes] = {}

    def log_message(self, format, *args):  # noqa: A002 - quiet: the tests report what matters
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if (
            path.is_file()
            and path.suffix in COMPRESSIBLE
            and "gzip" in self.headers.get("Accept-Encoding", "")
        ):
            key = (str(path), path.stat().st_mtime)
            body = self._gzip_cache.get(key)
            if body is None:
                body = gzip.compress(path.read_bytes(), compresslevel=6)
                self._gzip_cache[key] = body
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(str(path)))
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            return _BytesFile(body)
        return super().send_head()


class _BytesFile:
    """The file-like object send_head returns: copyfile() reads it, then it is closed."""

    def __init__(self, data: bytes) -> None:
        self._data = data

    def read(self, *args) -> bytes:
        data, self._data = self._data, b""
        return data

    def close(self) -> None:
        pass


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Serve the built book (gzip, like a static host).")
    parser.add_argument("--directory", default="_build/html", help="the built book (default: %(default)s)")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args(argv)
    root = Path(args.directory)
    if not (root / "index.html").is_file():
        print(f"error: no built book at {root} (run 'make book' first)", file=sys.stderr)
        return 2
    handler = functools.partial(BookRequestHandler, directory=os.fspath(root))
    try:
        httpd = http.server.ThreadingHTTPServer((args.host, args.port), handler)
    except OSError as error:
        print(f"error: cannot listen on {args.host}:{args.port}: {error.strerror}", file=sys.stderr)
        return 2
    print(f"Serving the book on http://{args.host}:{args.port}/ (Ctrl-C to stop)")
    with httpd:
        try:
            httpd.serve_forever()
        except KeyboardInterrupt:
            pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
