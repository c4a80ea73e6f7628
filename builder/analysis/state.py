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
class ReportRef:
    """A progress report as tasks cite it: "theo Báo cáo số 45/BC-UBND ngày 30/9/2025"."""

    key: str
    url: str  # site-relative ("bao-cao/2025/abc/")
    number: str | None
    issued: str | None  # ISO
    label: str  # "Báo cáo số 45/BC-UBND ngày 30/9/2025" (base.vietnamese.report_label)


@dataclass(frozen=True)
class TaskResult:
    """One reported result of a task: a report's `results` item, or a plan's own `updates`."""

    status: str | None  # hoan-thanh | dang-thuc-hien | chua-thuc-hien | tam-dung (None: a note only)
    date: str | None  # ISO: the result's date, else its report's issue date
    note: str
    evidence: str | None
    report: ReportRef | None  # None: the plan's own front-matter (tasks[].updates / status)


@dataclass(frozen=True)
class ReportFacts:
    """A progress report, resolved: which plan each `reports_on` entry names (None: unknown) and
    each result's plan and task (None where the validator reports them: CK110, CK111)."""

    ref: ReportRef
    path: str
    issuer: str
    plans: list[str | None]  # aligned with reports_on
    results: list[tuple[str | None, str | None]]  # (plan key, task id) aligned with results


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
    # The computed status (analysis.progress.STATUSES): what a reader sees, as of `as_of`.
    status: str
    status_label: str  # "Quá hạn — chưa có báo cáo", "Hoàn thành (trễ hạn)"…
    reported_status: str | None  # the latest reported result's (reports win over the plan's own)
    overdue: bool  # the deadline passed before `as_of` and no result says done (or suspended)
    late: bool  # done, but the result is dated after the deadline
    as_of: str | None  # ISO: the reference date statuses are computed against (None: unknown)
    source: TaskResult | None  # the result the status comes from (its report, when one)
    results: list[TaskResult]  # every reported result, oldest first (reports and the plan's updates)
    lead_unresolved: list[str]  # parts of `lead` that name no registered agency, as printed
    updates: list[TaskUpdateFacts]


# -- disclosure and legal status -----------------------------------------------------------------


@dataclass(frozen=True)
class Compliance:
    """Was the plan published online within the legal time limit (builder.analysis.compliance)."""

    issued: str | None
    first_published: str | None  # a real disclosure date, or None ("chưa có thông tin")
    published_source: str | None  # "content" (the plan's `published`) | "git" (through this site) | None
    working_days: int | None
    late: bool
    limit: int
    note_vi: str
    on_site: str | None = None  # ISO: first commit of the file (when it reached this site), a fact
    posted_from: str | None = None  # ISO: niêm yết (the plan's `posted`)
    posted_to: str | None = None
    posted_place: str | None = None
    posted_vi: str = ""  # "từ 22/7/2025 đến 21/8/2025 tại …", "" when not recorded
    posting_min_days: int = 0  # the legal minimum for this issuer (Art. 13.2: 30, Art. 48: 20)
    posting_article: str = ""  # "Điều 13 khoản 2" / "Điều 48"


@dataclass(frozen=True)
class DocLink:
    """A typed relation between two registry documents, seen from one of them (vbpl.vn's
    "Lược đồ"): this document acts on `other` (`outgoing`) or `other` acts on it."""

    relation: str  # "sua-doi" | "thay-the" | "bai-bo" | "huong-dan" | "quy-dinh-chi-tiet"
    outgoing: bool
    other: str  # key of the other registry document
    effective: dt.date | None  # when the change took effect, when a source gives it
    part: str | None  # "Điều 3"


@dataclass(frozen=True)
class IssueDate:
    """What is known of a plan's issue date, for judging its legal basis at that date."""

    date: dt.date | None  # exact: its own `issued`, or the date another document cites it with
    after: dt.date | None  # else a lower bound: the latest dated document its preamble cites
    how_vi: str  # "ngày 21/7/2025", "sau ngày 6/8/2025 (…)", "chưa rõ ngày ban hành"


