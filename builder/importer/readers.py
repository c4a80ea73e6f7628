"""Read a .txt, .docx or .pdf into layout items (lines and tables), or refuse it with a reason.

- Input hygiene first: empty files, binary data, legacy Word (.doc, RTF), encrypted or damaged
  PDFs, damaged DOCX and DOCX archives that would decompress beyond a cap (zip bombs) are refused
  with a Vietnamese message saying what to do. Text is read as UTF-8, UTF-16 (BOM or NUL pattern)
  or Windows-1258; a guessed encoding is reported.
- DOCX: paragraphs in order (Word list numbering rendered as printed, headings marked), tables as
  tables — the header and signature blocks are two-column layout tables, read cell by cell in
  reading order (left cell, then right) exactly like a crawl's flattened table; footnotes as
  `<sup>n</sup>` with their bodies after the paragraph.
- PDF: the text layer with positions (pypdf's visitor). Lines are rebuilt from fragments; where a
  line holds two columns (header, signature) they become a two-column table. E-office stamps
  printed into signature widgets ("329", the day) are read from the widgets' appearance and put at
  their place. A scan without text, or with a garbled OCR layer, is refused.
"""

from __future__ import annotations

import itertools
import logging
import re
import unicodedata
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..base.errors import Refusal
from ..base.text import nfc
from .layout import Item, Table, items_from_lines

if TYPE_CHECKING:  # the libraries are imported where they are used (only DOCX or PDF needs them)
    from docx.table import Table as DocxTable
    from lxml.etree import _Element
    from pypdf import PageObject, PdfReader
    from pypdf.generic import DictionaryObject

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MAX_INPUT = 50 * 1024 * 1024  # bytes of the file itself
MAX_TEXT = 2 * 1024 * 1024  # characters of extracted text (the validator's own limit for a content file)
MAX_ZIP_ENTRIES = 2000
MAX_ZIP_TOTAL = 100 * 1024 * 1024  # decompressed bytes of a DOCX archive


class ReadError(Refusal):
    """A refusal: the message (Vietnamese) says what is wrong and what to do."""


@dataclass
class Read:
    items: list[Item]
    kind: str  # "txt" | "docx" | "pdf"
    notes: list[str] = field(default_factory=list)
    lines: list[str] | None = None  # a text extract, when the input was text


def read(path: Path) -> Read:
    try:
        size = path.stat().st_size
    except OSError as e:
        raise ReadError(f"không đọc được tệp “{path}” ({e.strerror or e}).") from e
    if size == 0:
        raise ReadError(f"tệp “{path.name}” rỗng (0 byte): không có gì để nhập.")
    if size > MAX_INPUT:
        raise ReadError(
            f"tệp “{path.name}” quá lớn ({size:,} byte, tối đa {MAX_INPUT:,}). Tách văn bản hoặc phụ lục ra tệp riêng."
        )
    with path.open("rb") as fh:
        magic = fh.read(8)
    suffix = path.suffix.lower()
    if magic.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1") or suffix == ".doc":
        raise ReadError(
            f"“{path.name}” là tệp Word cũ (.doc). Mở bằng Word hoặc LibreOffice và lưu lại dưới dạng .docx, rồi nhập tệp .docx."
        )
    if magic.startswith(b"{\\rtf"):
        raise ReadError(
            f"“{path.name}” là tệp RTF. Mở bằng Word hoặc LibreOffice và lưu lại dưới dạng .docx."
        )
    if magic.startswith(b"%PDF") or suffix == ".pdf":
        return _pdf(path)
    if magic.startswith(b"PK\x03\x04") or suffix == ".docx":
        return _docx(path)
    return _text(path)


def read_lines(path: Path) -> list[str]:
    """The text of a file as lines (kept for callers that want plain text)."""
    r = read(path)
    if r.lines is not None:
        return r.lines
    out: list[str] = []
    for it in r.items:
        if isinstance(it, Table):
            out += ["\t".join(" ".join(c.split()) for c in row) for row in it.rows]
        else:
            out.append(it)
    return out


