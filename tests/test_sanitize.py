"""The rendering path sanitises content HTML (nh3 allow-list), whatever the validator let through.

1. Every attack in the list below comes out of the site's own Markdown renderer (mkdocs.yml's
   extensions, sanitiser included) with no script, event handler or script URL.
2. Legitimate pages are untouched: every staged page of the real corpus renders to the same DOM
   with and without the sanitiser.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import markdown
import pytest
from lxml import html as lxml_html

from builder.publish import sanitize

ROOT = Path(__file__).resolve().parents[1]

ATTACKS = [
    "<script>window.__pwned=1</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    '<img src=x onerror="window.__pwned=1">',
    "<svg onload=window.__pwned=1><circle r=1 /></svg>",
    "<svg><script>window.__pwned=1</script></svg>",
    '<svg><a href="javascript:window.__pwned=1"><text>x</text></a></svg>',
    '<iframe src="javascript:window.__pwned=1"></iframe>',
    '<iframe srcdoc="<script>parent.__pwned=1</script>"></iframe>',
    "[bấm](javascript:window.__pwned=1)",
    "[bấm](JaVaScRiPt:window.__pwned=1)",
    "[bấm](java&#x09;script:window.__pwned=1)",
    "[bấm](&#106;avascript:window.__pwned=1)",
    "[bấm][x]\n\n[x]: javascript:window.__pwned=1",
    "<javascript:window.__pwned=1>",
    '<a href="javascript:window.__pwned=1">bấm</a>',
    '<a href=" &#14;javascript:window.__pwned=1">bấm</a>',
    '<a href="vbscript:msgbox(1)">bấm</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">bấm</a>',
    "[bấm](data:text/html,<script>alert(1)</script>)",
    '<p style="position:fixed;top:0;left:0;width:100%;height:100%;background:url(javascript:alert(1))">che</p>',
    '<object data="javascript:window.__pwned=1"></object>',
    '<embed src="javascript:window.__pwned=1">',
    '<base href="javascript:/a/">',
    '<meta http-equiv="refresh" content="0;url=javascript:window.__pwned=1">',
    '<link rel="stylesheet" href="javascript:alert(1)">',
    "<style>body{background:url(javascript:alert(1))}</style>",
    '<form action="javascript:window.__pwned=1"><button>Gửi</button></form>',
    '<input autofocus onfocus="window.__pwned=1">',
    '<details open ontoggle="window.__pwned=1"><summary>x</summary></details>',
    '<math><mtext><table><mglyph><style><img src=x onerror="window.__pwned=1">',
    '<noscript><p title="</noscript><img src=x onerror=window.__pwned=1>">',
    'Đoạn văn.\n{: onclick="window.__pwned=1" }',
    '## Tiêu đề {: onmouseover="window.__pwned=1" }',
    '[liên kết](https://example.org){: onclick="window.__pwned=1" }',
    '<div markdown="1" onclick="window.__pwned=1">**đậm**</div>',
    "<!--><img src=x onerror=window.__pwned=1>-->",
    '<a href="#" onclick="window.__pwned=1">bấm</a>',
    '<img src="javascript:window.__pwned=1">',
    "![ảnh](javascript:window.__pwned=1)",
    '<template><img src=x onerror="window.__pwned=1"></template>',
    '<portal src="https://evil.example"></portal>',
]


@lru_cache(maxsize=1)
def _site_markdown_config() -> tuple[list, dict]:
    import tempfile

    from mkdocs.config import load_config

    with tempfile.TemporaryDirectory() as docs:
        cfg = load_config(str(ROOT / "mkdocs.yml"), docs_dir=docs)
        return list(cfg.markdown_extensions), dict(cfg.mdx_configs)


def render(text: str, with_sanitiser: bool = True) -> str:
    exts, configs = _site_markdown_config()
    if not with_sanitiser:
        exts = [e for e in exts if e != "builder.publish.sanitize"]
    return markdown.Markdown(extensions=exts, extension_configs=configs).convert(text)


def dangerous(out: str) -> list[str]:
    """What in rendered HTML could run script or take over the page."""
    found = []
    doc = lxml_html.fragment_fromstring(out, create_parent="div") if out.strip() else None
    if doc is None:
        return found
    for el in doc.iter():
        if not isinstance(el.tag, str):
            continue
        tag = el.tag.lower().split("}")[-1]
        if tag in {
            "script",
            "iframe",
            "object",
            "embed",
            "base",
            "meta",
            "link",
            "style",
            "form",
            "input",
            "template",
            "math",
            "portal",
            "frame",
            "noscript",
            "button",
        }:
            found.append(f"<{tag}>")
        for name, value in el.attrib.items():
            n = name.lower()
            v = re.sub(r"[\x00-\x20]+", "", value).lower()
            if n.startswith("on") or n in {"srcdoc", "formaction"}:
                found.append(f"{tag}[{n}]")
            if n == "style" and not re.fullmatch(
                r"text-align:\s*(left|right|center|justify);?", value.strip()
            ):
                found.append(f"{tag}[style={value}]")
            if re.match(r"(javascript|vbscript|data):", v):
                found.append(f"{tag}[{n}={value}]")
    return found


def test_sanitiser_is_the_last_markdown_extension() -> None:
    exts, _ = _site_markdown_config()
    assert exts[-1] == "builder.publish.sanitize", exts


@pytest.mark.parametrize("attack", ATTACKS)
def test_rendering_path_neutralises(attack: str) -> None:
    out = render(attack)
    assert dangerous(out) == [], f"{attack!r} rendered as {out!r}"
    assert "__pwned" not in re.sub(r">[^<]*<", "><", out), out  # only as inert text, never in markup


def test_without_the_sanitiser_these_attacks_would_pass() -> None:
    """The tests above can fail: Python-Markdown alone publishes most of these attacks."""
    unsafe = [a for a in ATTACKS if dangerous(render(a, with_sanitiser=False))]
    assert len(unsafe) >= len(ATTACKS) // 2, unsafe


def test_allow_list_keeps_what_the_site_renders() -> None:
    text = (
        "## Điều 1 {: #dieu-1 .ck-x }\n\nVăn bản[^1] có *HĐND* và `mã`.\n\n"
        "| Cột | Số |\n|:---|---:|\n| a | 1 |\n\n"
        '!!! note "Lưu ý"\n    Nội dung.\n\n'
        '[Nghị định 59/2023/NĐ-CP](../../van-ban/59-2023-nd-cp.md#dieu-2 "Về dân chủ"){ .ck-cite data-pagefind-filter="loai" }\n\n'
        "![QR](qr.svg)\n\n<details><summary>Xem</summary>\n\nẨn\n\n</details>\n\n"
        "*[HĐND]: Hội đồng nhân dân\n\n[^1]: Chú thích, xem <https://vbpl.vn/>.\n"
    )
    exts, configs = _site_markdown_config()
    out = markdown.Markdown(extensions=[*exts, "abbr"], extension_configs=configs).convert(text)
    for kept in (
        'id="dieu-1"',
        'class="ck-x"',
        'class="footnote"',
        'class="footnote-ref"',
        'class="footnote-backref"',
        'id="fn:1"',
        "<table>",
        'style="text-align:right"',
        'class="admonition note"',
        'href="../../van-ban/59-2023-nd-cp.md#dieu-2"',
        'title="Về dân chủ"',
        'data-pagefind-filter="loai"',
        '<img alt="QR" src="qr.svg">',
        "<details>",
        "<summary>",
        "<abbr",
        'href="https://vbpl.vn/"',
    ):
        assert kept in out.replace("text-align: right;", "text-align:right"), (kept, out)


# -- the real corpus: sanitising changes nothing that the site legitimately renders --------


def _canonical(out: str) -> list:
    if not out.strip():
        return []
    doc = lxml_html.fragment_fromstring(out, create_parent="div")
    items = []
    for el in doc.iter():
        if not isinstance(el.tag, str):
            continue
        attrs = {k: (re.sub(r"\s+|;$", "", v) if k == "style" else v) for k, v in el.attrib.items()}
        items.append((el.tag, sorted(attrs.items()), (el.text or ""), (el.tail or "")))
    return items


def _staged_pages(tmp: Path) -> list[Path]:
    from builder import flow
    from builder.content import corpus as corpus_mod
    from tests.factories import project

    proj = project(tmp / "proj")  # the flow stages into <project>/build/docs: the repo's build/ stays alone
    c = corpus_mod.load(proj)
    docs = flow.stage(c, flow.run(c, validate=False))
    return sorted(docs.rglob("*.md"))


def test_real_pages_render_identically_with_and_without_the_sanitiser(tmp_path: Path) -> None:
    from mkdocs.utils import meta

    from builder.base import rawhtml

    pages = _staged_pages(tmp_path)
    assert pages, "nothing staged"
    changed = []
    for p in pages:
        # as one Markdown file: the task cards that mkdocs places unparsed (base/rawhtml.py) in it,
        # since the build sanitises them too
        body, _ = meta.get_data(rawhtml.inline(p.read_text(encoding="utf-8")))
        if _canonical(render(body)) != _canonical(render(body, with_sanitiser=False)):
            changed.append(p.relative_to(tmp_path / "proj" / "build" / "docs").as_posix())
    assert not changed, f"the sanitiser altered legitimate pages: {changed[:10]}"


@pytest.mark.parametrize("attack", [a for a in ATTACKS if a.lstrip().startswith("<")])
def test_clean_on_raw_html(attack: str) -> None:
    """Generators that write HTML straight into a page get the same allow-list."""
    assert dangerous(sanitize.clean(attack)) == []


def test_csp_hashes_only_the_scripts_the_templates_ship() -> None:
    """A theme script gets its hash; a script injected anywhere (in <head>, outside the content
    area, inside it) gets none, even one that looks like the theme's."""
    import base64
    import hashlib

    from builder.base import config
    from builder.publish.csp import add_hashes, known_scripts
    from builder.publish.sitebuild import template_dirs

    known = known_scripts(tuple(template_dirs(ROOT, config.read(ROOT))))
    scope = (
        '__md_scope=new URL("../..",location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),'
        '__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),__md_set=(e,_,t=localStorage,'
        'a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}}'
    )
    injected = [
        "alert(document.domain)",
        scope.replace('"../.."', '"x");alert(1);("'),  # the theme's script with a value that breaks out
        "window.__pwned=1",
    ]
    page = (
        '<html><head><meta http-equiv="Content-Security-Policy" content="default-src \'self\'; '
        "script-src 'self' 'wasm-unsafe-eval'; object-src 'none'\">"
        f"<script>{injected[0]}</script><script>{scope}</script></head><body>"
        f'<script>{injected[1]}</script><script type="application/json">{{"a":1}}</script><script src="x.js"></script>'
        f'<div class="md-content"><article><script>{injected[2]}</script></article></div></body></html>'
    )

    def h(s: str) -> str:
        return "'sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() + "'"

    out = add_hashes(page, known)
    policy = out.split('content="', 1)[1].split('"', 1)[0]
    assert h(scope) in policy and "unsafe-inline" not in policy
    assert not [s for s in injected if h(s) in policy]
    assert policy.startswith("default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'sha256-")
    assert (
        add_hashes("<html><body><script>x</script></body></html>", known)
        == "<html><body><script>x</script></body></html>"
    )
