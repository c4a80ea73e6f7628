"""Input hygiene of `congkhai import` (issue 19, reliability probe I1–I33): what is not a document
is refused with a Vietnamese message that says what to do, never with a traceback, never with a
garbage draft; `-o` never overwrites an existing file unless --force."""

from __future__ import annotations

import io
import os
import random
import zipfile
from pathlib import Path

import pytest

from builder.cli import main
from builder.importer import readers

CORPUS = Path(__file__).parent / "data" / "corpus"

GOOD = """ỦY BAN NHÂN DÂN
TỈNH LÀO CAI
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 12/KH-UBND
Lào Cai, ngày 05 tháng 3 năm 2025

KẾ HOẠCH
Thực hiện công tác dân vận chính quyền năm 2025

I. MỤC ĐÍCH, YÊU CẦU
Nâng cao chất lượng công tác dân vận của chính quyền các cấp trên địa bàn tỉnh.

II. NHIỆM VỤ
1. Sở Nội vụ chủ trì, phối hợp với các sở, ngành tham mưu tổ chức hội nghị sơ kết, hoàn thành trong quý II năm 2025.

Nơi nhận:
- Thường trực Tỉnh ủy;
- Lưu: VT.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Nguyễn Văn An
"""


def _import(src: Path, out: Path | None = None, *extra: str) -> int:
    args = ["import", str(src)]
    if out is not None:
        args += ["-o", str(out)]
    return main([*args, *extra])


def _refused(capsys, src: Path, project: Path, *words: str) -> str:
    """The import exits non-zero, writes nothing, and says (in Vietnamese) why and what to do."""
    out = project / "content" / "ke-hoach" / "2025" / "nhap.md"
    rc = _import(src, out)
    err = capsys.readouterr().err
    assert rc != 0, err
    assert not out.exists()
    assert "Traceback" not in err
    for w in words:
        assert w.casefold() in err.casefold(), (w, err)
    assert not any(
        x in err for x in ("Package not found", "EOF marker", "Stream has ended", "has not been decrypted")
    )
    return err


# -- not a document ------------------------------------------------------------------------


def test_empty_file_is_refused(tmp_path: Path, project: Path, capsys) -> None:
    for name in ("empty.txt", "empty.docx", "empty.pdf"):
        p = tmp_path / name
        p.write_bytes(b"")
        _refused(capsys, p, project, "rỗng")


@pytest.mark.parametrize("name", ["random.txt", "random.bin"])
def test_random_bytes_are_refused(name: str, tmp_path: Path, project: Path, capsys) -> None:
    rnd = random.Random(7)
    p = tmp_path / name
    p.write_bytes(bytes(rnd.randrange(256) for _ in range(200_000)))
    _refused(capsys, p, project, "không phải tệp văn bản")


def test_whitespace_only_text_is_refused(tmp_path: Path, project: Path, capsys) -> None:
    p = tmp_path / "blank.txt"
    p.write_text(" \n\t\n \n", encoding="utf-8")
    _refused(capsys, p, project, "không có chữ")


def test_png_renamed_is_refused(tmp_path: Path, project: Path, capsys) -> None:
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40
    for name in ("anh.pdf", "anh.docx"):
        p = tmp_path / name
        p.write_bytes(png)
        _refused(capsys, p, project)


def test_legacy_doc_is_refused_with_what_to_do(tmp_path: Path, project: Path, capsys) -> None:
    p = tmp_path / "cu.doc"
    p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + os.urandom(8000))
    _refused(capsys, p, project, ".docx")


def test_legacy_doc_renamed_docx_is_refused(tmp_path: Path, project: Path, capsys) -> None:
    p = tmp_path / "cu.docx"
    p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + os.urandom(8000))
    _refused(capsys, p, project, ".docx")


# -- encodings -----------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_is_decoded_and_reported(encoding: str, tmp_path: Path, project: Path, capsys) -> None:
    p = tmp_path / "u16.txt"
    p.write_bytes(GOOD.encode(encoding))
    out = project / "content" / "ke-hoach" / "2025" / "u16.md"
    assert _import(p, out) == 0
    err = capsys.readouterr().err
    text = out.read_text(encoding="utf-8")
    assert 'number: "12/KH-UBND"' in text and "dân vận chính quyền" in text
    assert "UTF-16" in err


