"""Load `content/` once into a Corpus that every later step reads (load → validate → … → stage)."""

from __future__ import annotations

import datetime as dt
import difflib
import hashlib
import json
import os
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from ..base import config as config_mod
from ..base.diagnostics import Diagnostic, make
from ..base.text import slugify
from ..base.urls import agency_url, document_url, page_url, plan_url, report_url
from . import files as files_mod
from . import frontmatter
from . import glossary as glossary_mod
from .keys import canonical_number
from .model import Agency, Document, Page, Plan, Report


@dataclass
class Record:
    src: frontmatter.SourceFile
    key: str = ""
    url: str = ""  # site-relative, with trailing slash: "ke-hoach/2025/abc/"

    @property
    def path(self) -> str:
        return self.src.path

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.src.text.encode("utf-8")).hexdigest()


@dataclass
class PlanRecord(Record):
    # None only when its front-matter failed validation: the record stays so that the build
    # refuses (never a plan that silently vanishes). Typed `Plan` because every reader runs on
    # validated plans or checks `plan is None` first; making it Optional is future typing work.
    plan: Plan = None  # type: ignore[assignment]

    @property
    def year(self) -> int | None:
        p = self.plan
        if p.issued:
            return p.issued.year
        if p.period:
            return p.period.start.year
        return None


@dataclass
class ReportRecord(Record):
    """A progress report (content/bao-cao/<năm>/<tên>.md); only validated reports are kept (a
    broken one fails the build through its diagnostics, like any broken file)."""

    report: Report = field(kw_only=True)

    @property
    def year(self) -> int | None:
        r = self.report
        return r.issued.year if r.issued else (r.period.end.year if r.period else None)


@dataclass
class DocumentRecord(Record):
    doc: Document = field(kw_only=True)


@dataclass
class AgencyRecord(Record):
    id: str = ""
    agency: Agency = field(kw_only=True)


@dataclass
class PageRecord(Record):
    """A hand-written page: content/<name>.md (index.md is the home page's introduction)."""

    page: Page | None = None  # None: its front-matter failed validation (the page is not built)


# What a plan can cite and resolve to: a plan published here or a registry document.
Citable = PlanRecord | DocumentRecord


@dataclass
class Corpus:
    root: Path
    config: config_mod.SiteConfig = field(default_factory=config_mod.SiteConfig)  # mkdocs.yml, read once
    plans: list[PlanRecord] = field(default_factory=list)
    documents: list[DocumentRecord] = field(default_factory=list)
    reports: list[ReportRecord] = field(default_factory=list)  # progress reports (content/bao-cao/)
    agencies: dict[str, AgencyRecord] = field(default_factory=dict)
    pages: list[PageRecord] = field(default_factory=list)  # hand-written Markdown in content/ (home page…)
    glossary: dict[str, str] = field(default_factory=dict)  # content/thuat-ngu.yml: abbreviation → expansion
    # Every regular file under content/ (links and special files are refused, see files.py).
    tree: files_mod.Tree = field(default_factory=files_mod.Tree)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    # `congkhai validate FILE…`: the files whose diagnostics are asked for (project-relative),
    # loaded in full; every other plan is a key-level stub (see `load`). None: the whole corpus.
    focus: frozenset[str] | None = None

    def in_focus(self, path: str) -> bool:
        """Whether diagnostics of `path` are asked for (a rule may skip work on the others)."""
        return self.focus is None or path in self.focus

    @property
    def content(self) -> Path:
        return self.root / "content"

    def by_key(self) -> dict[str, Citable]:
        out: dict[str, Citable] = {}
        records: list[Citable] = [*self.plans, *self.documents]
        for r in records:
            out.setdefault(r.key, r)
        # a plan as other documents cite it (confirmed `cited_as`): "16/KH-UBND@ubnd-phuong-hoa-xuan-2025"
        for r in self.plans:
            for ca in r.plan.cited_as if r.plan else []:
                year = ca.issued.year if ca.issued else r.year
                out.setdefault(f"{canonical_number(ca.number)}@{r.plan.issuer}-{year}", r)
        return out

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]


