"""The search index in shards (publish/searchindex.py): each shard a Pagefind bundle of its own,
pages kept together by their locality, and an incremental build that re-runs Pagefind only for
the shards whose pages changed and still writes the same bytes as a cold build."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from builder.build import build
from builder.publish import searchindex
from tests.factories import COMMIT_DATE, commit
from tests.shards import PLAN, PLAN_URL, SHARDS, WORD, bundle_urls, bundles, sharded_project
from tests.test_incremental import tree

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = commit(sharded_project(tmp_path_factory.mktemp("shards") / "proj"), COMMIT_DATE)
    build(root)
    return root


def test_every_page_is_in_exactly_one_shard_of_its_locality(built: Path) -> None:
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
            assert searchindex.shard_of(page, SHARDS) == k, url
    assert all(urls[k] for k in urls), "a shard without pages: pick a fixture that fills them"
    assert (
        PLAN_URL
        in urls[searchindex.shard_of((site / PLAN_URL.strip("/") / "index.html").read_text(), SHARDS)]
    )


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
    } == made  # every bundle the stored one
    assert tree(root / "site") == first
    build(root, clean=True)  # `congkhai build --clean`: every bundle made again, the same bytes
    again = {d.name: (d / "pagefind-entry.json").stat().st_mtime_ns for d in store.iterdir()}
    assert set(again) == set(made) and all(again[n] != made[n] for n in made)
    assert tree(root / "site") == first
