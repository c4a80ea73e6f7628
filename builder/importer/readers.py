"""Turn .txt, .docx and .pdf into lines of text shaped like the plain-text extracts editors have.

DOCX: paragraphs in document order, tables as tab-separated rows (one row per line), footnote
references as `<sup>n</sup>` with their bodies after the paragraph that cites them — the same
shapes the text parser already understands. PDF: pypdf's text layer, page by page.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from ..base.text import nfc

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


class ReadError(Exception):
    pass


def read_lines(path: Path) -> list[str]:
    suffix = path.suffix.lower()
    if suffix == ".docx":
        text = read_docx(path)
    elif suffix == ".pdf":
        text = read_pdf(path)
    else:
        raw = path.read_bytes()
        if raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = raw.decode("cp1258", errors="replace")  # Windows Vietnamese, older exports
    text = nfc(text.replace("\r\n", "\n").replace("\r", "\n"))
    # NUL bytes (broken extractions) would make the draft itself unreadable (CK001 "binary file")
    text = text.replace("\x00", "")
    return text.split("\n")


def _footnotes(path: Path) -> dict[str, str]:
    """word/footnotes.xml (python-docx 1.2 does not expose footnotes): id → text."""
    from lxml import etree

    try:
        with zipfile.ZipFile(path) as z:
            if "word/footnotes.xml" not in z.namelist():
                return {}
            root = etree.fromstring(z.read("word/footnotes.xml"))
    except (zipfile.BadZipFile, etree.XMLSyntaxError):
        return {}
    out = {}
    for fn in root.iter(f"{W}footnote"):
        fid = fn.get(f"{W}id")
        if fid is None or int(fid) <= 0:  # -1/0: separator and continuation notice
            continue
        out[fid] = " ".join("".join(t.text or "" for t in p.iter(f"{W}t")) for p in fn.iter(f"{W}p")).strip()
    return out


def _para_text(p, notes: dict[str, str], order: dict[str, int], pending: list[str]) -> str:  # type: ignore[no-untyped-def]
    parts: list[str] = []
    for el in p._p.iter():
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


def read_docx(path: Path) -> str:
    try:
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph
    except ImportError as e:  # pragma: no cover - python-docx is a pinned dependency
        raise ReadError("thiếu thư viện python-docx") from e
    try:
        d = docx.Document(str(path))
    except Exception as e:
        raise ReadError(f"không mở được tệp DOCX ({e})") from e
    notes = _footnotes(path)
    order: dict[str, int] = {}
    lines: list[str] = []
    for block in d.element.body.iterchildren():
        pending: list[str] = []
        if block.tag == f"{W}p":
            p = Paragraph(block, d)
            text = _para_text(p, notes, order, pending)
            style = (p.style.name if p.style is not None else "") or ""
            m = re.match(r"Heading (\d)", style)
            if m and text.strip():
                text = "#" * min(6, int(m.group(1)) + 1) + " " + text.strip()
            lines.append(text)
        elif block.tag == f"{W}tbl":
            for row in Table(block, d).rows:
                cells, seen = [], set()
                for cell in row.cells:
                    if id(cell._tc) in seen:  # merged cells repeat
                        continue
                    seen.add(id(cell._tc))
                    cells.append(" ".join(_para_text(cp, notes, order, pending).strip() for cp in cell.paragraphs).strip())
                lines.append("\t".join(cells))
        lines.extend(pending)
    return "\n".join(lines)


def read_pdf(path: Path) -> str:
    try:
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError
    except ImportError as e:  # pragma: no cover
        raise ReadError("thiếu thư viện pypdf") from e
    try:
        reader = PdfReader(str(path))
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, OSError, ValueError) as e:
        raise ReadError(f"không đọc được tệp PDF ({e})") from e
    if not any(p.strip() for p in pages):
        raise ReadError("tệp PDF không có lớp chữ (ảnh quét): cần nhận dạng chữ (OCR) trước")
    return "\n\n".join(pages)