def find_root(start: Path | None = None) -> Path | None:
    """The project folder: the nearest ancestor holding mkdocs.yml and content/."""
    here = (start or Path.cwd()).resolve()
    for d in [here, *here.parents]:
        if (d / "mkdocs.yml").is_file() and (d / "content").is_dir():
            return d
    return None


def kind_of(rel: str) -> str | None:
    parts = rel.split("/")
    ok = len(parts) >= 3 and parts[0] == "content" and parts[-1].endswith(".md")
    return parts[1] if ok and parts[1] in ("ke-hoach", "bao-cao", "van-ban", "co-quan") else None


# -- schema errors → diagnostics ------------------------------------------------------------

_DATE_ERRORS = {"date_from_datetime_parsing", "date_parsing", "date_type", "date_from_datetime_inexact"}


def _model_at(model: type[BaseModel], loc: tuple[Any, ...]) -> type[BaseModel] | None:
    """The model class that owns the last element of loc (for "did you mean")."""
    cur: Any = model
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        if not (isinstance(cur, type) and issubclass(cur, BaseModel)):
            return None
        f = cur.model_fields.get(part)
        if f is None:
            return None
        cur = _inner_model(f.annotation)
    return cur if isinstance(cur, type) and issubclass(cur, BaseModel) else None


def _inner_model(tp: Any) -> Any:
    import typing

    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return tp
    for a in typing.get_args(tp):
        m = _inner_model(a)
        if m is not None:
            return m
    return None


def _dotted(loc: tuple[Any, ...]) -> str:
    out = ""
    for p in loc:
        out += f"[{p + 1}]" if isinstance(p, int) else (f".{p}" if out else str(p))
    return out


def schema_diagnostics(
    src: frontmatter.SourceFile, model: type[BaseModel], err: ValidationError
) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    for e in err.errors(include_url=False):
        loc = tuple(e["loc"])
        line, col = src.pos(loc)
        key = _dotted(loc)
        t = e["type"]
        if t == "extra_forbidden":
            owner = _model_at(model, loc)
            names = list(owner.model_fields) if owner else []
            close = difflib.get_close_matches(str(loc[-1]), names, n=1, cutoff=0.6)
            hint = (
                f" Có phải ý bạn là “{close[0]}”?"
                if close
                else (f" Các khóa hợp lệ: {', '.join(names)}." if names else "")
            )
            out.append(make("CK020", src.path, line, col, key=loc[-1], hint=hint))
        elif t == "missing":
            out.append(make("CK021", src.path, line, col, key=key))
        elif t in _DATE_ERRORS or (t == "value_error" and loc[-1:] == ("status_as_of",)):
            out.append(make("CK023", src.path, line, col, key=key, value=e.get("input")))
        elif t == "literal_error":
            allowed = (e.get("ctx") or {}).get("expected", "")
            close = difflib.get_close_matches(
                str(e.get("input")),
                [a.strip(" '") for a in str(allowed).replace(" or ", ",").split(",")],
                n=1,
            )
            hint = f" Có phải ý bạn là “{close[0]}”?" if close else f" Giá trị hợp lệ: {allowed}."
            out.append(make("CK025", src.path, line, col, key=key, value=e.get("input"), hint=hint))
        elif t == "value_error" and loc[-1:] == ("status",) and model is Document:
            from .model import DOCUMENT_STATUSES

            out.append(
                make(
                    "CK025",
                    src.path,
                    line,
                    col,
                    key=key,
                    value=e.get("input"),
                    hint=f" Giá trị hợp lệ: {', '.join(DOCUMENT_STATUSES)}.",
                )
            )
        else:
            # a model's own check words its message in Vietnamese (pydantic prefixes "Value error, ")
            own = (e.get("ctx") or {}).get("error") if t == "value_error" else None
            detail = str(own) if own else _TYPE_MESSAGES.get(t, e.get("msg", t))
            out.append(make("CK022", src.path, line, col, key=key, detail=detail))
    return out


_TYPE_MESSAGES = {
    "string_type": "cần một đoạn chữ",
    "list_type": "cần một danh sách (mỗi dòng bắt đầu bằng “- ”)",
    "model_type": "cần các cặp “khóa: giá trị”",
    "dict_type": "cần các cặp “khóa: giá trị”",
    "url_parsing": "cần một địa chỉ https://…",
    "url_scheme": "cần một địa chỉ https://…",
    "int_type": "cần một số",
    "string_too_short": "không được để trống",
    "too_short": "cần ít nhất một giá trị",
}


