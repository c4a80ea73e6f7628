"""Refusals: the one way a step says "stop, do not publish" (or "cannot do what was asked").

Modelled on click's `ClickException` and mkdocs' `PluginError`: an exception that carries a
message for a person (Vietnamese) and the process exit code. Steps raise it; only `cli.main`
catches it, prints the message and returns the code, so no refusal ever ends in a traceback and
no step decides how the process ends.

Exit codes: 1 refused (content or checks say no), 2 usage (the command or its options are
wrong), 3 the machine (disk full, read-only, permissions), 70 a bug in this program.
"""

from __future__ import annotations

import errno

EXIT_REFUSED = 1
EXIT_USAGE = 2
EXIT_SYSTEM = 3
EXIT_BUG = 70  # sysexits.h EX_SOFTWARE


class Refusal(Exception):
    """Do not go on. `message` is shown as is (Vietnamese); `exit_code` ends the process."""

    exit_code = EXIT_REFUSED

    def __init__(self, message: str, exit_code: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        if exit_code is not None:
            self.exit_code = exit_code

    def __str__(self) -> str:
        return self.message


class UsageError(Refusal):
    """The command line or the environment it reads (CONGKHAI_TODAY, --addr…) is wrong."""

    exit_code = EXIT_USAGE


class SystemRefusal(Refusal):
    """The machine cannot do it (disk full, read-only folder, no permission)."""

    exit_code = EXIT_SYSTEM


_OS_VI = {
    errno.ENOSPC: "hết chỗ trống trên đĩa",
    errno.EDQUOT: "vượt hạn mức dung lượng đĩa",
    errno.EROFS: "thư mục chỉ cho phép đọc",
    errno.EACCES: "không có quyền truy cập",
    errno.EPERM: "không được phép",
    errno.ENOENT: "không có tệp hoặc thư mục",
    errno.EISDIR: "đây là thư mục, không phải tệp",
    errno.ENOTDIR: "một phần của đường dẫn không phải thư mục",
    errno.EADDRINUSE: "cổng đang được chương trình khác dùng",
    errno.EADDRNOTAVAIL: "địa chỉ không có trên máy này",
    errno.ELOOP: "đường dẫn có liên kết tượng trưng (symlink) vòng",
    errno.ENAMETOOLONG: "tên tệp quá dài",
}


def os_error_vi(e: OSError) -> str:
    """An OSError as one Vietnamese line: what failed, where, and what to do."""
    what = _OS_VI.get(e.errno or 0, e.strerror or type(e).__name__)
    where = f" ({e.filename})" if e.filename else ""
    hint = {
        errno.ENOSPC: " Giải phóng chỗ trống rồi chạy lại; trang web đã xuất bản trước đó vẫn giữ nguyên.",
        errno.EDQUOT: " Giải phóng chỗ trống rồi chạy lại; trang web đã xuất bản trước đó vẫn giữ nguyên.",
        errno.EROFS: " Chạy lệnh ở một bản sao có quyền ghi.",
        errno.EACCES: " Kiểm tra quyền của thư mục dự án.",
    }.get(e.errno or 0, "")
    return f"Lỗi hệ thống: {what}{where}.{hint}"
