"""Post-build: allow the theme's own inline scripts under the Content-Security-Policy, by hash.

overrides/partials/csp.html writes the policy as a meta tag (first in <head>, right after the
charset) with `script-src 'self' 'wasm-unsafe-eval'` and no 'unsafe-inline'. mkdocs-material
writes a few small inline scripts (scope, palette, tabs) whose text depends on the page (its
relative base URL), so their sha256 hashes are computed here, per page, and appended to that
page's script-src.

Only scripts that the theme's and our templates ship get a hash: `known_scripts` reads every
inline <script> of those template files and turns it into a pattern (its literal text, each
`{{ … }}` standing for a path-like value without quotes, brackets or semicolons). A script in a
page that matches no template's — one injected through content, wherever it lands — gets no
hash and does not run. Scripts inside the content area never get one either.
"""

from __future__ import annotations

import base64
import hashlib
import re
from functools import cache
from pathlib import Path
from typing import Any

from ..analysis.state import Derived
from ..content.corpus import Corpus
from . import htmlpass

META = re.compile(r'(<meta http-equiv="Content-Security-Policy" content=")([^"]*)(")')
JS_TYPES = {"", "text/javascript", "application/javascript", "module"}
_TEMPLATE_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S | re.I)
_JINJA = re.compile(r"\{\{.*?\}\}|\{#.*?#\}", re.S)
# What a `{{ … }}` inside a theme script renders to here: a relative URL or a config word.
_VALUE = r"[A-Za-z0-9_./:#?=%~+-]*"


def _in_content(el: Any) -> bool:
    """Inside the content area (an lxml element or a Lexbor node of htmlpass)."""
    if hasattr(el, "iterancestors"):  # lxml
        ancestors = [(a.tag, a.get("class")) for a in el.iterancestors()]
    else:
        ancestors = []
        node = el.parent
        while node is not None and node.tag not in (None, "-undef", "#document"):
            ancestors.append((node.tag, node.attributes.get("class")))
            node = node.parent
    return any(tag == "article" or "md-content" in (cls or "").split() for tag, cls in ancestors)


def _pattern(body: str) -> re.Pattern[str] | None:
    if "{%" in body:  # control flow inside a script: not a script we can pin down
        return None
    parts: list[str] = []
    pos = 0
    for m in _JINJA.finditer(body):
        parts.append(re.escape(body[pos : m.start()]))
        parts.append(_VALUE if m.group(0).startswith("{{") else "")
        pos = m.end()
    parts.append(re.escape(body[pos:]))
    return re.compile("".join(parts), re.S)


def known_scripts(template_dirs: tuple[Path, ...]) -> tuple[re.Pattern[str], ...]:
    """Patterns of every inline JavaScript <script> in the template files of these folders (read
    again when a template changed: `congkhai serve` rebuilds after template edits)."""
    stamp = tuple(
        (f, f.stat().st_mtime_ns, f.stat().st_size)
        for folder in template_dirs
        for f in sorted(folder.rglob("*.html"))
    )
    return _known_scripts(template_dirs, stamp)


@cache
def _known_scripts(template_dirs: tuple[Path, ...], stamp: tuple[object, ...]) -> tuple[re.Pattern[str], ...]:
    out: list[re.Pattern[str]] = []
    for folder in template_dirs:
        for f in sorted(folder.rglob("*.html")):
            for m in _TEMPLATE_SCRIPT.finditer(f.read_text(encoding="utf-8")):
                attrs = m.group("attrs")
                kind = re.search(r"""\btype\s*=\s*["']?([^"'\s>]*)""", attrs, re.I)
                if re.search(r"\bsrc\s*=", attrs, re.I) or (kind and kind.group(1).lower() not in JS_TYPES):
                    continue
                pat = _pattern(m.group("body"))
                if pat is not None and pat not in out:
                    out.append(pat)
    return tuple(out)


def script_hashes(tree: Any, known: tuple[re.Pattern[str], ...]) -> list[str]:
    """CSP source expressions for the page's inline scripts that the templates ship, in page order
    (`tree`: the page parsed by htmlpass, or its HTML text)."""
    if isinstance(tree, str):
        tree = htmlpass.parse(tree)
    out: list[str] = []
    for el in tree.css("script"):
        if (
            el.attributes.get("src") is not None
            or (el.attributes.get("type") or "").strip().lower() not in JS_TYPES
        ):
            continue
        text = el.text(deep=True) or ""
        if _in_content(el) or not any(p.fullmatch(text) for p in known):
            continue
        digest = hashlib.sha256(text.encode("utf-8")).digest()
        src = f"'sha256-{base64.b64encode(digest).decode()}'"
        if src not in out:
            out.append(src)
    return out


def add_hashes(page: str, known: tuple[re.Pattern[str], ...], tree: Any = None) -> str:
    m = META.search(page)
    if not m:
        return page
    hashes = script_hashes(tree if tree is not None else page, known)
    if not hashes:
        return page
    policy = re.sub(r"(script-src [^;]*)", lambda s: s.group(1) + " " + " ".join(hashes), m.group(2), count=1)
    return page[: m.start(2)] + policy + page[m.end(2) :]


def transform(corpus: Corpus) -> htmlpass.Transform:
    """The CSP step as htmlpass runs it: each page's hashes from the pass's one parse."""
    from .sitebuild import template_dirs

    known = known_scripts(tuple(template_dirs(corpus.root, corpus.config)))
    return lambda rel, tree, html: add_hashes(html, known, tree)


def post_build(corpus: Corpus, derived: Derived, site_dir: Path) -> None:
    """Every page of a site at once (the build runs `transform` inside its one pass instead)."""
    step = transform(corpus)
    for f in sorted(site_dir.rglob("*.html")):
        text = f.read_text(encoding="utf-8")
        new = step(f.relative_to(site_dir).as_posix(), htmlpass.parse(text), text)
        if new != text:
            f.write_text(new, encoding="utf-8")