def _validate_model(src: frontmatter.SourceFile, model: type[BaseModel], diags: list[Diagnostic]) -> Any:
    try:
        return model.model_validate(src.data)
    except ValidationError as e:
        diags.extend(schema_diagnostics(src, model, e))
        return None


# -- keys ----------------------------------------------------------------------------------


def plan_key(plan: Plan, rel: str) -> str:
    if plan.key:
        return plan.key
    if plan.number:
        return canonical_number(plan.number)
    year = plan.issued.year if plan.issued else (plan.period.start.year if plan.period else "")
    return f"{plan.issuer}-{year}-{slugify(plan.title, max_length=60)}".replace("--", "-")


def report_key(report: Report, rel: str) -> str:
    """Like a plan's: the canonical number, else issuer, year and the file's name."""
    if report.key:
        return report.key
    if report.number and canonical_number(report.number).split("/")[0].strip():
        return canonical_number(report.number)
    return f"{report.issuer}-{Path(rel).stem}"


def document_key(doc: Document, rel: str) -> str:
    if doc.key:
        return doc.key
    if doc.number:
        return canonical_number(doc.number)
    return Path(rel).stem


# -- loading -------------------------------------------------------------------------------


def load_file(root: Path, file: Path, corpus: Corpus) -> None:
    src = frontmatter.read(root, file)
    corpus.diagnostics.extend(src.diagnostics)
    kind = kind_of(src.path)
    if not src.ok:
        # keep the file visible: a broken plan must fail the build, not vanish
        if kind == "ke-hoach":
            corpus.plans.append(PlanRecord(src=src, key="", url=plan_url(src.path)))
        return
    if kind == "ke-hoach":
        plan = _validate_model(src, Plan, corpus.diagnostics)
        rec = PlanRecord(src=src, url=plan_url(src.path))
        if plan is not None:
            rec.plan = plan
            rec.key = plan_key(plan, src.path)
        corpus.plans.append(rec)
    elif kind == "bao-cao":
        report = _validate_model(src, Report, corpus.diagnostics)
        if report is not None:
            key = report_key(report, src.path)
            corpus.reports.append(ReportRecord(src=src, key=key, url=report_url(src.path), report=report))
    elif kind == "van-ban":
        doc = _validate_model(src, Document, corpus.diagnostics)
        if doc is not None:
            key = document_key(doc, src.path)
            corpus.documents.append(DocumentRecord(src=src, key=key, url=document_url(key), doc=doc))
    elif kind == "co-quan":
        ag = _validate_model(src, Agency, corpus.diagnostics)
        if ag is not None:
            aid = Path(src.path).stem
            corpus.agencies[aid] = AgencyRecord(src=src, key=aid, url=agency_url(aid), id=aid, agency=ag)


def content_files(root: Path, tree: files_mod.Tree | None = None) -> list[Path]:
    """Plans, registry entries and agencies: regular .md files (never links) in their folders."""
    tree = tree if tree is not None else files_mod.scan(root)
    return [root / rel for rel in tree.files if kind_of(rel) is not None]


def page_files(tree: files_mod.Tree) -> list[str]:
    """Hand-written pages: content/<name>.md directly under content/."""
    return [rel for rel in tree.files if rel.count("/") == 1 and rel.endswith(".md")]


def load_page(root: Path, rel: str, corpus: Corpus) -> None:
    src = frontmatter.read(root, root / rel, optional=True)
    corpus.diagnostics.extend(src.diagnostics)
    if not src.ok:
        return
    page = _validate_model(src, Page, corpus.diagnostics)
    name = rel.removeprefix("content/").removesuffix(".md")
    # kept when its front-matter is wrong (page None): the other rules still check it
    corpus.pages.append(PageRecord(src=src, key=name, url=page_url(name), page=page))


# Plan fields other files depend on (keys, resolution of citations, duplicate checks).
_STUB_KEYS = {
    "type",
    "number",
    "key",
    "issued",
    "issuer",
    "place",
    "title",
    "period",
    "status",
    "cited_as",
    "published",
}


