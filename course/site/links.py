"""The site's link check: every link and resource inside the site must exist, and nothing loads from elsewhere."""
from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

EXTERNAL = ("http://", "https://", "mailto:", "//")


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str, str]] = []  # (tag, attribute, value)
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("id", "name") and value:
                self.ids.add(value)
            if name in ("href", "src") and value is not None:
                self.links.append((tag, name, value))


def parse(page: Path) -> _Links:
    parser = _Links()
    parser.feed(page.read_text(encoding="utf-8", errors="replace"))
    return parser


def broken_links(site: Path) -> list[str]:
    """One line per broken link, missing anchor, or resource loaded from another site."""
    problems, anchors = [], {}
    for page in sorted(site.rglob("*.html")):
        for tag, attribute, value in parse(page).links:
            problems += _check(site, page, tag, attribute, value, anchors)
    return problems


def _check(site: Path, page: Path, tag: str, attribute: str, value: str, anchors: dict) -> list[str]:
    where = page.relative_to(site)
    if value.startswith(EXTERNAL):
        return [f"{where}: loads {value} from another site"] if tag != "a" else []
    if value.startswith("javascript:"):
        return [f"{where}: a script link"]
    if value.startswith("data:"):
        return []
    parts = urlsplit(value)
    target = page if not parts.path else (page.parent / unquote(parts.path)).resolve()
    if target.is_dir():
        target = target / "index.html"
    if not target.is_file():
        return [f"{where}: broken link to {value}"]
    if parts.fragment and target.suffix == ".html":
        ids = anchors.setdefault(target, parse(target).ids)
        if parts.fragment not in ids:
            return [f"{where}: no place called #{parts.fragment} in {target.relative_to(site)}"]
    return []
