"""Lines of an extract → a sequence of lines and tables (the document's layout, before its meaning).

Tables come in three shapes and all become `Table` (rows of cells, each cell's lines kept):
- **flattened crawls** (HTML tables → text): one cell per line group, a "|" line after every cell
  and one before every row; so a row boundary is "|" "|" and an empty cell is the same. The column
  count is the one that makes most rows whole; shorter rows are merged cells (row spans) on the left.
- tab-separated lines (DOCX-style extracts), one row per line;
- Markdown / ASCII pipe tables (`| a | b |`).
A flattened segment ends where a "|" is followed by a blank line (the page's text resumes).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from ..base.markup import plain


@dataclass
class Table:
    rows: list[list[str]]  # cells; a cell's lines are joined with "\n"
    line: int = 0  # 1-based line of the source where the table starts
    kind: str = "flat"  # "flat" (crawl), "tab", "pipe", "docx", "pdf"
    spans: list[int] = field(default_factory=list)  # per row: cells merged from the row above (-1: too long)
    chunks: list[list[str]] = field(default_factory=list, repr=False)  # flattened crawl: text between pipes

    @property
    def ncols(self) -> int:
        return max((len(r) for r in self.rows), default=0)

    def text_lines(self) -> list[str]:
        return [x for r in self.rows for c in r for x in c.split("\n") if x.strip()]


Item = str | Table


def _is_pipe(s: str) -> bool:
    return s.strip() == "|"


# A line that never sits inside a layout table cell: the title of a document type alone, an appendix
# caption, a footnote body or rule. After a "|" it means the table ended; "Nơi nhận" after a text
# line followed by "|" means a (signature) table starts there.
_TITLE_ALONE = re.compile(
    r"^(KẾ HOẠCH|QUYẾT ĐỊNH|CHỈ THỊ|CÔNG ĐIỆN|THÔNG BÁO(?: KẾT LUẬN)?|KẾT LUẬN|QUY ĐỊNH|QUY CHẾ|HƯỚNG DẪN|"
    r"BÁO CÁO|TỜ TRÌNH|CHƯƠNG TRÌNH|ĐỀ ÁN|NGHỊ QUYẾT|PHỤ LỤC(?:\s+[IVX\d]+)?)[.:]?$"
)
_AUTHORITY = re.compile(
    r"^(?:(?:TM|KT|TL|TUQ|Q)\s*\.|T/M|K/T|T/L|(?:TM|KT|TL|TUQ)\s+(?=[A-ZĐÀ-Ỹ]{2}))\s*[A-ZĐÀ-Ỹ]"
)
_PLACE_DATE = re.compile(r",\s*ngày\b.*\bnăm\s*\d{4}\W*$|,\s*ngày\s*(?:\d|…|\.)", re.I)


def _anchor_breaks(lines: list[str]) -> list[str]:
    """Insert the blank lines that crawls without blank lines lost where a table must end."""
    out: list[str] = []
    n = len(lines)
    chunk: list[str] = []  # lines since the last pipe
    for i, x in enumerate(lines):
        if _is_pipe(x) and out and out[-1].strip() and i + 1 < n:
            if any(_AUTHORITY.match(plain(y)) for y in chunk) and not _is_pipe(lines[i + 1]):
                out += [x, ""]  # the signature cell closes its (one-row) table
                chunk = []
                continue
            k = i + 1
            while k < n and not plain(lines[k]) and lines[k].strip():
                k += 1  # "** **", "* *": emphasis around nothing
            nxt = plain(lines[k]) if k < n else ""
            prev = " ".join(plain(y) for y in chunk)
            if _TITLE_ALONE.match(nxt) or re.match(r"^\[\d{1,3}\]\s|^_{5,}$", nxt):
                out += [x, ""]  # the table ended at this pipe
                chunk = []
                continue
            if _PLACE_DATE.search(prev) and k < n and not _is_pipe(lines[k]) and nxt:
                out += [x, ""]  # the header's place-date cell closes the header table
                chunk = []
                continue
            if re.match(r"^Nơi\s+nhận", nxt, re.I) and not _is_pipe(out[-1]):
                out += ["", x]  # a signature table opens here
                chunk = []
                continue
        if _is_pipe(x):
            chunk = []
        elif x.strip():
            chunk.append(x)
        out.append(x)
    return out


def items_from_lines(lines: list[str], first_line: int = 1) -> list[Item]:
    """Tables found in a text extract, every other line kept as it is."""
    out: list[Item] = []
    if sum(1 for x in lines if _is_pipe(x)) > 2:
        lines = _anchor_breaks(lines)
    n = len(lines)
    i = 0
    while i < n:
        x = lines[i]
        if _is_pipe(x):
            j, chunks = _flat_segment(lines, i)
            prev = next((y for y in reversed(out) if not (isinstance(y, str) and not y.strip())), None)
            if isinstance(prev, Table) and prev.kind == "flat" and chunks:
                # the same table resumes after a page break of the crawl ("|" blank blank "|")
                while out and out[-1] is not prev:
                    out.pop()
                out.pop()
                chunks = [*prev.chunks, [], *chunks]
                got = _flat_items(chunks, prev.line)
            else:
                got = _flat_items(chunks, i + first_line)
            out.extend(got)
            i = j
            continue
        if _tabbed(x) and not x.lstrip().startswith("|"):
            j = i
            rows = []
            while j < n:
                y = lines[j]
                if _tabbed(y):
                    rows.append([c.strip() for c in y.rstrip("\n").split("\t")])
                elif rows and y.strip() and _continues_tab_row(lines, j):
                    rows[-1][-1] = (rows[-1][-1] + "\n" + y.strip()).strip()  # a wrapped last cell
                elif rows and not y.strip() and j + 1 < n and _tabbed(lines[j + 1]):
                    pass  # a blank line (page break) inside the table
                else:
                    break
                j += 1
            out.append(Table(rows, i + first_line, "tab"))
            i = j
            continue
        if x.strip().startswith("|") and x.strip().count("|") >= 2:
            j = i
            rows = []
            while j < n and lines[j].strip().startswith("|") and lines[j].strip().count("|") >= 2:
                s = lines[j].strip()
                if not re.fullmatch(r"\|?[\s:|+-]+\|?", s):  # |---|---| separator rows
                    rows.append([c.strip() for c in s.strip("|").split("|")])
                j += 1
            out.append(Table(rows, i + first_line, "pipe"))
            i = j
            continue
        out.append(x)
        i += 1
    return out


def _tabbed(x: str) -> bool:
    """A row of a tab-separated table: a tab between two cells, or a continuation row (empty first cell)."""
    return "\t" in x.rstrip() and bool(x.strip()) and (len(x.split("\t")) >= 2)


def _continues_tab_row(lines: list[str], j: int) -> bool:
    """A line without tabs inside a tab table: the wrapped end of the previous row's last cell."""
    nxt = next((y for y in lines[j + 1 : j + 3] if y.strip()), "")
    return _tabbed(nxt) and not re.match(r"^\s*(PH[UỤ]\s*L[UỤ]C|Nơi\s+nhận|[IVX]+\.)", lines[j], re.I)