def body_print(body: str) -> str | None:
    """What CK042 compares: a hash of a body's words (equal for two bodies that differ only in
    spacing); None for a body of 20 words or fewer, never called a copy."""
    words = body.split()
    if len(words) <= 20:
        return None
    return hashlib.sha256(" ".join(words).encode()).hexdigest()


def _stub_parse(file: Path, rel: str) -> tuple[dict[str, Any], str | None, int] | None:
    """(the key-level fields as JSON data, body_print of the body, body line), or None when the
    file must be loaded in full: unreadable, front-matter broken, or refused by the schema (a
    whole run gives such a plan no key, so a stub, which has one, could report differently).

    The file is read and validated in full, exactly as a whole run reads it; the caller keeps
    the result by the file's size and mtime, so this runs once per change of the file."""
    try:
        raw, size = files_mod.read_bytes(file, frontmatter.MAX_BYTES)
    except OSError:
        return None
    if size > frontmatter.MAX_BYTES:
        return None
    src = frontmatter.parse_text(rel, raw)
    if not src.ok:
        return None
    try:
        plan = Plan.model_validate(src.data)
        data = plan.model_dump(mode="json", include=_STUB_KEYS, exclude_defaults=True)
        stub = Plan.model_validate(data)
    except (ValidationError, TypeError, ValueError):
        return None
    if any(getattr(stub, k) != getattr(plan, k) for k in _STUB_KEYS):
        return None  # a field that does not survive the round trip: never a stub that differs
    return data, body_print(src.body), src.body_line


# Parsed stubs by file, reused while a file's size and mtime are unchanged (pre-commit runs
# `validate FILE` again and again); plain JSON in build/cache/, rebuilt when missing or stale.
_STUB_CACHE = "build/cache/validate-stubs.json"
_STUB_CACHE_VERSION = f"3 {sorted(_STUB_KEYS)}"