@dataclass(frozen=True)
class LegalNotice:
    """A change to a document a plan cites, judged as of the plan's issue date and the reference
    date (builder.analysis.legal): repealed or replaced, amended, or no longer in force."""

    ref: str  # key of the cited registry document
    basis: str | None  # "can-cu" | "thuc-hien" when it is the plan's legal basis, else None
    change: str  # "sua-doi" | "thay-the" | "bai-bo" | "het-hieu-luc" (its status says so)
    by: str | None  # key of the acting registry document, None when only the status says so
    effective: dt.date | None  # when the change took effect (None: no source gives it)
    timing: str  # "truoc" (before issue) | "sau" (after issue, by the reference date)
    # | "chua-ro" (cannot tell) | "sap" (after the reference date) | "khong-ro-ngay" (no date)
    status: str | None = None  # the registry's status, for "het-hieu-luc"
    status_as_of: str | None = None

    @property
    def warns(self) -> bool:
        """What the validator warns about: a basis already repealed at issue, or repealed or
        amended since (or perhaps since: the plan's date is not known well enough)."""
        if self.basis is None:
            return False
        if self.change == "sua-doi":
            return self.timing in ("sau", "chua-ro")
        return self.timing in ("truoc", "sau", "chua-ro", "khong-ro-ngay")


@dataclass(frozen=True)
class LegalFacts:
    """The registry's relations both ways, and each plan's cited documents judged in time."""

    links: dict[str, list[DocLink]]  # registry key → its relations, outgoing and incoming
    issue_dates: dict[str, IssueDate]  # plan key → what is known of its issue date
    reference: dt.date | None  # "today" (the git step's reference date)


# -- implementation coverage ----------------------------------------------------------------------


@dataclass(frozen=True)
class ExpectedUnit:
    """A unit a plan expects to issue its own plan, and the plans here that implement it."""

    kind: str  # "locality" (id: a commune's code) | "agency" (id: content/co-quan/ id)
    id: str
    name: str
    plans: list[str]  # keys of plans by this unit with `basis` relation thuc-hien to the plan


@dataclass(frozen=True)
class Coverage:
    """analysis.coverage: who a plan directs to issue plans, and who has."""

    group: str  # "communes" | "offices" | "units"
    group_vi: str
    quote: str  # the passage that says so, as written
    units: list[ExpectedUnit]


# -- the state -------------------------------------------------------------------------------


class Derived:
    """What the steps computed, one typed slot per fact (plan key → value where per plan)."""

    # citations step (builder.analysis.citations)
    citations: Slot[dict[str, list[Citation]]] = Slot()  # mentions in each plan's body
    task_citations: Slot[dict[str, dict[str, dict[str, list[Citation]]]]] = Slot()  # [plan][task id][field]
    citation_index: Slot[Index] = Slot()  # what citations resolve against (rules and registry stubs reuse it)
    relations: Slot[Relations] = Slot()  # cites / căn cứ / thực hiện / cited-by
    report_citations: Slot[dict[str, list[Citation]]] = Slot()  # mentions in each report's body (by URL)
    # links step (site only): bodies and task fields as Markdown with a link on each resolved citation
    annotated: Slot[dict[str, str]] = Slot()
    annotated_tasks: Slot[dict[str, dict[str, dict[str, str]]]] = Slot()
    annotated_reports: Slot[dict[str, str]] = Slot()  # report bodies with links (by URL)
    # git step
    git: Slot[GitFacts] = Slot()
    # legal step (needs citations and git): relations between registry documents, and each plan's
    # cited documents judged as of its issue date and the reference date
    legal: Slot[LegalFacts] = Slot()
    legal_notices: Slot[dict[str, list[LegalNotice]]] = Slot()
    # history step (site only, needs git): each plan's versions, what changed, comparisons
    plan_history: Slot[dict[str, PlanHistory]] = Slot()
    # channels step (site only): feedback channels each plan's text names
    channels: Slot[dict[str, list[Channel]]] = Slot()
    # compliance step (needs git)
    compliance: Slot[dict[str, Compliance]] = Slot()
    # tasks step (needs git: the reference date; reports: the results)
    tasks: Slot[dict[str, list[TaskFacts]]] = Slot()
    # reports step: each progress report resolved (by report URL), results by (plan key, task id)
    reports: Slot[dict[str, ReportFacts]] = Slot()
    results: Slot[dict[tuple[str, str], list[TaskResult]]] = Slot()
    dues: Slot[dict[str, list[Due]]] = Slot()  # parsed due phrases, in task order
    # coverage step (needs citations: relations): who must issue an implementing plan, who has
    coverage: Slot[dict[str, Coverage]] = Slot()
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
