"""The notices step: which plans have a printable notice ("niêm yết", site.notices makes the
page) and its URL, so that plan pages, the disclosure list and the exports link the same page."""

from __future__ import annotations

from ..base.urls import notice_url
from ..content.corpus import Corpus
from .state import Derived


def analyze(corpus: Corpus, derived: Derived) -> None:
    """derived.notice_urls: plan key → the URL of its printable notice."""
    derived.notice_urls = {r.key: notice_url(r.url) for r in corpus.plans if r.plan is not None}
