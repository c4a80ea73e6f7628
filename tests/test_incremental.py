"""Incremental builds (publish/incremental.py): after each kind of edit, a second `congkhai build`
reuses what it can, and its site/ is the same, byte for byte, as a cold build of the same content
(build/ deleted: no state, no cache).

The edits are those an editor or a developer makes: a plan's text, a new plan, a deleted plan, a
registry entry, an agency, a template, mkdocs.yml, the reference date ("today"), and several edits
in a row. Every file of site/ is compared. Builds run in this process (`builder.build.build`),
the way `congkhai build` runs them.
"""

from __future__ import annotations

import hashlib
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from builder.build import build
from builder.publish import incremental
from tests.factories import COMMIT_DATE, HOA_XUAN_REPORT, commit, project

PLAN = "content/ke-hoach/2025/dan-chu-co-so-dan-van-6-thang-cuoi-2025-phuong-hoa-xuan.md"
LEAF = "content/ke-hoach/2025/dan-chu-co-so-dan-van-6-thang-cuoi-2025-trung-tam-hcc-hoa-xuan.md"
DOC = "content/van-ban/59-2023-nd-cp.md"
AGENCY = "content/co-quan/ubnd-phuong-hoa-xuan.md"


def tree(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _sub(root: Path, rel: str, pattern: str, repl: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    new, n = re.subn(pattern, repl, text, count=1, flags=re.M)
    assert n == 1, (rel, pattern)
    path.write_text(new, encoding="utf-8")


def edit_plan_body(root: Path) -> None:
    _sub(root, PLAN, r"^(b\) Đề cao vai trò)", r"\1 và trách nhiệm nêu gương")


def new_plan(root: Path) -> None:
    text = (root / LEAF).read_text(encoding="utf-8")
    text = re.sub(
        r'^title: "(.*)"$', r'title: "\1 (bổ sung)"\nnumber: "25/KH-TTPVHCC"', text, count=1, flags=re.M
    )
    text = text.replace("\n## ", "\nKế hoạch này bổ sung kế hoạch trước.\n\n## ", 1)
    (root / LEAF.replace(".md", "-bo-sung.md")).write_text(text, encoding="utf-8")


def delete_plan(root: Path) -> None:
    (root / LEAF).unlink()


def edit_registry(root: Path) -> None:
    _sub(root, DOC, r"^(title: .*)$", r"\1 (đã sửa)")


def edit_registry_status(root: Path) -> None:
    """A document's status and relations: plan pages' legal notices, both documents' pages."""
    _sub(root, DOC, r"^status: còn hiệu lực$", "status: hết hiệu lực toàn bộ")
    _sub(root, DOC, r"^(relations:)$", r"\1\n- {relation: huong-dan, ref: luat-tiep-cong-dan}")


def cite_another_document(root: Path) -> None:
    """The plan cites a document it did not: its page, the document's page and its citing-plan list."""
    _sub(
        root, PLAN, r"(Nghị định số 61/2023/NĐ-CP của Chính phủ\[\^2\];)", r"\1 Nghị định số 118/2025/NĐ-CP;"
    )


def committed_edit(root: Path) -> None:
    """A plan edited and committed (same day: same reference date): a second version in its history."""
    edit_plan_body(root)
    commit(root, COMMIT_DATE, "Sửa kế hoạch")


def new_report(root: Path) -> None:
    """A progress report: its page, the plan page, the Nhiệm vụ page, the agency's page."""
    path = root / "content/bao-cao/2025/bc-20-vhxh-hoa-xuan.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(HOA_XUAN_REPORT, encoding="utf-8")


def edit_agency(root: Path) -> None:
    _sub(root, AGENCY, r"^(name: .*)$", r"\1 (đổi tên)")


def edit_template(root: Path) -> None:
    _sub(root, "overrides/plan.html", r"^(\{% block content %\})", r"\1<!-- sửa mẫu -->")


def edit_mkdocs(root: Path) -> None:
    _sub(root, "mkdocs.yml", r"^(site_description: .*?)\.$", r"\1 (bản thử).")


EDITS: dict[str, tuple[Callable[[Path], None], bool]] = {  # edit, and whether the build stays incremental
    "plan body": (edit_plan_body, True),
    "new plan": (new_plan, True),
    "deleted plan": (delete_plan, True),
    "registry entry": (edit_registry, True),
    "registry status and relation": (edit_registry_status, True),
    "plan cites another document": (cite_another_document, True),
    "new report": (new_report, True),
    "committed edit": (committed_edit, True),
    "agency": (edit_agency, True),
    "template": (edit_template, False),
    "mkdocs.yml": (edit_mkdocs, False),
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's content, committed and built once (cold): the base of every edit."""
    root = commit(project(tmp_path_factory.mktemp("inc") / "proj"), COMMIT_DATE)
    build(root)
    assert incremental.load(root) is not None
    return root


def _warm_then_cold(
    base: Path, tmp: Path, edit: Callable[[Path], None]
) -> tuple[dict, dict, incremental.Incremental]:
    root = tmp / "proj"
    shutil.copytree(base, root, symlinks=True, copy_function=shutil.copy2)
    edit(root)
    runs: list[incremental.Incremental] = []
    real = incremental.Incremental

    def spy(**kw: object) -> incremental.Incremental:
        runs.append(real(**kw))  # type: ignore[arg-type]
        return runs[-1]

    incremental.Incremental = spy  # type: ignore[assignment,misc]
    try:
        build(root)
    finally:
        incremental.Incremental = real  # type: ignore[misc]
    warm = tree(root / "site")
    shutil.rmtree(root / "build")
    build(root)
    return warm, tree(root / "site"), runs[0]


@pytest.mark.slow
@pytest.mark.parametrize("name", list(EDITS))
def test_warm_build_equals_cold_build(name: str, built: Path, tmp_path: Path) -> None:
    edit, stays_incremental = EDITS[name]
    warm, cold, run = _warm_then_cold(built, tmp_path, edit)
    differ = sorted(k for k in set(warm) | set(cold) if warm.get(k) != cold.get(k))
    assert not differ, f"{len(differ)} files differ after “{name}”: {differ[:20]}"
    assert run.warm is stays_incremental
    if stays_incremental:  # some pages, not the site (5 plans here: one plan is a fifth of it)
        staged = len(run.result.staged) if run.result else 0
        assert 0 < run.rendered < staged / 2, (run.rendered, staged)


@pytest.mark.slow
def test_reference_date_change_rebuilds_and_equals_cold(built: Path, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("CONGKHAI_TODAY", "2026-03-01")  # months later: more tasks overdue
    warm, cold, run = _warm_then_cold(built, tmp_path, lambda root: None)
    assert warm == cold
    assert not run.warm


@pytest.mark.slow
def test_edits_in_a_row_stay_equal_to_cold(built: Path, tmp_path: Path) -> None:
    """State carries over: each build starts from the previous incremental one."""
    root = tmp_path / "proj"
    shutil.copytree(built, root, symlinks=True, copy_function=shutil.copy2)
    for edit in (edit_plan_body, new_plan, edit_registry, delete_plan):
        edit(root)
        build(root)
    warm = tree(root / "site")
    shutil.rmtree(root / "build")
    build(root)
    assert warm == tree(root / "site")


@pytest.mark.slow
def test_nothing_changed_renders_nothing_and_clean_renders_all(built: Path, tmp_path: Path) -> None:
    root = tmp_path / "proj"
    shutil.copytree(built, root, symlinks=True, copy_function=shutil.copy2)
    before = tree(root / "site")
    build(root)
    assert tree(root / "site") == before
    state = incremental.load(root)
    assert state is not None
    build(root, clean=True)
    assert tree(root / "site") == before


@pytest.mark.slow
def test_a_touched_site_means_a_full_build(built: Path, tmp_path: Path) -> None:
    """site/ edited by hand since the last build: the state no longer describes it."""
    root = tmp_path / "proj"
    shutil.copytree(built, root, symlinks=True, copy_function=shutil.copy2)
    before = tree(root / "site")
    page = root / "site" / "index.html"
    page.write_text(page.read_text(encoding="utf-8") + "<!-- x -->", encoding="utf-8")
    assert incremental.load(root) is None
    build(root)
    assert tree(root / "site") == before


@pytest.mark.slow
def test_one_page_at_a_time_is_what_mkdocs_builds(built: Path, tmp_path: Path) -> None:
    """sitebuild renders each page right before writing it and drops its text afterwards; mkdocs
    itself reads every page first. Same staged tree, same configuration: same files. The
    reference reads each page as one Markdown file (the task cards in it, base/rawhtml.py), so
    the cards that ours puts back unparsed are what Python-Markdown writes for them."""
    import logging

    from mkdocs.commands.build import build as mk_build
    from mkdocs.config import load_config
    from mkdocs.utils import meta

    from builder.base import rawhtml
    from builder.publish import sitebuild

    ours, theirs = tmp_path / "ours", tmp_path / "theirs"
    ours.mkdir()
    sitebuild.run_mkdocs(built, ours)
    get_data = meta.get_data
    meta.get_data = lambda doc: sitebuild._json_front_matter(get_data, rawhtml.inline(doc))
    log = logging.getLogger("mkdocs")
    level = log.level
    try:
        log.setLevel(logging.ERROR)
        mk_build(load_config(str(built / "mkdocs.yml"), site_dir=str(theirs)), dirty=False)
    finally:
        meta.get_data = get_data
        log.setLevel(level)
    assert tree(ours) == tree(theirs)


@pytest.mark.slow
def test_two_renderers_write_what_one_writes(built: Path, tmp_path: Path, monkeypatch) -> None:
    """Pages rendered by two processes (sitebuild._Split): every file the same as one process
    writes, and the same list of files written."""
    from builder.publish import sitebuild

    runs = {}
    for n in ("1", "2"):
        monkeypatch.setenv("CONGKHAI_PROCESSES", n)
        (tmp_path / n).mkdir()
        runs[n] = sitebuild.run_mkdocs(built, tmp_path / n)
    assert (runs["1"].renderers, runs["2"].renderers) == (1, 2)
    assert runs["1"].written == runs["2"].written
    assert tree(tmp_path / "1") == tree(tmp_path / "2")


@pytest.mark.slow
def test_two_renderers_in_an_incremental_build(built: Path, tmp_path: Path, monkeypatch) -> None:
    """A registry edit re-renders the pages citing the document, split between two renderers."""
    monkeypatch.setenv("CONGKHAI_PROCESSES", "2")
    warm, cold, run = _warm_then_cold(built, tmp_path, edit_registry)
    assert run.warm and run.rendered >= 2
    assert warm == cold


@pytest.mark.slow
def test_a_broken_link_in_any_renderer_refuses(built: Path, tmp_path: Path, monkeypatch) -> None:
    """mkdocs' warnings from the second renderer come back: every page's broken link is named."""
    from builder.base.errors import Refusal
    from builder.publish import sitebuild

    root = tmp_path / "proj"
    shutil.copytree(built, root, symlinks=True, copy_function=shutil.copy2)
    pages = sorted((root / "build" / "docs" / "ke-hoach").rglob("*.md"))
    assert len(pages) >= 4
    for page in pages:
        page.write_text(page.read_text(encoding="utf-8") + "\n[x](khong-co-trang-nay.md)\n", encoding="utf-8")
    monkeypatch.setenv("CONGKHAI_PROCESSES", "2")
    (tmp_path / "out").mkdir()
    with pytest.raises(Refusal) as e:
        sitebuild.run_mkdocs(root, tmp_path / "out")
    named = {p.relative_to(root / "build" / "docs").as_posix() for p in pages}
    assert {n for n in named if n in e.value.message} == named


@pytest.mark.slow
def test_two_processes_stage_and_build_what_one_does(built: Path, tmp_path: Path, monkeypatch) -> None:
    """Page generators run by two processes (flow._stage, base/fork.py): the same staged tree,
    the same site, and the cache entries the copy made are kept (a warm build finds them)."""
    import sqlite3

    def entries(root: Path) -> dict[str, int]:
        db = sqlite3.connect(root / "build" / "cache" / "caches.sqlite3")
        try:
            return dict(db.execute("SELECT s, count(*) FROM entries GROUP BY s").fetchall())
        finally:
            db.close()

    from builder.base import fork

    out = {}
    made = {}
    for n in ("1", "2"):
        root = tmp_path / n / "proj"
        shutil.copytree(built, root, symlinks=True, copy_function=shutil.copy2)
        shutil.rmtree(root / "build")
        monkeypatch.setenv("CONGKHAI_PROCESSES", n)
        before = fork.forks
        build(root)
        made[n] = fork.forks - before
        out[n] = (tree(root / "build" / "docs"), tree(root / "site"), entries(root))
    assert made == {"1": 0, "2": 2}  # the generators', then mkdocs' renderers
    assert out["1"][0] == out["2"][0]
    assert out["1"][1] == out["2"][1]
    assert out["1"][2] == out["2"][2]
    assert out["2"][2].get("render", 0) > 0


@pytest.mark.slow
@pytest.mark.parametrize("edit", [edit_plan_body, edit_registry], ids=["plan", "registry"])
def test_a_warm_build_never_writes_through_the_published_site(
    built: Path, tmp_path: Path, monkeypatch, edit: Callable[[Path], None]
) -> None:
    """The new site starts as hard links to the published one (sitebuild._copy_outputs): at the
    swap, every published file still has the bytes it had before the build."""
    from builder.publish import atomic

    root = tmp_path / "proj"
    shutil.copytree(built, root, symlinks=True, copy_function=shutil.copy2)
    before = tree(root / "site")
    seen: list[dict[str, str]] = []
    swap = atomic.swap_into_place

    def checked(fresh: Path, target: Path, scratch: Path) -> None:
        seen.append(tree(target))
        swap(fresh, target, scratch)

    monkeypatch.setattr(atomic, "swap_into_place", checked)
    edit(root)
    monkeypatch.setenv("CONGKHAI_PROCESSES", "2")
    build(root)
    assert seen == [before]
    assert tree(root / "site") != before  # the edit was published
    linked = [p for p in (root / "site").rglob("*.html") if p.stat().st_nlink > 1]
    assert not linked  # the old site is gone: no page still shares its file with another


@pytest.mark.slow
def test_a_new_plan_resolves_a_number_another_plan_cited(built: Path, tmp_path: Path) -> None:
    """A plan cites a number no plan has yet; a later pull request adds the plan with that
    number. The warm build links the citing plan to it, as a cold build does: a plan's cached
    citations hold only while the entries of the numbers it names are unchanged."""
    root = tmp_path / "proj"
    shutil.copytree(built, root, symlinks=True, copy_function=shutil.copy2)
    _sub(
        root,
        PLAN,
        r"(Nghị định số 61/2023/NĐ-CP của Chính phủ\[\^2\];)",
        r"\1 Kế hoạch số 25/KH-TTPVHCC ngày 25/7/2025 của Trung tâm Phục vụ hành chính công phường Hòa Xuân;",
    )
    build(root)
    citing = root / "site/ke-hoach/2025/dan-chu-co-so-dan-van-6-thang-cuoi-2025-phuong-hoa-xuan/index.html"
    new_url = "dan-chu-co-so-dan-van-6-thang-cuoi-2025-trung-tam-hcc-hoa-xuan-bo-sung/"
    linked = re.compile(rf'<a href="\.\./{new_url}"[^>]*>Kế hoạch số 25/KH-TTPVHCC')
    assert "Kế hoạch số 25/KH-TTPVHCC" in citing.read_text(encoding="utf-8")
    assert not linked.search(citing.read_text(encoding="utf-8"))
    new_plan(root)  # number 25/KH-TTPVHCC
    build(root)
    assert linked.search(citing.read_text(encoding="utf-8"))
    warm = tree(root / "site")
    shutil.rmtree(root / "build")
    build(root)
    assert warm == tree(root / "site")
