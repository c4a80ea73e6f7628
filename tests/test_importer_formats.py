"""A DOCX (python-docx) and a PDF (fpdf2) made from a seed's text import to the same front-matter
as the text itself."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import matplotlib
import pytest
import yaml

from builder.cli import main
from tests.conftest import SEEDS

FONT = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"  # has Vietnamese glyphs
SAME = ("title", "issuer", "number", "issued", "place", "period", "signer", "recipients", "basis")


def seed(prefix: str) -> Path:
    return next(SEEDS.glob(f"{prefix}_*.txt"))


def imported(path: Path, project: Path, name: str) -> dict:
    out = project / "content" / "ke-hoach" / "2025" / f"{name}.md"
    assert main(["import", str(path), "-o", str(out)]) == 0
    return yaml.safe_load(out.read_text(encoding="utf-8").split("---\n", 2)[1])


def make_docx(text: str, dst: Path, *, real_tables: bool) -> None:
    import docx

    d = docx.Document()
    rows: list[list[str]] = []

    def flush() -> None:
        if rows:
            t = d.add_table(rows=len(rows), cols=max(len(r) for r in rows))
            for i, r in enumerate(rows):
                for j, c in enumerate(r):
                    t.cell(i, j).text = c.strip()
            rows.clear()

    for line in text.split("\n"):
        if real_tables and "\t" in line:
            rows.append(line.split("\t"))
            continue
        flush()
        if line.startswith("## ") and real_tables:
            d.add_heading(line[3:].strip(" *"), level=1)
        else:
            d.add_paragraph(line)
    flush()
    d.save(str(dst))


def make_pdf(text: str, dst: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_font("DejaVu", fname=str(FONT))
    pdf.set_font("DejaVu", size=10)
    pdf.set_auto_page_break(True, margin=15)
    pdf.add_page()
    for line in text.split("\n"):
        # long lines wrap: the PDF gets hard wraps, like a real PDF extract
        pdf.multi_cell(0, 5, line.replace("\t", "    ") or " ", new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(dst))


@pytest.mark.parametrize("prefix", ["002", "004"])
def test_docx_matches_text(prefix: str, project: Path, tmp_path: Path) -> None:
    src = seed(prefix)
    want = imported(src, project, "txt")
    docx_path = tmp_path / "ke-hoach.docx"
    make_docx(src.read_text(encoding="utf-8"), docx_path, real_tables=False)
    got = imported(docx_path, project, "docx")
    for key in SAME:
        assert got.get(key) == want.get(key), key
    assert len(got.get("tasks", [])) == len(want.get("tasks", []))


def test_docx_with_real_table_and_headings(project: Path, tmp_path: Path) -> None:
    """001 has a tab-separated appendix and Markdown headings: as a Word table and Heading styles."""
    src = seed("001")
    want = imported(src, project, "txt")
    docx_path = tmp_path / "ke-hoach.docx"
    make_docx(src.read_text(encoding="utf-8"), docx_path, real_tables=True)
    got = imported(docx_path, project, "docx")
    for key in SAME:
        assert got.get(key) == want.get(key), key
    assert [t["name"] for t in got["tasks"]] == [t["name"] for t in want["tasks"]]
    assert [t.get("lead") for t in got["tasks"]] == [t.get("lead") for t in want["tasks"]]


def test_docx_footnotes_are_placed(project: Path, tmp_path: Path) -> None:
    """Word footnotes (word/footnotes.xml) come back as [^n] at the marker with their text."""
    docx_path = tmp_path / "fn.docx"
    make_docx(
        "KẾ HOẠCH\nThử nghiệm chú thích năm 2025\nCăn cứ Luật Thực hiện dân chủ ở cơ sở;\n"
        "I. MỤC ĐÍCH\nTriển khai Nghị định số 59/2023/NĐ-CP của Chính phủ trên địa bàn./.",
        docx_path,
        real_tables=False,
    )
    _add_footnote(docx_path, "Chính phủ", "Nghị định số 59/2023/NĐ-CP ngày 14/8/2023 của Chính phủ.")
    out = project / "content" / "ke-hoach" / "2025" / "fn.md"
    assert main(["import", str(docx_path), "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert "Chính phủ[^1] trên địa bàn" in text
    assert "[^1]: Nghị định số 59/2023/NĐ-CP ngày 14/8/2023 của Chính phủ." in text


def _add_footnote(path: Path, after: str, note: str) -> None:
    """Insert a real footnote reference after the run text `after` (python-docx cannot write one)."""
    W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    with zipfile.ZipFile(path) as z:
        files = {n: z.read(n) for n in z.namelist()}
    doc = files["word/document.xml"].decode("utf-8")
    ref = '</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r><w:r><w:t xml:space="preserve">'
    doc = doc.replace(after, after + ref, 1)
    files["word/document.xml"] = doc.encode("utf-8")
    files["word/footnotes.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes xmlns:w="{W}">'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        f'<w:footnote w:id="1"><w:p><w:r><w:t>{note}</w:t></w:r></w:p></w:footnote></w:footnotes>'
    ).encode()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for n, data in files.items():
            z.writestr(n, data)
    path.write_bytes(buf.getvalue())


@pytest.mark.parametrize("prefix", ["002", "003"])
def test_pdf_matches_text(prefix: str, project: Path, tmp_path: Path) -> None:
    src = seed(prefix)
    want = imported(src, project, "txt")
    pdf_path = tmp_path / "ke-hoach.pdf"
    make_pdf(src.read_text(encoding="utf-8"), pdf_path)
    got = imported(pdf_path, project, "pdf")
    for key in SAME:
        assert got.get(key) == want.get(key), key
    assert len(got.get("tasks", [])) == len(want.get("tasks", []))


def test_scanned_pdf_is_refused_with_a_reason(tmp_path: Path, capsys) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.rect(10, 10, 50, 50)  # no text layer at all
    p = tmp_path / "scan.pdf"
    pdf.output(str(p))
    assert main(["import", str(p)]) == 1
    assert "OCR" in capsys.readouterr().err
