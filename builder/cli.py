"""`congkhai` command line. Heavy imports happen inside commands so start-up stays fast."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from pathlib import Path
from typing import Any

from .base.errors import EXIT_BUG, EXIT_SYSTEM, EXIT_USAGE, Refusal, UsageError, os_error_vi

USAGE_EXIT = EXIT_USAGE


def project_root(args: argparse.Namespace) -> Path:
    """The project of --project or the current folder; a usage error (exit 2) when there is none."""
    from .content.corpus import find_root

    root = find_root(Path(getattr(args, "project", None) or Path.cwd()))
    if root is None:
        raise UsageError("Lỗi: không tìm thấy dự án (thư mục có mkdocs.yml và content/).")
    return root


def cmd_validate(args: argparse.Namespace) -> int:
    import gc

    # The run imports the validator and loads a corpus it keeps to the end: Python's cycle
    # collector, walking those objects again and again while they are created, cost a sixth of a
    # `congkhai validate FILE`. It is off until the corpus is loaded, then runs on what the
    # analysis allocates (gc.freeze: the modules and the corpus are never garbage); a caller
    # that stays (the tests, in-process) gets both back as they were.
    gc.disable()
    try:
        return _validate(args)
    finally:
        gc.unfreeze()
        gc.enable()


def _validate(args: argparse.Namespace) -> int:
    import gc

    from .base import diagnostics
    from .content import corpus as corpus_mod
    from .validate import steps

    root = project_root(args)
    only: set[str] | None = None
    files: list[Path] | None = None
    if args.paths:
        files = []
        for p in args.paths:
            path = Path(p).resolve()
            if not path.exists():
                print(f"Lỗi: không có tệp hoặc thư mục “{p}”.", file=sys.stderr)
                return USAGE_EXIT
            files.extend(sorted(path.rglob("*.md")) if path.is_dir() else [path])
        only = set()
        for f in files:
            try:
                only.add(f.relative_to(root).as_posix())
            except ValueError:
                print(f"Lỗi: “{f}” nằm ngoài dự án {root}.", file=sys.stderr)
                return USAGE_EXIT
    if args.fix_nfc:
        for name in _fix_nfc(root, files):
            print(f"Đã chuẩn hóa NFC: {name}", file=sys.stderr)
    # With paths (pre-commit), other plans are read as key-level stubs: same diagnostics, faster.
    corpus = corpus_mod.load(root, focus=only)
    gc.freeze()
    gc.enable()
    diags = steps.run(corpus, validate=False, site_facts=False).diagnostics
    if only is not None:
        diags = [d for d in diags if d.file in only]
    fmt = {
        "text": diagnostics.format_text,
        "json": diagnostics.format_json,
        "github": diagnostics.format_github,
    }[args.format]
    out = fmt(diags)
    if out:
        print(out)
    errors = sum(d.severity == "error" for d in diags)
    warnings = len(diags) - errors
    if args.format == "text":
        n = len(corpus.plans) if only is None else sum(r.path in only for r in corpus.plans)
        print(
            f"Đã kiểm tra {n} kế hoạch, {len(corpus.documents)} văn bản, {len(corpus.agencies)} cơ quan: "
            f"{errors} lỗi, {warnings} cảnh báo.",
            file=sys.stderr,
        )
    return 1 if errors or (args.strict and warnings) else 0


def _fix_nfc(root: Path, files: list[Path] | None) -> list[str]:
    """Rewrite content files in Unicode NFC (the fix for CK003); only files that change.

    Only regular files reached without a link under content/ are rewritten (files.scan), each via
    a temporary file and a rename: never through a symlink, never outside the project.
    """
    import unicodedata

    from .content import files as files_mod
    from .content.corpus import content_files

    tree = files_mod.scan(root)
    out = []
    for f in files if files is not None else content_files(root, tree):
        rel = f.relative_to(root).as_posix() if f.is_absolute() else f.as_posix()
        if rel not in tree:
            print(
                f"Bỏ qua “{rel}”: không phải tệp thật trong content/ (liên kết hoặc nằm ngoài).",
                file=sys.stderr,
            )
            continue
        try:
            text = files_mod.read_bytes(root / rel)[0].decode("utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        if not unicodedata.is_normalized("NFC", text):
            try:
                files_mod.write_text_in_place(root, rel, unicodedata.normalize("NFC", text))
            except OSError as e:
                print(
                    f"Không ghi được “{rel}”: {os_error_vi(e).removeprefix('Lỗi hệ thống: ')}",
                    file=sys.stderr,
                )
                continue
            out.append(rel)
    return out


def cmd_build(args: argparse.Namespace) -> int:
    from .build import build

    return build(
        project_root(args), serve=False, publish=bool(getattr(args, "publish", False)), clean=args.clean
    )


def cmd_serve(args: argparse.Namespace) -> int:
    from .build import serve

    return serve(project_root(args), args.addr)


def cmd_citations(args: argparse.Namespace) -> int:
    from .citations.cli import run

    return run(args)


def cmd_import(args: argparse.Namespace) -> int:
    from .importer.cli import run

    return run(args)


def cmd_new(args: argparse.Namespace) -> int:
    from .content.newplan import run

    return run(args)


def cmd_registry(args: argparse.Namespace) -> int:
    """`congkhai registry stubs`: one registry entry per cited document that matches nothing
    (builder.content.stubs writes it; an existing file is never overwritten)."""
    from .citations.resolve import merge
    from .content import stubs
    from .content.corpus import load
    from .validate import steps
    from .validate.citations import registry_stub

    root = project_root(args)
    corpus = load(root)
    derived = steps.run(corpus, validate=False, site_facts=False)
    paths = {r.key: r.path for r in corpus.plans}
    docs: dict[str, dict[str, Any]] = {}
    cited_in: dict[str, str] = {}  # the first plan citing each document: the stub's source
    tasks = derived.task_citations
    for plan_key, body_cits in derived.citations.items():
        cits = [*body_cits, *(c for f in tasks.get(plan_key, {}).values() for tc in f.values() for c in tc)]
        for key, doc in merge([c for c in cits if not c.resolved and c.status != "probable"]).items():
            if key in docs:
                docs[key]["mentions"] += doc["mentions"]
                for f in ("date", "issuer", "title"):
                    docs[key][f] = docs[key][f] or doc[f]
            else:
                docs[key] = doc
                cited_in[key] = paths.get(plan_key, "")
    out = Path(args.output) if getattr(args, "output", None) else root / "content" / "van-ban"
    out.mkdir(parents=True, exist_ok=True)
    written = 0
    for key in sorted(docs):
        target = out / stubs.filename(key)
        if stubs.write_new(target, registry_stub(docs[key], derived.citation_index, cited_in[key] or None)):
            print(target)
            written += 1
    print(f"Đã ghi {written} mẫu khai báo văn bản.", file=sys.stderr)
    return 0


def cmd_registry_check(args: argparse.Namespace) -> int:
    """`congkhai registry check`: what the registry still lacks (exit 1 while anything does)."""
    from .content.corpus import load
    from .content.registry_check import check, format_json, format_text

    root = project_root(args)
    corpus = load(root)
    if corpus.errors:
        from .base.diagnostics import format_text as diag_text

        print(diag_text(corpus.errors), file=sys.stderr)
        print(
            "Lỗi: danh mục có tệp không đọc được; sửa lỗi (xem `congkhai validate`) rồi chạy lại.",
            file=sys.stderr,
        )
        return 1
    report = check(corpus)
    print(format_json(report) if args.format == "json" else format_text(report, len(corpus.documents)))
    return 1 if report else 0


def cmd_schema(args: argparse.Namespace) -> int:
    from .content.schema import write_schemas

    root = project_root(args)
    for p in write_schemas(root / "builder" / "schemas"):
        print(p)
    return 0


def parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog="congkhai", description="Công khai: xuất bản kế hoạch của cơ quan nhà nước."
    )
    ap.add_argument(
        "--project", help="thư mục dự án (mặc định: thư mục hiện tại hoặc thư mục cha có mkdocs.yml)"
    )
    sub = ap.add_subparsers(dest="command", required=True)

    v = sub.add_parser("validate", help="kiểm tra nội dung")
    v.add_argument("paths", nargs="*")
    v.add_argument("--format", choices=["text", "json", "github"], default="text")
    v.add_argument("--strict", action="store_true", help="coi cảnh báo là lỗi")
    v.add_argument("--fix-nfc", action="store_true", help="chuẩn hóa Unicode NFC các tệp trước khi kiểm tra")
    v.set_defaults(func=cmd_validate)

    b = sub.add_parser("build", help="dựng trang web vào site/ (chỉ dựng lại phần đã thay đổi)")
    b.add_argument(
        "--publish",
        action="store_true",
        help="bản để xuất bản: từ chối dựng khi chưa có địa chỉ công khai (site_url hoặc SITE_URL)",
    )
    b.add_argument(
        "--clean", action="store_true", help="dựng lại toàn bộ, không dùng kết quả của lần dựng trước"
    )
    b.set_defaults(func=cmd_build)
    s = sub.add_parser("serve", help="xem trước, tự dựng lại khi sửa")
    s.add_argument("--addr", default="127.0.0.1:8000")
    s.set_defaults(func=cmd_serve)

    c = sub.add_parser("citations", help="liệt kê văn bản được trích dẫn trong một tệp")
    c.add_argument("file")
    c.add_argument("--json", action="store_true")
    c.set_defaults(func=cmd_citations)

    i = sub.add_parser("import", help="tạo bản nháp kế hoạch từ tệp .txt, .docx hoặc .pdf")
    i.add_argument("file")
    i.add_argument("-o", "--output", help="tệp bản nháp (.md); không ghi đè tệp đã có")
    i.add_argument("--force", action="store_true", help="cho phép ghi đè tệp -o đã có")
    i.set_defaults(func=cmd_import)

    n = sub.add_parser("new", help="tạo kế hoạch mới từ mẫu")
    n.add_argument("-o", "--output")
    n.set_defaults(func=cmd_new)

    r = sub.add_parser("registry", help="danh mục văn bản")
    rsub = r.add_subparsers(dest="registry_command", required=True)
    st = rsub.add_parser("stubs", help="ghi mẫu khai báo cho văn bản chưa có trong danh mục")
    st.add_argument("-o", "--output", help="thư mục ghi (mặc định: content/van-ban/)")
    st.set_defaults(func=cmd_registry)
    ck = rsub.add_parser(
        "check",
        help="liệt kê văn bản thiếu trích yếu, ngày, tình trạng hoặc nguồn, và dữ kiện chỉ dựa trên suy luận",
    )
    ck.add_argument("--format", choices=["text", "json"], default="text")
    ck.set_defaults(func=cmd_registry_check)

    sub.add_parser("schema", help="ghi JSON Schema của front-matter").set_defaults(func=cmd_schema)
    return ap


def _safe_streams() -> None:
    """Vietnamese text on a console that cannot show it (PYTHONIOENCODING=latin-1, an old Windows
    console, a pipe with a legacy locale) is written with escapes instead of crashing."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):  # a detached or closed stream
                reconfigure(errors="backslashreplace")


