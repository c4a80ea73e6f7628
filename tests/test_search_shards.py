"""The search index in shards (publish/searchindex.py): each shard a Pagefind bundle of its own,
plans and reports spread by their path, the pages made from many files in shard 0, the number
decided by the corpus' size unless mkdocs.yml sets it, and an incremental build that re-runs Pagefind only for
the shards whose pages changed and still writes the same bytes as a cold build."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from builder.build import build
from builder.publish import searchindex
from tests.factories import COMMIT_DATE, commit, project
from tests.shards import PLAN, PLAN_URL, SHARDS, WORD, bundle_urls, bundles, sharded_project
from tests.test_incremental import tree

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = commit(sharded_project(tmp_path_factory.mktemp("shards") / "proj"), COMMIT_DATE)
    build(root)
    return root


def test_every_page_is_in_exactly_one_shard_by_its_path(built: Path) -> None:
    site = built / "site"
    found = bundles(site)
    assert sorted(found) == list(range(SHARDS))
    urls = {k: bundle_urls(b) for k, b in found.items()}
    indexed = {
        "/" + p.relative_to(site).as_posix().removesuffix("index.html")
        for p in site.rglob("*.html")
        if p.relative_to(site).parts[0] != "pagefind"
        and "data-pagefind-body" in p.read_text(encoding="utf-8")
    }
    every = [u for k in urls for u in urls[k]]
    assert len(every) == len(set(every)) == len(indexed) and set(every) == indexed
    for k, these in urls.items():
        for url in these:
            page = (site / url.strip("/") / "index.html").read_text(encoding="utf-8")
            assert searchindex.shard_of(page, url.strip("/") + "/index.html", SHARDS) == k, url
            own = (
                'data-pagefind-filter="Mục:Kế hoạch"' in page or 'data-pagefind-filter="Mục:Báo cáo"' in page
            )
            assert (k != 0) == own, url  # plans and reports in 1…N-1, every other page in 0
    assert all(urls[k] for k in urls), "a shard without pages: pick a fixture that fills them"
    plan = PLAN_URL.strip("/") + "/index.html"
    assert PLAN_URL in urls[searchindex.shard_of((site / plan).read_text(), plan, SHARDS)]


def _edit(root: Path) -> None:
    plan = root / PLAN
    plan.write_text(plan.read_text(encoding="utf-8").replace(WORD, WORD + " và thêm"), encoding="utf-8")


def test_an_edit_rebuilds_its_shards_only_and_equals_a_cold_build(built: Path, tmp_path: Path) -> None:
    root = tmp_path / "proj"
    shutil.copytree(built, root, symlinks=True)
    store = root / "build" / "cache" / "search-phan"
    before = {d.name for d in store.iterdir()}
    assert len(before) == SHARDS
    _edit(root)
    build(root)
    after = {d.name for d in store.iterdir()}
    remade = after - before
    # the plan's own shard and the national one (its lists and the documents it cites); the
    # third shard's bundle is the stored one
    assert len(after) == SHARDS and 1 <= len(remade) < SHARDS, (before, after)
    warm = tree(root / "site")
    shutil.rmtree(root / "build")
    build(root)
    cold = tree(root / "site")
    differ = sorted(k for k in set(warm) | set(cold) if warm.get(k) != cold.get(k))
    assert not differ, differ[:20]


def test_nothing_changed_runs_no_pagefind_and_clean_is_cold(built: Path, tmp_path: Path) -> None:
    root = tmp_path / "proj"
    shutil.copytree(built, root, symlinks=True)
    store = root / "build" / "cache" / "search-phan"
    made = {d.name: (d / "pagefind-entry.json").stat().st_mtime_ns for d in store.iterdir()}
    first = tree(root / "site")
    build(root)
    assert {
        d.name: (d / "pagefind-entry.json").stat().st_mtime_ns for d in store.iterdir()
    } == made  # every bundle the stored one, never written through the site's links to it
    assert tree(root / "site") == first
    build(root, clean=True)  # `congkhai build --clean`: every bundle made again, the same bytes
    again = {d.name: (d / "pagefind-entry.json").stat().st_mtime_ns for d in store.iterdir()}
    assert set(again) == set(made) and all(again[n] != made[n] for n in made)
    assert tree(root / "site") == first


def test_the_number_of_shards_follows_the_corpus_unless_mkdocs_yml_sets_it() -> None:
    """docs/SCALING.md "Search shards": one index for a site of a province's first plans, a
    power of two growing with the plans' text, never more than MAX_SHARDS; a setting wins."""
    assert searchindex.shards_for(None, 0) == 1
    assert searchindex.shards_for(None, 200_000) == 1  # the repository's five plans: ~0.2 M characters
    assert searchindex.shards_for(None, searchindex.SHARD_FROM - 1) == 1
    counts = [searchindex.shards_for(None, n * 1_000_000) for n in range(4, 200, 3)]
    assert counts == sorted(counts) and counts[0] >= 2 and counts[-1] == searchindex.MAX_SHARDS
    assert all(c & (c - 1) == 0 for c in counts)  # powers of two: a change of count is rare
    assert searchindex.shards_for(3, 0) == 3 and searchindex.shards_for(1, 10**9) == 1


def test_a_bad_setting_is_refused_with_a_message(tmp_path: Path) -> None:
    from builder.base import config
    from builder.base.errors import UsageError

    for bad in ("tám", "0", "-2", "true", "2.5"):
        (tmp_path / "mkdocs.yml").write_text(
            f"site_name: Thử\nextra:\n  search_shards: {bad}\n", encoding="utf-8"
        )
        with pytest.raises(UsageError, match=r"extra\.search_shards"):
            config.read(tmp_path)


def test_a_corpus_grown_past_the_threshold_is_sharded_in_a_full_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without the setting, the count comes from the corpus: when it changes, every page names
    the new count (a full build, not a warm one reusing pages that name the old), and the
    result is a cold build's."""
    root = commit(project(tmp_path / "proj"), COMMIT_DATE)
    build(root)
    site = root / "site"
    assert not (site / "pagefind" / "phan-1").exists()
    assert "data-shards" not in (site / "index.html").read_text(encoding="utf-8")
    monkeypatch.setattr(searchindex, "SHARD_FROM", 1)
    text = sum(len(f.read_text(encoding="utf-8")) for f in (root / "content" / "ke-hoach").rglob("*.md"))
    monkeypatch.setattr(searchindex, "SHARD_TEXT", text // 4)  # 4 bundles' worth: 4 shards
    build(root)
    pages = [p for p in site.rglob("index.html") if p.relative_to(site).parts[0] != "pagefind"]
    counts = {searchindex.shard_count(p.read_text(encoding="utf-8")) for p in pages}
    assert counts == {4}, counts
    assert sorted(bundles(site)) == [0, 1, 2, 3]
    warm = tree(site)
    shutil.rmtree(root / "build")
    build(root)
    assert tree(site) == warm