def test_windows_1258_is_decoded_and_reported(tmp_path: Path, project: Path, capsys) -> None:
    p = tmp_path / "cp.txt"
    p.write_bytes(_cp1258(GOOD))
    out = project / "content" / "ke-hoach" / "2025" / "cp.md"
    assert _import(p, out) == 0
    err = capsys.readouterr().err
    text = out.read_text(encoding="utf-8")
    assert 'number: "12/KH-UBND"' in text and "Thực hiện công tác dân vận chính quyền năm 2025" in text
    assert "1258" in err


def _cp1258(s: str) -> bytes:
    """Windows-1258 as Word wrote it: â ê ô ă ơ ư precomposed, the five tone marks as combining characters."""
    import unicodedata

    tones = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
    out = []
    for ch in unicodedata.normalize("NFC", s):
        parts = unicodedata.normalize("NFD", ch)
        tone = "".join(c for c in parts if c in tones)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones))
        out.append(base + tone)
    return "".join(out).encode("cp1258")


# -- PDF -----------------------------------------------------------------------------------


def _text_pdf(path: Path, text: str = GOOD) -> None:
    import matplotlib
    from fpdf import FPDF

    font = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"  # has Vietnamese glyphs
    pdf = FPDF(format="A4")
    pdf.add_font("DejaVu", fname=str(font))
    pdf.set_font("DejaVu", size=10)
    pdf.add_page()
    for line in text.split("\n"):
        pdf.multi_cell(0, 5, line or " ", new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))


def test_password_pdf_is_refused_saying_so(tmp_path: Path, project: Path, capsys) -> None:
    from pypdf import PdfReader, PdfWriter

    plain = tmp_path / "plain.pdf"
    _text_pdf(plain)
    w = PdfWriter()
    for page in PdfReader(str(plain)).pages:
        w.add_page(page)
    w.encrypt(user_password="bi-mat", algorithm="RC4-128")
    locked = tmp_path / "khoa.pdf"
    with locked.open("wb") as fh:
        w.write(fh)
    _refused(capsys, locked, project, "mật khẩu")


def test_aes256_pdf_is_refused_without_a_traceback(tmp_path: Path, project: Path, capsys) -> None:
    """An AES-256 PDF (R6) needs the optional `cryptography` package to even try: never a traceback."""
    body = (
        b"%PDF-1.7\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
        b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\n"
        b"4 0 obj<</Filter/Standard/V 5/R 6/Length 256/P -4/StmF/StdCF/StrF/StdCF"
        b"/CF<</StdCF<</CFM/AESV3/AuthEvent/DocOpen/Length 32>>>>"
        b"/O<" + b"11" * 48 + b">/U<" + b"22" * 48 + b">/OE<" + b"33" * 32 + b">/UE<" + b"44" * 32 + b">"
        b"/Perms<" + b"55" * 16 + b">>>endobj\n"
    )
    xref_at = len(body)
    offsets = [body.index(f"{k} 0 obj".encode()) for k in range(1, 5)]
    xref = b"xref\n0 5\n0000000000 65535 f \n" + b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    trailer = b"trailer<</Size 5/Root 1 0 R/Encrypt 4 0 R/ID[<00112233445566778899aabbccddeeff><00112233445566778899aabbccddeeff>]>>\n"
    p = tmp_path / "aes.pdf"
    p.write_bytes(body + xref + trailer + f"startxref\n{xref_at}\n%%EOF\n".encode())
    _refused(capsys, p, project)