def _read_stub_cache(root: Path) -> dict[str, Any]:
    try:
        data = json.loads((root / _STUB_CACHE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return (
        data.get("entries", {})
        if isinstance(data, dict) and data.get("version") == _STUB_CACHE_VERSION
        else {}
    )


def _write_stub_cache(root: Path, entries: dict[str, Any]) -> None:
    path = root / _STUB_CACHE
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(
            json.dumps({"version": _STUB_CACHE_VERSION, "entries": entries}, ensure_ascii=False),
            encoding="utf-8",
        )
        os.replace(tmp, path)
    except OSError:  # a read-only checkout validates all the same, only slower next time
        pass


def _stub_plan(
    root: Path, file: Path, rel: str, corpus: Corpus, prints: set[str], cache: dict[str, Any] | None = None
) -> bool:
    """A plan outside the focus of `congkhai validate FILE`: its key-level fields only.

    Returns False when the file must be loaded in full instead: when it is unusual, or when its
    body is a copy of a focus plan's (same body_print: CK042 is reported on both).
    """
    try:
        st = os.stat(file)
    except OSError:
        return False
    sig = [st.st_mtime_ns, st.st_size]
    hit = (cache or {}).get(rel)
    if hit is not None and hit[0] == sig:
        parsed = hit[1]
    else:
        parsed = _stub_parse(file, rel)
        if cache is not None:
            cache[rel] = [sig, parsed]
    if parsed is None:
        return False
    data, dup, body_line = parsed
    if dup is not None and dup in prints:
        return False
    try:
        plan = Plan.model_validate(data)
    except (ValidationError, TypeError, ValueError):
        return False
    src = frontmatter.SourceFile(path=rel, body="", body_line=body_line, ok=True)
    corpus.plans.append(PlanRecord(src=src, url=plan_url(rel), plan=plan, key=plan_key(plan, rel)))
    return True


class PlanFinder:
    """The plan a report's `reports_on` names: its key, its number (when unique), a number it is
    cited by (`cited_as`), or its file ("ke-hoach/2025/abc", with or without content/ and .md)."""

    def __init__(self, corpus: Corpus) -> None:
        plans = [r for r in corpus.plans if r.plan is not None and r.key]
        self.by_key: dict[str, PlanRecord] = {r.key: r for r in plans}
        for k, r in corpus.by_key().items():
            if isinstance(r, PlanRecord) and r.plan is not None:
                self.by_key.setdefault(k, r)
        numbers: dict[str, list[PlanRecord]] = defaultdict(list)
        for r in plans:
            for n in [r.plan.number, *(c.number for c in r.plan.cited_as)]:
                if n:
                    numbers[canonical_number(n)].append(r)
        self.by_number = {n: rs[0] for n, rs in numbers.items() if len({id(x) for x in rs}) == 1}
        self.by_path = {r.url.rstrip("/"): r for r in plans}

    def find(self, ref: str) -> PlanRecord | None:
        ref = ref.strip()
        if ref in self.by_key:
            return self.by_key[ref]
        path = ref.removeprefix("/").removeprefix("content/").removesuffix(".md").rstrip("/")
        if path in self.by_path:
            return self.by_path[path]
        return self.by_number.get(canonical_number(ref.split("@")[0]))

    def keys(self) -> list[str]:
        return sorted(self.by_key)


def _load_reported_plans(root: Path, corpus: Corpus) -> None:
    """A report in focus is checked against the tasks of the plans it reports on: those plans
    are loaded in full instead of as stubs (a stub has no tasks)."""
    if not corpus.reports:
        return
    finder = PlanFinder(corpus)
    wanted: set[str] = set()
    for rec in corpus.reports:
        refs = [*rec.report.reports_on, *(r.plan for r in rec.report.results if r.plan)]
        for ref in refs:
            found = finder.find(ref)
            if found is not None and not found.src.text:  # a stub
                wanted.add(found.path)
    if not wanted:
        return
    corpus.plans = [r for r in corpus.plans if r.path not in wanted]
    for rel in sorted(wanted):
        load_file(root, root / rel, corpus)


def load(root: Path, only: list[Path] | None = None, focus: set[str] | None = None) -> Corpus:
    """Read every content file once. `only` limits parsing (pre-commit on changed files).

    `focus` (project-relative paths, for `congkhai validate FILE`) loads those files in full and
    every other plan as a stub with key-level fields (see _stub_plan): diagnostics of the focus
    files are the same as with a full load, at a fraction of the cost on large corpora.
    """
    corpus = Corpus(root=root, config=config_mod.read(root))
    corpus.tree = files_mod.scan(root)
    corpus.diagnostics.extend(corpus.tree.diagnostics)
    files = [(root / rel, rel) for rel in corpus.tree.files if kind_of(rel) is not None]  # content_files
    if only is not None:
        wanted = {p.resolve() for p in only}
        files = [(f, rel) for f, rel in files if f.resolve() in wanted]
    if focus is None:
        for f, _rel in files:
            load_file(root, f, corpus)
    else:
        rest: list[tuple[Path, str]] = []
        for f, rel in files:
            if kind_of(rel) != "ke-hoach" or rel in focus:
                load_file(root, f, corpus)
            else:
                rest.append((f, rel))
        prints = {h for r in corpus.plans if r.src.ok and (h := body_print(r.src.body)) is not None}
        original = _read_stub_cache(root)
        cache = dict(original)  # misses get new entries; `original` keeps what was on disk
        for f, rel in rest:
            if not _stub_plan(root, f, rel, corpus, prints, cache):
                load_file(root, f, corpus)
        fresh = {rel: cache[rel] for _f, rel in rest if rel in cache}
        if fresh != original:
            _write_stub_cache(root, fresh)
        _load_reported_plans(root, corpus)
        corpus.focus = frozenset(focus)
    for rel in page_files(corpus.tree):
        load_page(root, rel, corpus)
    corpus.glossary, glossary_diags = glossary_mod.load(root, corpus.tree)
    corpus.diagnostics.extend(glossary_diags)
    corpus.plans.sort(key=lambda r: r.path)
    corpus.documents.sort(key=lambda r: r.path)
    corpus.reports.sort(key=lambda r: r.path)
    corpus.agencies = dict(sorted(corpus.agencies.items()))
    return corpus


def today_from_content(corpus: Corpus) -> dt.date | None:  # pragma: no cover - placeholder for tasks
    return None
