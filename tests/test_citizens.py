"""Issue 15 without a browser: what changed between two versions in Vietnamese words, the bounded
comparison, the editor's notes, shallow clones, feedback channels found in a plan's text, agency
contacts (model, schema, validator), the site contact, the glossary, per-agency and per-locality
feeds, the open data page, the English-word test itself, and that no contact on the built site
comes from anywhere but content/ or mkdocs.yml."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import feedparser
import icalendar
import pytest

from builder import flow
from builder.analysis import channels, gitinfo, history
from builder.base import config
from builder.content import corpus as corpus_mod
from builder.publish import feeds
from builder.site import opendata, subscriptions
from tests.english import english_words
from tests.factories import commit, git_env
from tests.minicorpus import AGENCY, PLAN, PLAN_PATH, make_project

BODY = """## I. MỤC ĐÍCH

Đoạn mở đầu mục I.

## II. NỘI DUNG

### 1. Tuyên truyền

Tuyên truyền trên loa.

### 2. Tiếp công dân

Tiếp công dân thứ Năm.
"""


def readable(text: str) -> history.Readable:
    return history.readable(text, {"ubnd-xa-thu-nghiem": "Ủy ban nhân dân xã Thử Nghiệm"})


# -- what changed --------------------------------------------------------------------------------


def test_changes_are_named_in_vietnamese() -> None:
    old = readable(
        PLAN.replace("number: 12/KH-UBND\n", "").replace("status: ban-hanh", "status: du-thao") + BODY
    )
    new_text = (
        PLAN.replace("title: Thực hiện", "title: Kế hoạch thực hiện")
        + BODY.replace("Tiếp công dân thứ Năm.", "Tiếp công dân thứ Năm và thứ Sáu.")
        + "\n## III. TỔ CHỨC THỰC HIỆN\n\nGiao Văn phòng.\n"
    )
    new_text = new_text.replace(
        "    due: Tháng 9/2025\n",
        '    due: Tháng 10/2025\n    status: dang-thuc-hien\n  - id: "2"\n    name: Tổ chức hội nghị\n',
    )
    assert history.changes(old, readable(new_text)) == [
        "Bổ sung số, ký hiệu",
        "Sửa trích yếu",
        "Đổi trạng thái: Dự thảo → Đã ban hành",
        "Thêm nhiệm vụ 2",
        "Cập nhật tình trạng nhiệm vụ 1",
        "Sửa nhiệm vụ 1 (thời gian thực hiện)",
        "Sửa nội dung mục II.2",
        "Thêm mục III",
    ]


def test_every_plan_field_has_a_vietnamese_name_in_the_history() -> None:
    # a field added to the model later (acc's `published`, `posted`) must not fall back to
    # "Thông tin khác", where two such fields would hide each other
    from builder.content.model import Plan

    unnamed = set(Plan.model_fields) - set(history.FIELD_LABELS) - {"change_note", "tasks"}
    assert not unnamed
    posted = "posted:\n  from: 2025-08-04\n  to: 2025-08-18\n  place: Nhà văn hóa thôn 1\n"
    old, new = readable(PLAN), readable(PLAN.replace("status: ban-hanh\n", "status: ban-hanh\n" + posted))
    assert history.changes(old, new) == ["Bổ sung thời gian, địa điểm niêm yết"]
    assert new.fields["Thời gian, địa điểm niêm yết"] == (
        "từ ngày 4 tháng 8 năm 2025 đến ngày 18 tháng 8 năm 2025, tại Nhà văn hóa thôn 1"
    )


def test_many_sections_are_grouped_and_unnumbered_ones_named() -> None:
    old = readable(PLAN + BODY + "\n## Phụ lục\n\nBảng cũ.\n[^1]: Chú thích cũ.\n")
    new = readable(
        PLAN
        + BODY.replace("Đoạn mở đầu mục I.", "Đoạn mới.")
        .replace("loa.", "loa truyền thanh.")
        .replace("Năm.", "Sáu.")
        + "\n## Phụ lục\n\nBảng mới.\n[^1]: Chú thích mới.\n"
    )
    assert history.changes(old, new) == [
        "Sửa nội dung các mục I, II.1, II.2 và “Phụ lục”",
        "Sửa nội dung chú thích",
    ]


def test_a_version_that_only_changes_the_layout_says_so() -> None:
    assert history.changes(readable(PLAN), readable(PLAN.replace("## I.", "##  I."))) == []
    assert history.changes(readable(PLAN), readable(PLAN + "\n\n")) == []


def test_editor_note_front_matter_then_trailer() -> None:
    note = "change_note: Sửa lỗi chính tả ở mục I.\n"
    a, b = readable(PLAN), readable(PLAN.replace("status: ban-hanh\n", "status: ban-hanh\n" + note))
    trailer = gitinfo.note_of("content: fix typo\n\nGhi-chu: Theo bản đóng dấu.\nSigned-off-by: x")
    assert trailer == "Theo bản đóng dấu."
    assert gitinfo.note_of("Ghi-chú: có dấu cũng được") == "có dấu cũng được"
    assert gitinfo.note_of("content: no note") is None
    commit_ = history.Commit("2025-08-01", "2025-08-01T00:00:00+07:00", "abc", "x", None, note=trailer)
    assert history.note_for(a, b, commit_) == "Sửa lỗi chính tả ở mục I."  # written for this version
    assert history.note_for(b, b, commit_) == "Theo bản đóng dấu."  # an old change_note is not repeated


def test_comparison_is_word_level_and_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    old = readable(PLAN + BODY)
    new = readable(PLAN + BODY.replace("Tiếp công dân thứ Năm.", "Tiếp công dân sáng thứ Năm."))
    cmp = history.compare(old, new)
    changed = [b for b in cmp.blocks if b.kind == "changed"]
    assert len(changed) == 1 and changed[0].where == "Mục II.2"
    assert [s for s in changed[0].segments if s.op != "="] == [history.Segment("+", "sáng ")]
    assert any(b.kind == "skipped" and b.skipped > 5 for b in cmp.blocks)  # the rest is folded
    # a huge change is cut, and says how much is not shown
    monkeypatch.setattr(history, "MAX_DIFF_CHARS", 50)
    big = readable(PLAN + BODY.replace("Tuyên truyền trên loa.", "Rất dài. " * 40).replace("Năm.", "Sáu."))
    cut = history.compare(old, big)
    assert cut.truncated >= 1
    assert sum(len(s.text) for b in cut.blocks if b.kind != "same" for s in b.segments) <= 50


# -- git: versions, notes, shallow clones ---------------------------------------------------------


def _git(root: Path, *args: str, when: str = "2025-08-01T09:00:00+07:00") -> None:
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, env=git_env(when))


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = make_project(tmp_path / "proj", plan=PLAN.replace("number: 12/KH-UBND\n", "") + BODY)
    commit(root, "2025-08-04T09:00:00+07:00", "content: import")
    (root / PLAN_PATH).write_text(PLAN + BODY, encoding="utf-8")
    commit(root, "2025-08-20T09:00:00+07:00", "content: number\n\nGhi-chu: Bổ sung số theo bản gốc.")
    (root / "content/co-quan/khac.md").write_text(AGENCY.replace("Thử Nghiệm", "Khác"), encoding="utf-8")
    commit(root, "2025-09-01T09:00:00+07:00", "registry: another agency")
    return root


def test_versions_from_git(repo: Path) -> None:
    c = corpus_mod.load(repo)
    d = flow.run(c, validate=False)
    history.analyze(c, d)  # the history step (site only)
    h = d.plan_history[c.plans[0].key]
    assert not h.partial and h.note_vi is None
    assert [(v.n, v.date, v.changes, v.note) for v in h.versions] == [
        (2, "2025-08-20", ["Bổ sung số, ký hiệu"], "Bổ sung số theo bản gốc."),
        (1, "2025-08-04", ["Đăng lên trang lần đầu"], None),
    ]
    assert h.versions[0].compare is None and h.versions[1].compare is not None
    assert len(h.versions[0].sha) == 40


def test_uncommitted_edit_is_a_version_of_its_own(repo: Path) -> None:
    (repo / PLAN_PATH).write_text(
        PLAN.replace("title: Thực hiện", "title: Tổ chức thực hiện") + BODY, encoding="utf-8"
    )
    c = corpus_mod.load(repo)
    d = flow.run(c, validate=False)
    history.analyze(c, d)
    newest = d.plan_history[c.plans[0].key].versions[0]
    assert newest.uncommitted and newest.date is None and newest.changes == ["Sửa trích yếu"]


def test_shallow_clone_never_names_the_tip_as_the_plans_change(repo: Path, tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo}", str(clone)], check=True)
    h = gitinfo.read_history(clone)
    tip = h.files[PLAN_PATH].history
    assert len(tip) == 1 and tip[0].boundary and tip[0].message == "registry: another agency"
    c = corpus_mod.load(clone)
    d = flow.run(c, validate=False)
    history.analyze(c, d)
    ph = d.plan_history[c.plans[0].key]
    assert ph.partial and "Lịch sử chưa đầy đủ" in (ph.note_vi or "")
    assert [(v.boundary, v.first, v.changes) for v in ph.versions] == [(True, False, [])]


def test_the_history_step_reads_blobs_with_one_git_process(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    c = corpus_mod.load(repo)
    d = flow.run(c, validate=False)
    calls: list[list[str]] = []
    real = subprocess.Popen

    def spy(cmd, *a, **kw):  # type: ignore[no-untyped-def]
        calls.append(cmd)
        return real(cmd, *a, **kw)

    monkeypatch.setattr(history.subprocess, "Popen", spy)
    history.analyze(c, d)
    assert len(calls) == 1 and calls[0][-2:] == ["cat-file", "--batch"]


# -- feedback channels ---------------------------------------------------------------------------


def test_channels_named_by_a_plan() -> None:
    body = (
        "c) Trả lời các ý kiến phản ánh, góp ý của tổ chức, công dân qua Cổng Góp ý thành phố "
        "(Gopy.danang.gov.vn), Đường dây nóng thống nhất 1022, bảo đảm đúng thời gian quy định.\n\n"
        "Khảo sát trực tuyến qua website cchc.danang.gov.vn về sự hài lòng; công chức tiếp nhận hồ sơ.\n\n"
        "Mọi phản ánh gửi về thư điện tử ubnd@thu.example.vn.\n\n"
        "Duy trì hòm thư góp ý tại trụ sở.\n\n"
        "Tổ chức hội nghị với 150 đại biểu, điện thoại trực tiếp cho đại biểu.\n\n"
        "[^1]: Chỉ thị về góp ý qua đường dây nóng 1900 1234.\n"
    )
    found = [(c.kind, c.label, c.value, c.line) for c in channels.find(body, 10)]
    assert found == [
        ("portal", "Cổng Góp ý thành phố", "Gopy.danang.gov.vn", 10),
        ("phone", "Đường dây nóng", "1022", 10),
        ("email", "Thư điện tử", "ubnd@thu.example.vn", 14),
        ("mailbox", "Hòm thư góp ý", "", 16),
    ]
    assert channels.find(body)[0].sentence.startswith("c) Trả lời các ý kiến phản ánh")


def test_agency_contact_is_validated_in_vietnamese(tmp_path: Path) -> None:
    from builder import validate  # noqa: F401  (the validator's rules are loaded with the flow)

    bad = AGENCY.replace(
        'locality: "11086"\n',
        'locality: "11086"\ncontact:\n  email:\n    value: khong-phai-thu\n    source: trang xã\n'
        "  phone:\n    value: 0236 3 123 456\n",
    )
    root = make_project(tmp_path / "p", extra={"content/co-quan/ubnd-xa-thu-nghiem.md": bad})
    c = corpus_mod.load(root)
    msgs = sorted(
        (d for d in c.diagnostics if d.file.endswith("ubnd-xa-thu-nghiem.md")), key=lambda d: d.line
    )
    assert [(d.code, d.line) for d in msgs] == [("CK022", 7), ("CK021", 10)], msgs  # email:, phone:
    assert "thư điện tử dạng ten@ten-mien.vn" in msgs[0].message and "Value error" not in msgs[0].message
    assert "contact.phone.source" in msgs[1].message


def test_site_contact_comes_from_mkdocs_yml_only(tmp_path: Path) -> None:
    root = tmp_path / "s"
    root.mkdir()
    (root / "mkdocs.yml").write_text(
        "site_name: t\nextra:\n  contact:\n    name: Ban biên tập\n    email: bbt@example.vn\n    extra_key: x\n",
        encoding="utf-8",
    )
    assert config.read(root).contact == {"name": "Ban biên tập", "email": "bbt@example.vn"}
    from tests.conftest import ROOT

    assert config.read(ROOT).contact == {}  # the project invents none


# -- glossary ------------------------------------------------------------------------------------


def test_glossary_errors(tmp_path: Path) -> None:
    root = make_project(
        tmp_path / "g", extra={"content/thuat-ngu.yml": "UBND: Ủy ban nhân dân\nxã thử: sai\nHĐND: ''\n"}
    )
    c = corpus_mod.load(root)
    assert c.glossary == {"UBND": "Ủy ban nhân dân"}
    assert [(d.code, d.line) for d in c.diagnostics if d.file == "content/thuat-ngu.yml"] == [
        ("CK131", 2),
        ("CK132", 3),
    ]
    (root / "content/thuat-ngu.yml").write_text("- UBND\n", encoding="utf-8")
    assert [d.code for d in corpus_mod.load(root).diagnostics if d.file == "content/thuat-ngu.yml"] == [
        "CK130"
    ]


def test_repository_glossary_is_valid() -> None:
    from tests.conftest import ROOT

    c = corpus_mod.load(ROOT)
    assert {"UBND", "HĐND", "MTTQ", "VH-XH"} <= set(c.glossary)
    assert not [d for d in c.diagnostics if d.file == "content/thuat-ngu.yml"]


# -- feeds per agency and locality, open data ---------------------------------------------------


@pytest.fixture(scope="module")
def real() -> tuple[Path, corpus_mod.Corpus]:
    from tests.factories import real_site

    root = real_site()
    return root, corpus_mod.load(root)


def test_agency_and_locality_feeds_hold_their_own_plans(real: tuple[Path, corpus_mod.Corpus]) -> None:
    root, c = real
    site = root / "site"
    scopes = subscriptions.scopes(c, flow.run(c, validate=False))
    assert scopes[0].kind == "site"
    for s in scopes[1:]:
        feed = feedparser.parse((site / s.feed).read_bytes())
        expected = {c.config.site_url + r.url for r in s.plans}
        assert {e.link for e in feed.entries} == expected, s.url
        cal = icalendar.Calendar.from_ical((site / s.calendar).read_bytes())
        assert all(str(ev["url"]).startswith(c.config.site_url + "ke-hoach/") for ev in cal.walk("VEVENT"))
    hoa_xuan = next(s for s in scopes if s.url == "co-quan/ubnd-phuong-hoa-xuan/")
    assert [r.plan.issuer for r in hoa_xuan.plans] == ["ubnd-phuong-hoa-xuan"]
    assert any(s.kind == "locality" for s in scopes)


def test_feeds_are_deterministic(real: tuple[Path, corpus_mod.Corpus]) -> None:
    _, c = real
    d = flow.run(c, validate=False)
    s = subscriptions.scopes(c, d)[1]
    assert feeds.atom(c, d, s) == feeds.atom(c, d, s) and feeds.calendar(c, d, s) == feeds.calendar(c, d, s)


def test_open_data_page_describes_every_export(real: tuple[Path, corpus_mod.Corpus]) -> None:
    import json

    root, _ = real
    html = (root / "site/du-lieu-mo/index.html").read_text(encoding="utf-8")
    published = sorted(p.name.removesuffix(".schema.json") for p in (root / "site/api").glob("*.schema.json"))
    assert {"plans", "tasks", "documents", "reports"} <= set(published)
    for name in published:  # every export the site writes, a new one too
        assert f'href="../api/{name}.json"' in html and f'href="../api/{name}.schema.json"' in html
        schema = json.loads((root / f"site/api/{name}.schema.json").read_text(encoding="utf-8"))
        for field in schema["items"]["properties"]:
            assert f'<code translate="no">{field}</code>' in html, (name, field)
        assert all(f["description"] for f in opendata.fields(name)), f"a field of {name} has no description"
    assert "Chưa có báo cáo nào trên trang" in html  # the real content has no progress report yet
    # front-matter keys and codes quoted in a description are marked for programs, not read as words
    assert '(<code translate="no">published</code>, <code translate="no">posted</code>)' in html
    assert 'href="../api/tasks.csv"' in html and "chèn công thức" in html
    assert "Nội dung thay đổi lần cuối: ngày 4 tháng 8 năm 2025" in html  # from git, not the clock
    assert "chưa công bố giấy phép" in html


# -- nothing invented -----------------------------------------------------------------------------


def test_every_contact_on_the_site_is_in_content_or_mkdocs_yml(real: tuple[Path, corpus_mod.Corpus]) -> None:
    root, _ = real
    sources = "\n".join(p.read_text(encoding="utf-8") for p in (root / "content").rglob("*.md"))
    sources += (root / "mkdocs.yml").read_text(encoding="utf-8")
    folded = sources.lower()
    seen = 0
    for page in (root / "site").rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for kind, value in re.findall(r'href="(tel|mailto):([^"?]+)', html):
            seen += 1
            assert value.lower() in folded, (page, kind, value)
        for block in re.findall(r'<aside class="ck-actions".*?</aside>', html, re.S):
            for host in re.findall(r'href="https?://([^/"]+)', block):
                if host != "github.com":
                    seen += 1
                    assert host.lower() in folded, (page, host)
    assert seen > 0, "no contact at all: the test would prove nothing"


# -- the English-word test itself ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "english"),
    [
        ("404 - Not found", ["Not", "found"]),
        ("Initializing search", ["Initializing", "search"]),
        ("Skip to content", ["Skip", "content"]),
        ("content: plan 004 with 5 inline tasks", ["content", "plan", "with", "inline", "tasks"]),
        ("Đại SơnKế hoạch", ["SơnKế"]),
        ("Kế hoạch 16/KH-UBND ngày 21 tháng 7 năm 2025 của UBND phường Hòa Xuân", []),
        ("Nghiêng, khuyến khích, quyết, ngoặc, thuở, khuya, oai, uyên, ưu, yêu, quốc, gì", []),
        ("Cổng Góp ý (Gopy.danang.gov.vn), Đường dây nóng 1022; a) b) c)", []),
        ("Tải về api/tasks.csv (JSON, CSV), GitHub, Atom", []),
        ("của Bộ Chí[nh trị]; đảng viên”(Quy định số 124); Trang web: https://x.vn", []),
        ("bản .doc lỗi font; Biên tập viên ghi published (ngày công khai)", ["font", "published"]),
    ],
)
def test_english_words(text: str, english: list[str]) -> None:
    assert english_words(text) == english


def test_plan_pages_link_their_agency_and_locality_feeds(real: tuple[Path, corpus_mod.Corpus]) -> None:
    root, c = real
    for rec in c.plans:
        page = root / "site" / rec.url / "index.html"
        hrefs = re.findall(
            r'<a href="([^"]+)" type="(?:application/atom\+xml|text/calendar)"', page.read_text("utf-8")
        )
        targets = {
            (page.parent / h).resolve().relative_to((root / "site").resolve()).as_posix() for h in hrefs
        }
        assert (
            f"co-quan/{rec.plan.issuer}/feed.xml" in targets
            and f"co-quan/{rec.plan.issuer}/lich.ics" in targets
        )
        if c.agencies[rec.plan.issuer].agency.locality:  # an agency of before 1/7/2025 has none
            assert any(t.startswith("dia-ban/") and t.endswith("/feed.xml") for t in targets), targets
        assert all((root / "site" / t).is_file() for t in targets)


def test_theme_strings_are_all_vietnamese() -> None:
    """overrides/partials/languages/vi.html has every key of the theme's language files (no English
    fallback is ever used) and none of its values is English."""
    import material

    from tests.conftest import ROOT

    pattern = re.compile(r'^\s*"([a-z.]+)":\s*"(.*)",?$', re.M)
    theme = Path(material.__file__).parent / "templates/partials/languages"
    en = dict(pattern.findall((theme / "en.html").read_text(encoding="utf-8")))
    ours = dict(pattern.findall((ROOT / "overrides/partials/languages/vi.html").read_text(encoding="utf-8")))
    assert set(ours) == set(en)
    codes = {
        "language",
        "direction",
        "search.config.lang",
        "search.config.pipeline",
        "search.config.separator",
    }
    english = {k: v for k, v in ours.items() if k not in codes and english_words(v)}
    assert not english, english
    assert ours["top"] == "Lên đầu trang" and ours["action.skip"] == "Chuyển đến nội dung chính"
