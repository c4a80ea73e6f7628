"""The typed state of one run: every fact a step of the flow computes for the steps after it.

`Derived` holds one slot per fact. A slot is None until the step that computes it has run;
reading it earlier is a bug in the order of the steps and raises `StepOrderError` (never an
empty default: a page generator that ran too early would publish a plan without its tasks or
citations and nobody would notice). `ready(name)` asks without raising.

The types of the facts live here too (git history, task facts, disclosure compliance, legal
notices), so that the steps that write them and the steps that read them share one contract.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Generic, TypeVar, cast, overload

from ..base.diagnostics import Diagnostic
from ..citations.models import Citation
from ..citations.relations import Relations
from ..citations.resolve import Index

T = TypeVar("T")


class StepOrderError(RuntimeError):
    """A step read a fact before the step that computes it ran (a developer error)."""


class Slot(Generic[T]):
    """A data descriptor: the fact once its step has stored it, else StepOrderError."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, obj: None, objtype: type | None = None) -> Slot[T]: ...
    @overload
    def __get__(self, obj: object, objtype: type | None = None) -> T: ...
    def __get__(self, obj: object | None, objtype: type | None = None) -> T | Slot[T]:
        if obj is None:
            return self
        value = obj.__dict__.get(self.name)
        if value is None:
            raise StepOrderError(
                f"derived.{self.name} is read before the step that computes it ran: "
                "order the steps in builder/flow.py so that it comes first."
            )
        return cast("T", value)

    def __set__(self, obj: object, value: T) -> None:
        obj.__dict__[self.name] = value


# -- git -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Commit:
    date: str  # the committer's calendar day, ISO
    datetime: str  # ISO with the committer's offset
    sha: str  # short hash
    message: str  # the subject line: for developers, never printed on a citizen's page
    url: str | None  # on the repository's site, when mkdocs.yml names it
    full_sha: str = ""
    note: str | None = None  # the editor's "Ghi-chu:" trailer (Vietnamese), when the message has one
    # A shallow clone's oldest commit: git lists every file under it as added, so it says
    # nothing about what changed in a file (reliability probe P30). Never shown as a change.
    boundary: bool = False


@dataclass
class FileHistory:
    """One content file in git: newest commit first."""

    history: list[Commit] = field(default_factory=list)

    @property
    def first_published(self) -> str:
        return self.history[-1].date

    @property
    def first_published_datetime(self) -> str:
        return self.history[-1].datetime

    @property
    def last_modified(self) -> str:
        return self.history[0].date

    @property
    def last_modified_datetime(self) -> str:
        return self.history[0].datetime


@dataclass(frozen=True)
class GitFacts:
    available: bool  # False: no git (or no history of content/): dates are unknown and pages say so
    commit: str | None  # HEAD
    shallow: bool
    reference_date: str | None  # "today" for overdue tasks, ISO
    reference_source: str | None  # "env" | "config" | "git" | None
    reference_note_vi: str
    history_note_vi: str | None
    repo_url: str | None
    # keyed both by "content/…" (SourceFile.path) and relative to content/ ("ke-hoach/…")
    files: dict[str, FileHistory] = field(default_factory=dict)
    prefix: str = ""  # the project's folder inside the repository ("" at its top; "site/")

    def file(self, path: str) -> FileHistory | None:
        """Git facts of one content file (path as in SourceFile.path, "content/…")."""
        return self.files.get(path) or self.files.get(path.removeprefix("content/"))

    @property
    def reference(self) -> dt.date | None:
        return dt.date.fromisoformat(self.reference_date) if self.reference_date else None


# -- a plan's history for citizens (analysis.history) ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Segment:
    op: str  # "=" unchanged, "-" removed, "+" added
    text: str


@dataclass(frozen=True)
class Block:
    """One paragraph (or front-matter field, or task) of a comparison."""

    where: str  # "Số, ký hiệu", "Nhiệm vụ 3", "Mục II.2", "Phần mở đầu"
    kind: str  # "same" | "changed" | "added" | "removed" | "skipped"
    segments: list[Segment] = field(default_factory=list)
    skipped: int = 0  # for "skipped": how many unchanged paragraphs are not shown


@dataclass(frozen=True)
class Comparison:
    blocks: list[Block]
    truncated: int  # paragraphs changed beyond MAX_DIFF_CHARS, not shown


@dataclass(frozen=True)
class Version:
    n: int  # 1 = the oldest version known
    date: str | None  # ISO day of the commit; None for a working copy not yet committed
    sha: str  # full commit hash ("" uncommitted)
    short: str
    changes: list[str]  # what changed since the version before, in Vietnamese
    note: str | None  # the editor's note for readers
    first: bool  # the first publication (a full history's oldest version)
    boundary: bool  # a shallow clone's oldest commit: the state then, not a change
    uncommitted: bool = False
    compare: Comparison | None = None  # with the current version (None for the current one)


@dataclass(frozen=True)
class PlanHistory:
    versions: list[Version]  # newest first
    partial: bool  # a shallow clone: older versions are missing
    omitted: int  # versions older than MAX_VERSIONS, not listed
    note_vi: str | None  # why the history is partial or missing


# -- feedback channels a plan names (analysis.channels) ---------------------------------------