def _flat_segment(lines: list[str], i: int) -> tuple[int, list[list[str]]]:
    """From the "|" at line i: the chunks between pipes, until a pipe followed by a blank line."""
    n = len(lines)
    pipes = [i]
    j = i + 1
    while j < n:
        if _is_pipe(lines[j]):
            pipes.append(j)
            j += 1
            continue
        # a chunk that starts with a blank line is the page's own text: the segment ended at the last pipe
        if not lines[j].strip() and _is_pipe(lines[j - 1]):
            break
        nxt = j
        while nxt < n and not _is_pipe(lines[nxt]):
            if not lines[nxt].strip() and nxt + 1 < n and not lines[nxt + 1].strip():
                break  # two blank lines: never inside a cell
            nxt += 1
        if nxt >= n or not _is_pipe(lines[nxt]):
            break  # text after the last pipe that no pipe closes: not a cell
        j = nxt
    return pipes[-1] + 1, [lines[a + 1 : b] for a, b in itertools.pairwise(pipes)]


def _flat_items(chunks: list[list[str]], line: int) -> list[Item]:
    """A flattened segment as a Table, or as lines when it is page layout.

    One- and two-column tables are page layout (header, "Kính gửi", signature and recipients side
    by side): their cells are given back as lines in reading order, left cell first.
    """
    if not chunks:
        return []
    # a cell printed as emphasis around nothing ("** **") is an empty cell, not the end of a row
    cells = [
        "\n".join(y.strip() for y in c if plain(y)) or (" " if any(y.strip() for y in c) else "")
        for c in chunks
    ]
    first = next((k for k, c in enumerate(cells) if not c.strip()), len(cells))
    # a first row of one or two cells: page layout, never a data table (those open with a header row)
    rows, spans = rows_from_cells(cells) if first >= 3 else ([], [])
    if not rows or max(len(r) for r in rows) <= 2:
        return [y for c in chunks for y in c if y.strip()]
    t = Table(rows, line, "flat", spans)
    t.chunks = chunks
    return [t]


