"""Checks of a built book that the main build's tests and the public tree's build test share."""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import yaml
from bs4 import BeautifulSoup

PLACEHOLDER_HOSTS = ("example.edu", "example.com", "example.org")


def toc_pages(root: Path) -> list[str]:
    """Every page of `root`/_toc.yml, the root page first."""
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    pages = [toc["root"]]

    def walk(entries):
        for entry in entries or []:
            if "file" in entry:
                pages.append(entry["file"])
            walk(entry.get("sections"))
            walk(entry.get("chapters"))

    for part in toc.get("parts", []):
        walk(part.get("chapters"))
    walk(toc.get("chapters"))
    return pages


def source_of(root: Path, page: str) -> Path:
    for suffix in (".md", ".ipynb"):
        if (root / f"{page}{suffix}").is_file():
            return root / f"{page}{suffix}"
    raise FileNotFoundError(f"no source for {page} under {root}")


def is_notebook(source: Path) -> bool:
    """An .ipynb, or a MyST Markdown notebook (jupytext header with a kernel)."""
    if source.suffix == ".ipynb":
        return True
    text = source.read_text(encoding="utf-8")
    return text.startswith("---") and "kernelspec:" in text.split("\n---", 1)[0]


def launch_buttons(html: str) -> dict[str, str]:
    """The page's launch buttons: service name -> URL."""
    menu = BeautifulSoup(html, "html.parser").select_one(".dropdown-launch-buttons")
    if menu is None:
        return {}
    return {link.get_text(strip=True): link["href"] for link in menu.select("a[href]")}


def expected_services(source: Path, launch_config: dict) -> set[str]:
    """Where a page can be opened: Binder and a configured JupyterHub open any notebook; Colab
    opens .ipynb files only; a page that is not a notebook has nothing to launch."""
    if not is_notebook(source):
        return set()
    services = {"Binder"} if launch_config.get("binderhub_url") else set()
    if launch_config.get("jupyterhub_url"):
        services.add("JupyterHub")
    if launch_config.get("colab_url") and source.suffix == ".ipynb":
        services.add("Colab")
    return services


def launched_path(service: str, url: str, repository: str) -> str:
    """The repository path a launch URL opens."""
    parts = urlsplit(url)
    if service == "Binder":
        return parse_qs(parts.query)["urlpath"][0].removeprefix("lab/tree/")
    if service == "Colab":
        return re.sub(r"^/github/[^/]+/[^/]+/blob/[^/]+/", "", parts.path)
    if service == "JupyterHub":  # nbgitpuller clones into a folder named after the repository
        return parse_qs(parts.query)["urlpath"][0].removeprefix(f"lab/tree/{repository}/")
    raise ValueError(service)


def launch_button_problems(root: Path, html_dir: Path) -> list[str]:
    """Every page's launch buttons against the rules above, each opening a file that exists."""
    config = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8"))
    launch_config = config.get("launch_buttons", {})
    repository = config["repository"]["url"].rstrip("/").rsplit("/", 1)[-1]
    problems = []
    for page in toc_pages(root):
        source = source_of(root, page)
        html = (html_dir / f"{page}.html").read_text(encoding="utf-8")
        buttons = launch_buttons(html)
        if set(buttons) != expected_services(source, launch_config):
            problems.append(f"{page}: buttons {sorted(buttons)}, expected "
                            f"{sorted(expected_services(source, launch_config))}")
        for service, url in buttons.items():
            opened = launched_path(service, url, repository)
            if not (root / opened).is_file():
                problems.append(f"{page}: {service} opens {opened!r}, which is not in the repository")
        if any(host in html for host in PLACEHOLDER_HOSTS):
            problems.append(f"{page}: a placeholder host is linked")
    return problems