# -- text ----------------------------------------------------------------------------------


def decode(raw: bytes, name: str) -> tuple[str, str | None]:
    """(text, note on the encoding when it was guessed)."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16"), "bảng mã UTF-16 (có BOM)"
        except UnicodeDecodeError as e:
            raise ReadError(
                f"“{name}” có dấu UTF-16 nhưng nội dung hỏng. Lưu lại tệp với bảng mã UTF-8."
            ) from e
    head = raw[:4000]
    if head.count(b"\x00") > len(head) // 4:
        # UTF-16 without BOM: every other byte is NUL for Vietnamese text in the Latin range
        for enc in ("utf-16-le", "utf-16-be"):
            try:
                t = raw.decode(enc)
            except UnicodeDecodeError:
                continue
            if _looks_like_text(t):
                return t, f"bảng mã {enc.upper()} (đoán, không có BOM)"
        raise ReadError(
            f"“{name}” không phải tệp văn bản (dữ liệu nhị phân). Nhập tệp .txt, .docx hoặc .pdf của văn bản."
        )
    try:
        t = raw.decode("utf-8")
        guessed: str | None = None
        if not t.strip():
            raise ReadError(f"tệp “{name}” không có chữ nào (chỉ có khoảng trắng): không có gì để nhập.")
    except UnicodeDecodeError:
        t = raw.decode("cp1258", errors="replace")  # Windows Vietnamese, older exports
        guessed = "bảng mã Windows-1258 (đoán, tệp không phải UTF-8)"
    if not _looks_like_text(t):
        raise ReadError(
            f"“{name}” không phải tệp văn bản (dữ liệu nhị phân hoặc bảng mã không nhận ra). "
            "Nhập tệp .txt (UTF-8), .docx hoặc .pdf của văn bản."
        )
    return t, guessed


def _looks_like_text(t: str) -> bool:
    sample = t[:20000]
    if not sample.strip():
        return False
    bad = sum(
        1
        for c in sample
        if (unicodedata.category(c) in ("Cc", "Cs", "Co", "Cn") and c not in "\n\r\t\f") or c == "\ufffd"
    )
    letters = sum(1 for c in sample if c.isalpha())
    return bad <= 0.01 * len(sample) and letters >= 0.3 * len(
        sample.replace(" ", "").replace("\n", "") or "x"
    )


def _text(path: Path) -> Read:
    raw = path.read_bytes()
    text, enc = decode(raw, path.name)
    text = nfc(text.replace("\r\n", "\n").replace("\r", "\n")).replace("\x00", "")
    if not text.strip():
        raise ReadError(f"tệp “{path.name}” không có chữ nào: không có gì để nhập.")
    _check_size(text, path.name)
    notes = [f"Đã đọc tệp theo {enc}: kiểm tra dấu tiếng Việt trong bản nháp."] if enc else []
    lines = text.split("\n")
    return Read(items_from_lines(lines), "txt", notes, lines)


def _check_size(text: str, name: str) -> None:
    if len(text) > MAX_TEXT:
        raise ReadError(
            f"“{name}” có {len(text):,} ký tự, quá lớn cho một kế hoạch (tối đa {MAX_TEXT:,}). "
            "Tách phụ lục ra tệp riêng hoặc đưa bản gốc vào content/tep/."
        )


# -- docx ----------------------------------------------------------------------------------


def _xml(data: bytes) -> _Element:
    """Parse XML with entities and DTDs off (no XXE, no billion laughs)."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    return etree.fromstring(data, parser)


