"""Every front-matter field, hostile, rendered WITHOUT the validator, in real Chromium (probe D2, D3,
D5, D13).

One small project where every string field of a plan (and its tasks, signer, attachments…), a
registry document, an agency and a hand-written page carries the same payload (bodies are
tests/browser/test_hostile.py's): quote and bracket
breakouts, a `<script>` after `--!>` and `<![`, an event handler, Markdown structure (a heading, a
table, attr_list) on several lines. It is built with the pipeline functions but no validation (the
rendering path alone must be safe) and every page it touches is opened in Chromium:

- no dialog opens and the payload's script never runs (`window.__pwned` stays undefined);
- the Content-Security-Policy meta tag is inside <head>, once, first after the charset;
- no event-handler attribute and no element the payload tried to inject exists in the DOM.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from _hardening import build_unvalidated, serve

from tests.factories import project

ROOT = Path(__file__).resolve().parents[2]

# One line for attribute and <head> breakouts, more lines for Markdown structure.
PAYLOAD = (
    '"><script>window.__pwned=1;alert(document.domain)</script>'
    '<!-- --!><script>window.__pwned=2;alert(2)</script><![ ><img src=x onerror="window.__pwned=3;alert(3)">\''
    "\n\n# Tiêu đề giả {: #ck-toan-van .md-header onclick=alert(4) }\n\n| a | b |\n|---|---|\n"
    "- [bấm](javascript:alert(5)) *x*"
)


def _yaml(s: str) -> str:
    """A YAML double-quoted scalar holding s exactly."""
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


P = _yaml(PAYLOAD)
ATTACHMENT = 'x" style="position:fixed;top:0;left:0;width:100vw;height:100vh;z-index:99999" data-x=".pdf'

AGENCY = f"""---
name: {P}
short_name: {P}
aliases: [{P}]
level: xa
locality: "11086"
legacy_locality:
  name: {P}
  successor: "11086"
---
Nội dung thử nghiệm.
"""

DOCUMENT = f"""---
number: 59/2023/NĐ-CP
type: {P}
issued: 2023-08-14
issuer: ubnd-xa-thu-nghiem
title: {P}
aliases: [{P}]
note: {P}
---
Nội dung thử nghiệm.
"""

PLAN = f"""---
type: {P}
number: {P}
key: {P}
issued: 2025-08-04
issuer: ubnd-xa-thu-nghiem
place: {P}
title: {P}
period:
  start: 2025-07-01
  end: 2025-12-31
status: ban-hanh
signer:
  name: {P}
  position: {P}
  authority: {P}
recipients:
  - {P}
basis:
  - ref: 59/2023/NĐ-CP
    relation: can-cu
  - ref: {P}
    relation: thuc-hien
attachments:
  - file: {_yaml("../../tep/" + ATTACHMENT)}
    title: {P}
cited_as:
  - number: {P}
source_note: {P}
tasks:
  - id: {P}
    group: {P}
    name: {P}
    lead: {P}
    partners: {P}
    due: {P}
    updates:
      - date: 2025-08-10
        status: dang-thuc-hien
        note: {P}
---
Căn cứ Nghị định số 59/2023/NĐ-CP ngày 14/8/2023 của Chính phủ.

Trên đây là kế hoạch thử nghiệm./.
"""

PAGE = f"""---
title: {P}
description: {P}
---
Nội dung thử nghiệm.
"""


@pytest.fixture(scope="module")
def hostile_fields(tmp_path_factory: pytest.TempPathFactory):
    proj = tmp_path_factory.mktemp("fields") / "proj"
    files = {
        "content/index.md": "# Thử nghiệm\n",
        "content/gioi-thieu.md": PAGE,
        "content/co-quan/ubnd-xa-thu-nghiem.md": AGENCY,
        "content/van-ban/59-2023-nd-cp.md": DOCUMENT,
        "content/ke-hoach/2025/thu-nghiem.md": PLAN,
        f"content/tep/{ATTACHMENT}": "%PDF-1.4\n",
    }
    project(proj, content=None, files=files)
    corpus = build_unvalidated(proj)
    assert [r.path for r in corpus.plans if r.plan is not None] == ["content/ke-hoach/2025/thu-nghiem.md"]
    assert len(corpus.documents) == 1 and len(corpus.agencies) == 1 and len(corpus.pages) == 2
    site = proj / "site"
    pages = sorted(
        p.relative_to(site).parent.as_posix() + "/"
        for p in site.rglob("index.html")
        if "pagefind" not in p.parts
    )
    with serve(site) as url:
        yield url, pages, corpus


PROBE = "window.__events = []; document.addEventListener('securitypolicyviolation', e => window.__events.push(e.violatedDirective));"

CHECK = r"""() => {
  const csp = [...document.querySelectorAll('meta[http-equiv="Content-Security-Policy"]')];
  const first = document.head.querySelector('meta:not([charset])');
  const handlers = [];
  for (const el of document.querySelectorAll('*'))
    for (const a of el.attributes)
      if (a.name.toLowerCase().startsWith('on')) handlers.push(el.tagName + '[' + a.name + ']');
  return {
    csp: csp.map(m => m.parentElement.tagName),
    cspFirst: first !== null && first.getAttribute('http-equiv') === 'Content-Security-Policy',
    handlers,
    injected: document.querySelectorAll('img[src="x"], [style*="99999"]').length
      + [...document.scripts].filter(s => /__pwned|alert\(/.test(s.textContent)).length,
    fakeHeading: [...document.querySelectorAll('h1, h2')].filter(h => h.textContent.trim().startsWith('Tiêu đề giả')).length,
    pwned: typeof window.__pwned,
  };
}"""


def test_every_generated_page_is_opened(hostile_fields) -> None:
    _, pages, _ = hostile_fields
    for expected in (
        "ke-hoach/2025/thu-nghiem/",
        "van-ban/59-2023-nd-cp/",
        "co-quan/ubnd-xa-thu-nghiem/",
        "gioi-thieu/",
        "nhiem-vu/",
        "cong-khai/",
        "ke-hoach/",
        "co-quan/",
        "./",
    ):
        assert expected in pages, pages
    assert any(p.startswith("niem-yet/") for p in pages), pages


@pytest.mark.browser
def test_no_field_runs_script_or_escapes_the_head(browser, hostile_fields) -> None:
    base, pages, _ = hostile_fields
    failures = []
    for rel in pages:
        page = browser.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda d, dialogs=dialogs: (dialogs.append(d.message), d.dismiss()))
        page.add_init_script(PROBE)
        try:
            page.goto(base + ("" if rel == "./" else rel), wait_until="load")
            page.wait_for_timeout(150)
            r = page.evaluate(CHECK)
            problems = []
            if dialogs:
                problems.append(f"dialog {dialogs}")
            if r["pwned"] != "undefined":
                problems.append("the payload's script ran")
            if r["csp"] != ["HEAD"] or not r["cspFirst"]:
                problems.append(f"CSP meta in {r['csp']}, first in head: {r['cspFirst']}")
            if r["handlers"] or r["injected"] or r["fakeHeading"]:
                problems.append(f"injected markup: {r}")
            if problems:
                failures.append(f"/{rel}: {'; '.join(problems)}")
        finally:
            page.close()
    assert not failures, "\n".join(failures)