def _report_bug(exc: BaseException) -> str:
    """Where the traceback of an unexpected error went: a file, so the editor sees one message."""
    import tempfile
    import traceback

    text = "".join(traceback.format_exception(exc))
    if os.environ.get("CONGKHAI_DEBUG"):
        print(text, file=sys.stderr, end="")
        return ""
    try:
        fd, name = tempfile.mkstemp(prefix="congkhai-loi-", suffix=".txt")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        return name
    except OSError:
        return ""


def main(argv: list[str] | None = None) -> int:
    _safe_streams()
    ap = parser()
    try:
        args = ap.parse_args(argv)
    except SystemExit as e:
        return int(e.code or 0) and USAGE_EXIT
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        print("Đã dừng (Ctrl+C).", file=sys.stderr)
        return 130
    except Refusal as e:
        print(e.message, file=sys.stderr)
        return e.exit_code
    except SystemExit as e:  # a library calling sys.exit(): keep its code, never int() a message
        if isinstance(e.code, int) or e.code is None:
            return int(e.code or 0)
        print(str(e.code), file=sys.stderr)
        return 1
    except OSError as e:  # disk full, read-only, permissions: the machine, not the content
        print(os_error_vi(e), file=sys.stderr)
        return EXIT_SYSTEM
    except Exception as e:  # a bug: one Vietnamese line for the editor, the traceback in a file
        where = _report_bug(e)
        print(
            f"Lỗi không mong đợi của chương trình ({type(e).__name__}: {str(e)[:200]}). "
            "Xin báo lại cho nhóm phát triển" + (f", kèm tệp {where}." if where else "."),
            file=sys.stderr,
        )
        return EXIT_BUG


if __name__ == "__main__":
    sys.exit(main())