def _check_zip(path: Path) -> zipfile.ZipFile:
    bad = (
        f"“{path.name}” không phải tệp .docx hợp lệ (tệp hỏng hoặc không phải Word). "
        "Mở bằng Word hoặc LibreOffice rồi lưu lại dưới dạng .docx."
    )
    try:
        z = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError) as e:
        raise ReadError(bad) from e
    infos = z.infolist()
    if len(infos) > MAX_ZIP_ENTRIES:
        raise ReadError(
            f"“{path.name}” chứa {len(infos)} tệp con (tối đa {MAX_ZIP_ENTRIES}): không giống một văn bản Word. "
            "Lưu lại dưới dạng .docx từ Word."
        )
    if "word/document.xml" not in z.namelist():
        raise ReadError(bad)
    total = 0
    for info in infos:
        total += info.file_size
        if total > MAX_ZIP_TOTAL:
            raise ReadError(
                f"“{path.name}” giải nén ra quá lớn (hơn {MAX_ZIP_TOTAL // 2**20} MB): từ chối để bảo vệ máy. "
                "Lưu lại văn bản dưới dạng .docx bình thường hoặc gửi bản PDF."
            )
    # the declared sizes may lie: decompress for real, in chunks, and stop at the cap
    real = 0
    try:
        for info in infos:
            with z.open(info) as fh:
                while chunk := fh.read(1 << 20):
                    real += len(chunk)
                    if real > MAX_ZIP_TOTAL:
                        raise ReadError(
                            f"“{path.name}” giải nén ra quá lớn (hơn {MAX_ZIP_TOTAL // 2**20} MB): từ chối để bảo vệ máy."
                        )
    except (
        zipfile.BadZipFile,
        OSError,
        EOFError,
        ValueError,
        NotImplementedError,
    ) as e:  # zlib.error is an OSError subclass? no
        raise ReadError(bad) from e
    except Exception as e:  # zlib.error, CRC errors
        if isinstance(e, ReadError):
            raise
        raise ReadError(bad) from e
    return z


def _footnotes(z: zipfile.ZipFile) -> dict[str, str]:
    """word/footnotes.xml (python-docx does not expose footnotes): id → text. Bad ids are skipped."""
    if "word/footnotes.xml" not in z.namelist():
        return {}
    try:
        root = _xml(z.read("word/footnotes.xml"))
    except Exception:
        return {}
    out = {}
    for fn in root.iter(f"{W}footnote"):
        fid = fn.get(f"{W}id")
        if fid is None or not re.fullmatch(r"-?\d{1,6}", fid) or int(fid) <= 0:  # -1/0: separators
            continue
        out[fid] = " ".join("".join(t.text or "" for t in p.iter(f"{W}t")) for p in fn.iter(f"{W}p")).strip()
    return out


class _Numbering:
    """Word list numbering (word/numbering.xml), rendered as printed: "1.", "a)", "I.", "-"."""

    def __init__(self, z: zipfile.ZipFile):
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}  # numId → ilvl → (fmt, text, start)
        self.count: dict[str, list[int]] = {}
        if "word/numbering.xml" not in z.namelist():
            return
        try:
            root = _xml(z.read("word/numbering.xml"))
        except Exception:
            return
        abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        for an in root.iter(f"{W}abstractNum"):
            lv: dict[int, tuple[str, str, int]] = {}
            for lvl in an.iter(f"{W}lvl"):
                try:
                    ilvl = int(lvl.get(f"{W}ilvl") or 0)
                except ValueError:
                    continue
                fmt = lvl.find(f"{W}numFmt")
                txt = lvl.find(f"{W}lvlText")
                st = lvl.find(f"{W}start")
                start = (st.get(f"{W}val") if st is not None else "1") or ""
                lv[ilvl] = (
                    (fmt.get(f"{W}val") if fmt is not None else None) or "decimal",  # no value: decimal
                    (txt.get(f"{W}val") if txt is not None else None) or "",
                    int(start) if start.isdigit() else 1,
                )
            abstract[an.get(f"{W}abstractNumId") or ""] = lv
        for num in root.iter(f"{W}num"):
            ref = num.find(f"{W}abstractNumId")
            if ref is not None:
                self.levels[num.get(f"{W}numId") or ""] = abstract.get(ref.get(f"{W}val") or "", {})

    def label(self, num_id: str, ilvl: int) -> str:
        lv = self.levels.get(num_id)
        if not lv or ilvl not in lv:
            return ""
        fmt, text, _ = lv[ilvl]
        if fmt in ("bullet", "none") or not text:
            return "-" if fmt == "bullet" else ""
        c = self.count.setdefault(num_id, [0] * 9)
        c[ilvl] += 1
        for k in range(ilvl + 1, 9):
            c[k] = 0
        out = text
        for k in range(9):
            if f"%{k + 1}" in out:
                f, _, start = lv.get(k, ("decimal", "", 1))
                out = out.replace(f"%{k + 1}", _fmt(max(c[k], 1) + start - 1, f))
        return out


