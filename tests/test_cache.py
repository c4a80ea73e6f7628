"""The content-addressed caches (builder/base/cache.py): what one run stores another reads, a run
that stored entries and stopped never blocks another process, another builder's entries are
never read, and a build drops what it no longer uses."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from builder.base.cache import CACHE_DIR, Caches


def test_saved_entries_are_read_by_the_next_run(tmp_path: Path) -> None:
    first = Caches(tmp_path)
    first["parse"].put("k", {"a": [1, 2]})
    assert first["parse"].get("k") == {"a": [1, 2]}  # before it is written, too
    first.save()
    assert Caches(tmp_path)["parse"].get("k") == {"a": [1, 2]}
    assert Caches(tmp_path)["parse"].get("other") is None


def test_a_run_that_stored_entries_and_stopped_blocks_no_other(tmp_path: Path) -> None:
    """`congkhai citations`, or a test calling the command line in-process, reads the corpus
    (storing parses) and never saves: another process's run must still write its own entries."""
    idle = Caches(tmp_path)
    idle["parse"].put("idle", 1)  # never saved
    other = Caches(tmp_path)  # another process: its own connection
    other["parse"].put("k", 2)
    other.save()
    assert Caches(tmp_path)["parse"].get("k") == 2
    assert Caches(tmp_path)["parse"].get("idle") is None


def test_another_builders_entries_are_never_read(tmp_path: Path) -> None:
    c = Caches(tmp_path)
    c["parse"].put("k", 1)
    c.save()
    db = sqlite3.connect(tmp_path / CACHE_DIR / "caches.sqlite3")
    with db:
        db.execute("UPDATE meta SET v = 'an older builder' WHERE k = 'version'")
    db.close()
    assert Caches(tmp_path)["parse"].get("k") is None


def test_a_build_drops_what_it_no_longer_uses(tmp_path: Path) -> None:
    c = Caches(tmp_path)
    for i in range(10):
        c["parse"].put(f"k{i}", i)
    c.save()
    build = Caches(tmp_path)
    build.full = True  # a build reads the whole corpus: what it did not ask for is stale
    assert build["parse"].get("k0") == 0
    build.save()
    after = Caches(tmp_path)["parse"]
    assert after.get("k0") == 0
    assert all(after.get(f"k{i}") is None for i in range(1, 10))


def test_a_build_after_a_cold_one_reuses_every_linked_plan_body(tmp_path: Path, monkeypatch) -> None:
    """The linked bodies (analysis/citations.link) are kept by the body and its citations: the
    citations of the next build come from the cache, and must give the same key as the fresh
    ones of the cold build (a key from pickled citations did not: every edit re-linked every plan)."""
    from builder.analysis import citations
    from builder.analysis.state import Derived
    from builder.build import build
    from builder.content.corpus import load
    from builder.validate import steps
    from tests.factories import COMMIT_DATE, commit, project

    root = commit(project(tmp_path / "proj"), COMMIT_DATE)
    build(root)
    bodies: list[str] = []
    real = citations.annotate

    def counted(body, cits, target):  # type: ignore[no-untyped-def]
        bodies.append(body)
        return real(body, cits, target)

    monkeypatch.setattr(citations, "annotate", counted)
    corpus = load(root)
    derived = Derived()
    steps.analyze(corpus, derived, lambda name: None)
    citations.link(corpus, derived)
    plan_bodies = {r.src.body for r in corpus.plans}
    assert len(derived.annotated) == len(corpus.plans) >= 5
    assert not [b for b in bodies if b in plan_bodies]


def test_deleting_build_empties_the_caches_of_a_running_process(tmp_path: Path) -> None:
    """`rm -rf build` between two runs of one process (`congkhai serve`, a test's cold build):
    the second run must not read the deleted database through the connection still open."""
    import shutil

    from builder.base.cache import caches

    caches(tmp_path)["s"].put("k", "v")
    caches(tmp_path).end_run()
    assert caches(tmp_path)["s"].get("k") == "v"
    shutil.rmtree(tmp_path / "build")
    assert caches(tmp_path)["s"].get("k") is None
    caches(tmp_path)["s"].put("k2", "w")  # and the new database is written, not the old one
    caches(tmp_path).end_run()
    assert (tmp_path / CACHE_DIR / "caches.sqlite3").is_file()
    assert Caches(tmp_path)["s"].get("k2") == "w"