@pytest.mark.parametrize(
    "data",
    [b"%PDF-1.7\n%%EOF\n", b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n"],
    ids=["no-xref", "truncated"],
)
def test_broken_pdf_is_refused(data: bytes, tmp_path: Path, project: Path, capsys) -> None:
    p = tmp_path / "hong.pdf"
    p.write_bytes(data)
    _refused(capsys, p, project, "PDF")


def test_image_only_pdf_is_refused_asking_for_ocr(tmp_path: Path, project: Path, capsys) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.rect(10, 10, 50, 50)
    p = tmp_path / "scan.pdf"
    pdf.output(str(p))
    _refused(capsys, p, project, "OCR")


def test_real_scan_without_text_layer_is_refused(project: Path, capsys) -> None:
    _refused(capsys, CORPUS / "pdf" / "bca-tctlntw-kh-996-2026-kiem-soat-tien-chat.pdf", project, "OCR")


def test_real_scan_with_garbled_ocr_layer_is_refused(project: Path, capsys) -> None:
    """The text layer of this scan has lost the Vietnamese tone marks: a clear refusal, not a garbled plan."""
    err = _refused(capsys, CORPUS / "pdf" / "lam-dong-tb-493-2025-ket-luan-chi-so.pdf", project, "OCR")
    assert "nhận dạng lại" in err.casefold() or ".docx" in err


def test_good_text_pdf_imports(tmp_path: Path, project: Path) -> None:
    p = tmp_path / "tot.pdf"
    _text_pdf(p)
    out = project / "content" / "ke-hoach" / "2025" / "tot.md"
    assert _import(p, out) == 0
    assert 'number: "12/KH-UBND"' in out.read_text(encoding="utf-8")


# -- DOCX ----------------------------------------------------------------------------------


def _docx_bytes(document_xml: str, extra: dict[str, bytes] | None = None) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName='
            '"/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.'
            'document.main+xml"/></Types>',
        )
        z.writestr(
            "_rels/.rels",
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
            'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
            'officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
        )
        z.writestr("word/document.xml", document_xml)
        for n, data in (extra or {}).items():
            z.writestr(n, data)
    return buf.getvalue()


W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _doc(paras: list[str], prolog: str = "") -> str:
    body = "".join(f"<w:p><w:r><w:t xml:space='preserve'>{x}</w:t></w:r></w:p>" for x in paras)
    return f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>'


def test_docx_without_document_xml_is_refused(tmp_path: Path, project: Path, capsys) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
    p = tmp_path / "thieu.docx"
    p.write_bytes(buf.getvalue())
    _refused(capsys, p, project, ".docx")