def rows_from_cells(cells: list[str]) -> tuple[list[list[str]], list[int]]:
    """Rows of a flattened table: `cells` is the text between consecutive pipes ('' = empty)."""
    # The first row of a data table is its header: whole, so its length is the column count —
    # unless rows longer than it follow (a header with merged cells); then the count that reads
    # most cells as whole rows wins.
    k = 0
    while k < len(cells) and cells[k]:
        k += 1
    if k >= 3:
        rows, spans = _rows(cells, k)
        if sum(1 for s in spans if s < 0) == 0:
            return rows, spans
    best: tuple[float, int] = (-1.0, 1)
    for nc in range(1, min(16, len(cells)) + 1):
        rows, spans = _rows(cells, nc)
        # cells read as whole rows count; an empty cell or a short (spanned) row needs explaining
        score = 0.0
        for r, sp in zip(rows, spans, strict=False):
            full = sum(1 for c in r if c)
            if sp < 0:
                score -= full
            else:
                score += full - 0.6 * (len(r) - full) if sp == 0 else 0.8 * full - 1
        if score > best[0]:
            best = (score, nc)
    return _rows(cells, best[1])


ROW_ID = re.compile(r"^(?:\d{1,3}(?:\.\d{1,3})*|[IVXLC]{1,6}|[A-ZĐ])\.?$")


def _two_rows(window: list[str]) -> bool:
    """Two short rows and the break between them can add up to the column count ("a | b | c" ⏎
    "d | e | f" in a 7-column table): an empty cell between two runs of at least two filled cells
    is that break, not an empty cell of one row."""
    return any(
        window[j] == "" and all(window[:j]) and all(window[j + 1 :]) for j in range(2, len(window) - 2)
    )


def _rows(cells: list[str], nc: int) -> tuple[list[list[str]], list[int]]:
    rows: list[list[str]] = []
    spans: list[int] = []
    p = 0
    n = len(cells)
    while p < n:
        if (p + nc == n or (p + nc < n and cells[p + nc] == "")) and not _two_rows(cells[p : p + nc]):
            rows.append(cells[p : p + nc])
            spans.append(0)
            p += nc + 1
            continue
        q = p + 1
        while q < n and cells[q] != "":
            q += 1
        row = cells[p:q]
        # a short row: some cells are merged (spanned) from the rows above — on the left, unless the
        # row opens with its own number (then the spanned cells are on the right); -1: longer than
        # the column count (this count does not fit the table)
        spans.append(nc - len(row) if len(row) < nc else -1)
        if len(row) < nc:
            pad = [""] * (nc - len(row))
            row = row + pad if ROW_ID.match(plain(row[0])) else pad + row
        rows.append(row)
        p = q + 1
    return rows, spans