@dataclass(frozen=True)
class Channel:
    """A way to send comments that the plan's own text names, with the sentence it came from."""

    kind: str  # "portal" (Cổng góp ý: a web address) | "phone" (đường dây nóng) | "email" | "mailbox"
    label: str  # as the plan words it: "Cổng Góp ý thành phố", "Đường dây nóng", "Hòm thư góp ý"
    value: str  # as written: "Gopy.danang.gov.vn", "1022", "" for a mailbox without an address
    sentence: str  # the plan's sentence, as plain text
    line: int  # its line in the file


# -- tasks -----------------------------------------------------------------------------------

Kind = str  # "date" | "range" | "recurring" | "multi"


@dataclass(frozen=True)
class Due:
    """A task's "Thời gian thực hiện" as printed, and the dates it means (analysis.deadlines.parse)."""

    printed: str
    kind: Kind | None = None  # None: not understood (CK090)
    start: dt.date | None = None
    end: dt.date | None = None
    recurring: str | None = (
        None  # "thuong-xuyen", "hang-tuan", "hang-thang", "hang-quy", "6-thang", "hang-nam"
    )
    dates: tuple[dt.date, ...] = field(default_factory=tuple)  # "lần 1 … lần 2 …"

    @property
    def ok(self) -> bool:
        return self.kind is not None

    @property
    def dated(self) -> bool:
        return self.end is not None


@dataclass(frozen=True)
class TaskUpdateFacts:
    date: str  # ISO
    note: str
    status: str | None
    evidence: str | None


@dataclass(frozen=True)
class TaskFacts:
    """A task of a plan as published (api/tasks.json): the printed words and what they mean."""

    id: str
    name: str
    group: str | None
    directs: str | None
    lead: str | None
    lead_agency: str | None  # the first of lead_agencies
    lead_agencies: list[str]  # registered agencies recognised in `lead`, within the issuer's reach
    partners: str | None
    output: str | None
    due: str | None  # as printed
    due_kind: str | None  # "date" | "range" | "recurring" | "multi" | None (not understood)
    due_start: str | None
    due_end: str | None
    due_dates: list[str]
    recurring: str | None
    recurring_label: str | None
    status: str | None  # the latest dated update's, else the task's own
    status_label: str
    overdue: bool
    updates: list[TaskUpdateFacts]


# -- disclosure and legal status -----------------------------------------------------------------


@dataclass(frozen=True)
class Compliance:
    """Was the plan published online within the legal time limit (builder.analysis.compliance)."""

    issued: str | None
    first_published: str | None
    published_source: str | None  # "content" (the plan's `published`) | "git" | None
    working_days: int | None
    late: bool
    limit: int
    note_vi: str


@dataclass(frozen=True)
class LegalNotice:
    """A document of a plan's basis that is no longer in force, with its replacement."""

    ref: str
    relation: str
    type: str | None
    number: str | None
    title: str | None
    url: str | None
    status: str | None
    replaced_by: str | None
    replaced_by_title: str | None
    replaced_by_url: str | None
    replaced_by_number: str | None


# -- the state -------------------------------------------------------------------------------


class Derived:
    """What the steps computed, one typed slot per fact (plan key → value where per plan)."""

    # citations step (builder.analysis.citations)
    citations: Slot[dict[str, list[Citation]]] = Slot()  # mentions in each plan's body
    task_citations: Slot[dict[str, dict[str, dict[str, list[Citation]]]]] = Slot()  # [plan][task id][field]
    citation_index: Slot[Index] = Slot()  # what citations resolve against (rules and registry stubs reuse it)
    relations: Slot[Relations] = Slot()  # cites / căn cứ / thực hiện / cited-by
    legal_notices: Slot[dict[str, list[LegalNotice]]] = Slot()
    # links step (site only): bodies and task fields as Markdown with a link on each resolved citation
    annotated: Slot[dict[str, str]] = Slot()
    annotated_tasks: Slot[dict[str, dict[str, dict[str, str]]]] = Slot()
    # git step
    git: Slot[GitFacts] = Slot()
    # history step (site only, needs git): each plan's versions, what changed, comparisons
    plan_history: Slot[dict[str, PlanHistory]] = Slot()
    # channels step (site only): feedback channels each plan's text names
    channels: Slot[dict[str, list[Channel]]] = Slot()
    # compliance step (needs git)
    compliance: Slot[dict[str, Compliance]] = Slot()
    # tasks step (needs git: the reference date)
    tasks: Slot[dict[str, list[TaskFacts]]] = Slot()
    dues: Slot[dict[str, list[Due]]] = Slot()  # parsed due phrases, in task order
    # notices step: the printable notice of each plan
    notice_urls: Slot[dict[str, str]] = Slot()
    # validation step
    diagnostics: Slot[list[Diagnostic]] = Slot()

    def ready(self, name: str) -> bool:
        """Has the step that computes `name` run?"""
        if not isinstance(getattr(type(self), name, None), Slot):
            raise AttributeError(f"Derived has no slot {name!r}")
        return self.__dict__.get(name) is not None

    def __repr__(self) -> str:
        names = [n for n, v in vars(type(self)).items() if isinstance(v, Slot)]
        return f"Derived(ready={[n for n in names if self.ready(n)]})"