def _fmt(n: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        s = "abcdefghijklmnopqrstuvwxyz"[(n - 1) % 26]
        return s.upper() if fmt == "upperLetter" else s
    if fmt in ("upperRoman", "lowerRoman"):
        vals = [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
        out, k = "", n
        for v, r in vals:
            while k >= v:
                out, k = out + r, k - v
        return out if fmt == "upperRoman" else out.lower()
    return str(n)


def _num_pr(p: _Element, styles: dict[str, tuple[str, int]]) -> tuple[str, int] | None:
    ppr = p.find(f"{W}pPr")
    if ppr is not None:
        npr = ppr.find(f"{W}numPr")
        if npr is not None:
            nid = npr.find(f"{W}numId")
            il = npr.find(f"{W}ilvl")
            if nid is not None:
                lvl = (il.get(f"{W}val") if il is not None else "0") or ""
                return nid.get(f"{W}val") or "", int(lvl) if lvl.isdigit() else 0
        st = ppr.find(f"{W}pStyle")
        if st is not None and (sid := st.get(f"{W}val")) is not None and sid in styles:
            return styles[sid]
    return None


def _style_numbering(z: zipfile.ZipFile) -> dict[str, tuple[str, int]]:
    if "word/styles.xml" not in z.namelist():
        return {}
    try:
        root = _xml(z.read("word/styles.xml"))
    except Exception:
        return {}
    out = {}
    for st in root.iter(f"{W}style"):
        npr = st.find(f"{W}pPr/{W}numPr")
        if npr is not None and (nid := npr.find(f"{W}numId")) is not None:
            il = npr.find(f"{W}ilvl")
            lvl = (il.get(f"{W}val") if il is not None else "0") or ""
            out[st.get(f"{W}styleId") or ""] = (
                nid.get(f"{W}val") or "",
                int(lvl) if lvl.isdigit() else 0,
            )
    return out


def _para_text(p: _Element, notes: dict[str, str], order: dict[str, int], pending: list[str]) -> str:
    parts: list[str] = []
    for el in p.iter():
        if el.tag == f"{W}t":
            parts.append(el.text or "")
        elif el.tag == f"{W}tab":
            parts.append("\t")
        elif el.tag in (f"{W}br", f"{W}cr"):
            parts.append("\n")
        elif el.tag == f"{W}footnoteReference":
            fid = el.get(f"{W}id")
            if fid in notes:
                n = order.setdefault(fid, len(order) + 1)
                parts.append(f"<sup>{n}</sup>")
                pending.append(f"<sup>{n}</sup> {notes[fid]}")
    return "".join(parts)


def _docx(path: Path) -> Read:
    z = _check_zip(path)
    try:
        import docx
        from docx.table import Table as DocxTable
    except ImportError as e:  # pragma: no cover - python-docx is a pinned dependency
        raise ReadError("thiếu thư viện python-docx") from e
    try:
        d = docx.Document(str(path))
    except Exception as e:
        raise ReadError(
            f"“{path.name}” là tệp .docx hỏng, Word không mở được phần nội dung. "
            "Mở bằng Word hoặc LibreOffice rồi lưu lại dưới dạng .docx."
        ) from e
    notes = _footnotes(z)
    numbering = _Numbering(z)
    styles = _style_numbering(z)
    order: dict[str, int] = {}
    items: list[Item] = []
    total = 0
    for block in d.element.body.iterchildren():
        pending: list[str] = []
        if block.tag == f"{W}p":
            text = _para_text(block, notes, order, pending)
            np = _num_pr(block, styles)
            if np and text.strip():
                label = numbering.label(*np)
                if label:
                    text = f"{label} {text.lstrip()}"
            style = ""
            ppr = block.find(f"{W}pPr")
            if ppr is not None and (st := ppr.find(f"{W}pStyle")) is not None:
                style = st.get(f"{W}val") or ""
            m = re.match(r"(?i)heading\s*(\d)", style)
            if m and text.strip():
                text = "#" * min(6, int(m.group(1)) + 1) + " " + text.strip()
            items += text.split("\n")
        elif block.tag == f"{W}tbl":
            try:
                t = DocxTable(block, d)
                rows = _docx_rows(t, notes, order, pending)
            except Exception:
                rows = [[_para_text(block, notes, order, pending)]]
            items.append(Table(rows, 0, "docx"))
        items += pending
        total += sum(
            len(x) if isinstance(x, str) else sum(len(c) for r in x.rows for c in r) for x in items[-3:]
        )
    text_len = sum(len(x) if isinstance(x, str) else sum(len(c) for r in x.rows for c in r) for x in items)
    if text_len == 0:
        raise ReadError(f"“{path.name}” không có chữ nào (có thể chỉ có hình ảnh): không có gì để nhập.")
    if text_len > MAX_TEXT:
        _check_size("x" * text_len, path.name)
    return Read([nfc(x) if isinstance(x, str) else _nfc_table(x) for x in items], "docx")


def _nfc_table(t: Table) -> Table:
    t.rows = [[nfc(c) for c in r] for r in t.rows]
    return t


def _docx_rows(
    t: DocxTable, notes: dict[str, str], order: dict[str, int], pending: list[str]
) -> list[list[str]]:
    rows: list[list[str]] = []
    for row in t.rows:
        cells, seen = [], set()
        for cell in row.cells:
            if id(cell._tc) in seen:  # a horizontally merged cell is repeated
                continue
            seen.add(id(cell._tc))
            paras = [_para_text(cp._p, notes, order, pending).strip() for cp in cell.paragraphs]
            # nested tables: their text, row by row
            for inner in cell._tc.iter(f"{W}tbl"):
                paras.append(" ".join(x.text or "" for x in inner.iter(f"{W}t")))
            cells.append("\n".join(x for x in paras if x))
        rows.append(cells)
    return rows


# -- pdf -----------------------------------------------------------------------------------


def _pdf(path: Path) -> Read:
    try:
        from pypdf import PdfReader
    except ImportError as e:  # pragma: no cover
        raise ReadError("thiếu thư viện pypdf") from e
    logging.getLogger("pypdf").setLevel(logging.CRITICAL)  # its warnings are English noise for editors
    bad = f"“{path.name}” là tệp PDF hỏng, không đọc được. Mở bằng phần mềm đọc PDF và lưu (in) lại thành PDF mới, hoặc nhập bản .docx."
    locked = (
        f"“{path.name}” là tệp PDF có mật khẩu. Mở bằng phần mềm đọc PDF (nhập mật khẩu), lưu lại bản không đặt mật khẩu, "
        "rồi nhập lại."
    )
    notes: list[str] = []
    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted:
            try:
                ok = reader.decrypt("")
            except Exception as e:
                raise ReadError(locked) from e
            if not ok:
                raise ReadError(locked)
        pages: list[str] = []
        for k, page in enumerate(reader.pages):
            try:
                t = page.extract_text(extraction_mode="layout")  # columns stay apart, as printed
                t = _reading_order(t, page.extract_text() or "")
            except Exception:
                t = page.extract_text() or ""
            if k == 0 and t.strip():
                t = _stamps(page, reader, t, notes)
            pages.append(t or "")
    except ReadError:
        raise
    except Exception as e:
        if re.search(r"decrypt|cryptography|password|encrypt", str(e), re.I):
            raise ReadError(locked) from e
        raise ReadError(bad) from e
    text = "\n".join(pages)
    if not text.strip():
        raise ReadError(
            f"“{path.name}” là bản quét (ảnh), không có lớp chữ: cần nhận dạng chữ (OCR) trước, "
            "hoặc nhập bản .docx/.pdf gốc có chữ."
        )
    if _garbled(text):
        raise ReadError(
            f"“{path.name}” là bản quét có lớp chữ nhận dạng (OCR) sai dấu tiếng Việt, không dùng được "
            "(ví dụ “" + _garbled_sample(text) + "”). Nhận dạng lại bằng công cụ OCR tiếng Việt, "
            "hoặc nhập bản .docx/.pdf gốc."
        )
    _check_size(text, path.name)
    lines = nfc("\n\x0c\n".join(pages)).split("\n")
    # e-signature stamp lines printed at the top ("Ký bởi: …", "Số: …; dd/mm/yyyy; hh:mm:ss;") carry HTML escapes
    lines = [x.replace("&amp;", "&") if re.search(r";\s*\d{1,2}:\d{2}:\d{2}", x) else x for x in lines]
    return Read(items_from_lines(lines), "pdf", notes, lines)


def _fill(t: str, form: str) -> Callable[[re.Match[str]], str]:
    """A replacement that puts the stamped text `t` after the first group (and before the second)."""
    return lambda m: form.format(*m.groups(), t=t)


def _reading_order(layout: str, plain: str) -> str:
    """Layout mode keeps columns apart but can misplace the runs of a justified line ("thuộc Trung
    ương.thành phố trực"); the content-stream text has them in order. A layout line with no column
    gap whose words are exactly those of a content-stream line takes that line's order."""
    bags: dict[tuple[str, ...], str] = {}
    for x in plain.split("\n"):
        ws = tuple(sorted(re.findall(r"\w+", x.casefold())))
        if len(ws) >= 2:
            bags.setdefault(ws, x.strip())
    out = []
    for x in layout.split("\n"):
        body = x.strip()
        if body and not re.search(r"\S\s{3,}\S", body):
            got = bags.get(tuple(sorted(re.findall(r"\w+", body.casefold()))))
            if got is not None and got != body:
                x = x[: len(x) - len(x.lstrip())] + got
        out.append(x)
    return "\n".join(out)


def _stamps(page: PageObject, reader: PdfReader, text: str, notes: list[str]) -> str:
    """Put the number and day stamped by the e-office system into the header's blanks.

    Signed PDFs carry "Số: /BC-UBND" and "ngày   tháng 12" printed blank, and the number and the
    day drawn in signature widgets placed over the blanks. The widget beside "Số" fills the number,
    the one between "ngày" and "tháng" fills the day; both are reported.
    """
    stamps: list[tuple[float, float, str]] = []
    for annot in page.get("/Annots") or []:
        try:
            a = annot.get_object()
            if a.get("/Subtype") != "/Widget" or "/AP" not in a:
                continue
            t = _xobject_text(page, reader, a["/AP"]["/N"].get_object()).strip()
            if re.fullmatch(r"\d{1,5}", t):
                r = [float(v) for v in a["/Rect"]]
                stamps.append(((r[0] + r[2]) / 2, (r[1] + r[3]) / 2, t))
        except Exception:
            continue
    if not stamps:
        return text
    box = page.mediabox
    width, top = float(box.width), float(box.top)
    head = [st for st in stamps if st[1] >= top - 0.3 * float(box.height)]  # in the header
    lines = text.split("\n")
    for _x, _y, t in sorted(st for st in head if st[0] < width / 2):  # left column: the number beside "Số:"
        for k, line in enumerate(lines[:20]):
            new = re.sub(r"(Số\s*:?)[ \t]*(/)", _fill(t, "{0} {t}{1}"), line, count=1)
            if new != line:
                lines[k] = new
                notes.append(
                    f"Số “{t}” do hệ thống văn thư đóng vào ô chữ ký số cạnh “Số:”; đã ghép vào số, ký hiệu."
                )
                break
    # right column: the day, then the month, of "<place>, ngày … tháng … năm …" (left to right)
    date_k = next((k for k, line in enumerate(lines[:20]) if re.search(r",\s*ngày\b.*\bnăm\b", line)), None)
    for _x, _y, t in sorted(st for st in head if st[0] >= width / 2):
        if date_k is None:
            break
        line = lines[date_k]
        for word, what in (("ngày", "Ngày"), ("tháng", "Tháng")):
            new = re.sub(
                rf"(\b{word})[ \t.…_]+(?=\b(?:tháng|năm)\b)",
                _fill(t, "{0} {t} "),
                line,
                count=1,
            )
            if new != line:
                lines[date_k] = new
                notes.append(
                    f"{what} “{t}” do hệ thống văn thư đóng vào ô chữ ký số; đã ghép vào ngày ban hành."
                )
                break
    return "\n".join(lines)


def _xobject_text(page: PageObject, reader: PdfReader, obj: DictionaryObject, depth: int = 0) -> str:
    if depth > 3:
        return ""
    try:
        t = page._extract_text(obj, reader, orientations=(0,), space_width=200.0, content_key=None)
    except Exception:
        t = ""
    if t.strip():
        return t
    res = obj.get("/Resources")
    res = res.get_object() if res is not None else None
    if res is not None and "/XObject" in res:
        for v in res["/XObject"].values():
            t = _xobject_text(page, reader, v.get_object(), depth + 1)
            if t.strip():
                return t
    return ""


_SYL = re.compile(
    r"^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnpqrstvx])?[aeiouy]{1,3}(?:ng|nh|ch|[cmnpt]|[iouy])?$"
)


def _fold(w: str) -> str:
    return "".join(
        c for c in unicodedata.normalize("NFD", w.lower()) if not unicodedata.combining(c)
    ).replace("đ", "d")


def _garbled(text: str) -> bool:
    """An OCR layer that lost Vietnamese: few marked letters, many impossible syllables and case."""
    words = re.findall(r"[^\W\d_]+|\w*\d\w*", text)[:5000]
    alpha = [w for w in words if w.isalpha()]
    if len(alpha) < 40:
        return False
    marked = sum(1 for w in alpha if _fold(w) != w.lower() or "đ" in w.lower())
    bad_syl = sum(1 for w in alpha if not _SYL.match(_fold(w)))
    # "NgAN", "uY": a lower-case letter followed by a capital inside a word (not "TTg", "QĐ-TTg" codes)
    mixed = sum(
        1
        for w in alpha
        if len(w) <= 6
        and any(a.islower() and b.isupper() for a, b in itertools.pairwise(w))
        and not re.fullmatch(r"[A-ZĐ]*[A-Z][a-z]?[A-ZĐ]+", w)
    )
    digit_words = sum(1 for w in words if re.search(r"[^\W\d_]\d[^\W\d_]", w))
    # real Vietnamese: most words carry a mark and almost all are possible syllables
    return (marked / len(alpha) < 0.3 and bad_syl / len(alpha) > 0.2) or (mixed + digit_words) / len(
        alpha
    ) > 0.1


def _garbled_sample(text: str) -> str:
    bad = [
        w for w in re.findall(r"\S+", text) if re.search(r"[a-z][A-Z]|[a-zA-Z]\d[a-z]", w) and len(w) <= 12
    ]
    return " ".join(bad[:4])[:60] or text.strip()[:40]