def test_truncated_docx_is_refused(tmp_path: Path, project: Path, capsys) -> None:
    data = _docx_bytes(_doc(GOOD.split("\n")))
    p = tmp_path / "cut.docx"
    p.write_bytes(data[: len(data) // 2])
    _refused(capsys, p, project, ".docx")


def test_docx_with_a_bad_footnote_id_imports_without_traceback(tmp_path: Path, project: Path, capsys) -> None:
    doc = _doc(GOOD.split("\n")).replace(
        "dân vận chính quyền năm 2025</w:t></w:r>",
        'dân vận chính quyền năm 2025</w:t></w:r><w:r><w:footnoteReference w:id="abc"/></w:r>',
    )
    notes = (
        f'<?xml version="1.0" encoding="UTF-8"?><w:footnotes xmlns:w="{W}"><w:footnote w:id="abc"><w:p><w:r>'
        "<w:t>Chú thích lạ.</w:t></w:r></w:p></w:footnote></w:footnotes>"
    ).encode()
    p = tmp_path / "fn.docx"
    p.write_bytes(_docx_bytes(doc, {"word/footnotes.xml": notes}))
    out = project / "content" / "ke-hoach" / "2025" / "fn.md"
    rc = _import(p, out)
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert rc == 0, err
    assert 'number: "12/KH-UBND"' in out.read_text(encoding="utf-8")


def test_docx_external_entity_is_not_expanded(tmp_path: Path, project: Path, capsys) -> None:
    prolog = '<!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    p = tmp_path / "xxe.docx"
    p.write_bytes(_docx_bytes(_doc(["&x;", *GOOD.split("\n")], prolog)))
    out = project / "content" / "ke-hoach" / "2025" / "xxe.md"
    rc = _import(p, out)
    err = capsys.readouterr().err
    assert "Traceback" not in err
    if rc == 0:
        assert "root:" not in out.read_text(encoding="utf-8")


def test_docx_billion_laughs_is_refused(tmp_path: Path, project: Path, capsys) -> None:
    ents = '<!ENTITY a "ha">' + "".join(
        f'<!ENTITY {c} "{("&" + p + ";") * 10}">' for p, c in zip("abcdefgh", "bcdefghi", strict=True)
    )
    prolog = f"<!DOCTYPE w:document [{ents}]>"
    p = tmp_path / "lol.docx"
    p.write_bytes(_docx_bytes(_doc(["&i;", "KẾ HOẠCH"], prolog)))
    out = project / "content" / "ke-hoach" / "2025" / "lol.md"
    rc = _import(p, out)
    err = capsys.readouterr().err
    assert "Traceback" not in err
    if rc == 0:
        assert "haha" * 1000 not in out.read_text(encoding="utf-8")


def test_docx_zip_bomb_is_refused_before_decompressing(
    tmp_path: Path, project: Path, capsys, monkeypatch
) -> None:
    """The decompressed size is capped while reading (a small cap here keeps the test quick)."""
    monkeypatch.setattr(readers, "MAX_ZIP_TOTAL", 2 * 2**20)
    filler = "<w:p><w:r><w:t>" + "a" * 1000 + "</w:t></w:r></w:p>"
    doc = f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W}"><w:body>{filler * 5000}</w:body></w:document>'
    p = tmp_path / "bomb.docx"
    p.write_bytes(_docx_bytes(doc))
    assert p.stat().st_size < 200_000
    _refused(capsys, p, project, "quá lớn")


def test_docx_with_too_many_entries_is_refused(tmp_path: Path, project: Path, capsys, monkeypatch) -> None:
    monkeypatch.setattr(readers, "MAX_ZIP_ENTRIES", 50)
    extra = {f"word/media/x{k}.xml": b"<x/>" for k in range(60)}
    p = tmp_path / "many.docx"
    p.write_bytes(_docx_bytes(_doc(GOOD.split("\n")), extra))
    _refused(capsys, p, project, "tệp con")


def test_huge_text_is_refused(tmp_path: Path, project: Path, capsys, monkeypatch) -> None:
    monkeypatch.setattr(readers, "MAX_TEXT", 100_000)
    p = tmp_path / "to.txt"
    p.write_text(GOOD + ("Dòng nội dung kế hoạch.\n" * 10_000), encoding="utf-8")
    _refused(capsys, p, project, "quá lớn")


# -- the output path -----------------------------------------------------------------------


def test_existing_output_is_not_overwritten(tmp_path: Path, project: Path, capsys) -> None:
    src = tmp_path / "kh.txt"
    src.write_text(GOOD, encoding="utf-8")
    target = next((project / "content" / "ke-hoach").rglob("*.md"))
    before = target.read_bytes()
    rc = _import(src, target)
    err = capsys.readouterr().err
    assert rc == 1
    assert target.read_bytes() == before
    assert "đã có" in err and "--force" in err
    # an empty input is refused before anything else: the plan is never replaced by an empty draft
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert _import(empty, target, "--force") != 0
    assert target.read_bytes() == before


def test_force_overwrites(tmp_path: Path, project: Path, capsys) -> None:
    src = tmp_path / "kh.txt"
    src.write_text(GOOD, encoding="utf-8")
    target = project / "content" / "ke-hoach" / "2025" / "ghi-de.md"
    target.write_text("cũ\n", encoding="utf-8")
    assert _import(src, target, "--force") == 0
    assert 'number: "12/KH-UBND"' in target.read_text(encoding="utf-8")


def test_output_is_a_directory(tmp_path: Path, project: Path, capsys) -> None:
    src = tmp_path / "kh.txt"
    src.write_text(GOOD, encoding="utf-8")
    rc = _import(src, project / "content" / "ke-hoach" / "2025")
    err = capsys.readouterr().err
    assert rc == 2 and "thư mục" in err and "Traceback" not in err


def test_output_in_a_folder_that_cannot_be_made(tmp_path: Path, project: Path, capsys) -> None:
    src = tmp_path / "kh.txt"
    src.write_text(GOOD, encoding="utf-8")
    blocker = tmp_path / "tep"
    blocker.write_text("x", encoding="utf-8")
    for out in (Path("/proc/nonexistent/x.md"), blocker / "con" / "x.md"):
        rc = _import(src, out)
        err = capsys.readouterr().err
        assert rc == 2 and "Traceback" not in err and "không" in err
        assert not out.exists()


def test_missing_input(tmp_path: Path, capsys) -> None:
    rc = _import(tmp_path / "khong-co.txt")
    err = capsys.readouterr().err
    assert rc == 2 and "không có tệp" in err
