"""Diagnostics are data: a stable code, a severity, a location and a Vietnamese message.

Rules produce them; the CLI only formats them. Every code is listed in CODES with its
severity, its message template and the fix an editor should apply (CONTRIBUTING.md lists them).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Any, Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Code:
    severity: Severity
    template: str  # str.format() template, Vietnamese
    fix: str  # how to fix it, Vietnamese


CODES: dict[str, Code] = {
    # Files
    "CK001": Code("error", "Không đọc được tệp: {detail}", "Lưu lại tệp với bảng mã UTF-8."),
    "CK002": Code(
        "error", "Tệp quá lớn ({size} byte, tối đa {limit}).", "Tách tệp hoặc đưa bản gốc vào content/tep/."
    ),
    "CK003": Code(
        "warning",
        "Văn bản chưa ở dạng chuẩn Unicode NFC (ký tự tổ hợp ở đây).",
        "Chạy `congkhai validate --fix-nfc` hoặc gõ lại bằng bộ gõ Unicode dựng sẵn.",
    ),
    "CK004": Code(
        "error",
        "“{path}” là {what}: content/ chỉ được chứa tệp thật.",
        "Xóa liên kết; nếu cần tệp thì chép chính tệp vào content/ (một liên kết có thể đăng lên mạng tệp bí mật của máy dựng trang).",
    ),
    "CK005": Code(
        "error",
        "Ký tự điều khiển {char} không được phép ở “{key}”.",
        "Xóa ký tự này (thường do chép từ PDF hoặc Word) rồi gõ lại đoạn chữ.",
    ),
    # Front-matter and YAML
    "CK010": Code(
        "error", "{detail}", "Mở đầu tệp bằng dòng `---`, khai báo thông tin, rồi đóng lại bằng dòng `---`."
    ),
    "CK011": Code(
        "error",
        "Lỗi cú pháp YAML: {detail}",
        "Kiểm tra thụt lề (dùng dấu cách), dấu hai chấm và dấu ngoặc kép.",
    ),
    "CK012": Code(
        "error", "Khóa “{key}” bị khai báo hai lần (lần đầu ở dòng {first}).", "Xóa một trong hai dòng."
    ),
    "CK013": Code(
        "error", "Không chấp nhận tham chiếu YAML (&neo / *bí danh).", "Viết đầy đủ giá trị thay cho bí danh."
    ),
    "CK014": Code("error", "Không chấp nhận thẻ YAML “{tag}”.", "Bỏ thẻ bắt đầu bằng dấu `!`."),
    "CK015": Code("error", "Khối thông tin lồng quá sâu (hơn {limit} cấp).", "Giản lược cấu trúc."),
    # Schema
    "CK020": Code("error", "Khóa không hợp lệ “{key}”.{hint}", "Sửa tên khóa theo mẫu (`congkhai new`)."),
    "CK021": Code("error", "Thiếu thông tin bắt buộc “{key}”.", "Bổ sung khóa này."),
    "CK022": Code(
        "error",
        "Giá trị của “{key}” không đúng kiểu: {detail}",
        "Xem mô tả trường trong mẫu (`congkhai new`).",
    ),
    "CK023": Code(
        "error", "Ngày không hợp lệ ở “{key}”: “{value}”.", "Ghi ngày theo dạng NNNN-TT-NN, ví dụ 2025-07-21."
    ),
    "CK024": Code(
        "error", "Kỳ kế hoạch bắt đầu ({start}) sau ngày kết thúc ({end}).", "Kiểm tra lại `period`."
    ),
    "CK025": Code(
        "error", "Giá trị “{value}” không được phép ở “{key}”.{hint}", "Chọn một giá trị trong danh sách."
    ),
    "CK026": Code(
        "error",
        "Ngày {value} ở “{key}” nằm ngoài khoảng năm {low}–{high}.",
        "Kiểm tra lại năm (ghi đủ 4 chữ số, ví dụ 2025).",
    ),
    # Numbers and dates
    "CK030": Code("warning", "Văn bản chưa có số, ký hiệu.", "Bổ sung `number` khi văn bản đã được cấp số."),
    "CK031": Code(
        "warning", "Văn bản chưa có ngày ban hành.", "Bổ sung `issued` khi văn bản đã ký ban hành."
    ),
    "CK032": Code(
        "error",
        "Số, ký hiệu “{number}” sai định dạng (Nghị định 30/2020/NĐ-CP).",
        "Ghi theo dạng 16/KH-UBND, 59/2023/NĐ-CP hoặc 04-ĐA/TU.",
    ),
    "CK033": Code(
        "warning",
        "Số, ký hiệu “{number}” có vẻ sai định dạng.",
        "Ghi theo dạng 16/KH-UBND, 59/2023/NĐ-CP hoặc 04-ĐA/TU.",
    ),
    "CK034": Code(
        "warning", "Ngày ban hành {issued} nằm sau kỳ kế hoạch ({end}).", "Kiểm tra lại `issued` và `period`."
    ),
    # Identity
    "CK040": Code(
        "error",
        "Trùng khóa văn bản “{key}” với {other}.",
        "Nếu là hai văn bản khác nhau, khai báo `key` có thêm cơ quan và năm (ví dụ 16/KH-UBND@ubnd-xa-dai-son-2025); nếu là bản sao, xóa một tệp.",
    ),
    "CK041": Code(
        "error",
        "Hai văn bản có cùng địa chỉ trang /{url}/: “{key}” và “{other}”.",
        "Khai báo `key` khác nhau cho hai văn bản.",
    ),
    "CK042": Code("error", "Văn bản này trùng nội dung với {other}.", "Xóa bản sao."),
    # References
    "CK050": Code(
        "error",
        "“{ref}” trong `basis` không có trong danh mục văn bản.{hint}",
        "Thêm văn bản vào content/van-ban/ hoặc sửa `ref`.",
    ),
    "CK051": Code(
        "error", "Không có cơ quan “{ref}” trong content/co-quan/.{hint}", "Sửa mã cơ quan hoặc thêm cơ quan."
    ),
    "CK052": Code(
        "error",
        "Địa bàn “{value}” {detail}",
        "Ghi mã đơn vị hành chính (ví dụ 20314) hoặc tên kèm tỉnh/thành phố.",
    ),
    "CK054": Code(
        "error",
        "Cơ quan “{ref}” {detail}",
        "Kiểm tra ngày ban hành hoặc chọn cơ quan đúng thời điểm (cơ quan kế thừa).",
    ),
    "CK053": Code("error", "Văn bản thay thế “{ref}” không có trong danh mục.", "Sửa `replaced_by`."),
    # Attachments
    "CK060": Code(
        "error",
        "Không tìm thấy tệp đính kèm “{file}”.",
        "Đặt tệp vào content/tep/ và ghi đường dẫn tương đối.",
    ),
    "CK061": Code(
        "error", "Tệp đính kèm “{file}” nằm ngoài thư mục content/.", "Chỉ dùng tệp trong content/tep/."
    ),
    "CK062": Code(
        "warning",
        "Tệp “{file}” không được kế hoạch hay văn bản nào dẫn tới nên không được đăng lên trang.",
        "Khai báo tệp trong `attachments` của kế hoạch (hoặc đặt liên kết tới nó), hoặc xóa tệp.",
    ),
    # Unsafe content
    "CK070": Code(
        "error", "Không được chèn thẻ HTML <{tag}> vào nội dung.", "Xóa thẻ; dùng Markdown thay cho HTML."
    ),
    "CK071": Code("error", "Không được dùng thuộc tính HTML “{attr}” (chạy mã lệnh).", "Xóa thuộc tính."),
    "CK072": Code(
        "error",
        "Liên kết dạng “{scheme}:” không được phép.",
        "Chỉ dùng liên kết http(s) hoặc liên kết trong trang.",
    ),
    "CK073": Code(
        "error",
        "HTML không rõ ràng ({detail}): trình duyệt có thể hiểu khác trình kiểm tra.",
        "Xóa đoạn HTML này; dùng Markdown thay cho HTML.",
    ),
    # Citations
    "CK080": Code(
        "warning",
        "Chưa xác định được văn bản được trích dẫn “{text}”. Mẫu khai báo:\n{stub}",
        "Tạo tệp trong content/van-ban/ theo mẫu (hoặc `congkhai registry stubs`).",
    ),
    "CK081": Code(
        "warning",
        "“{text}” có thể chính là kế hoạch {plan}. Nếu đúng, thêm vào kế hoạch đó:\n{stub}",
        "Xác nhận bằng `cited_as` trong kế hoạch được trích dẫn.",
    ),
    "CK082": Code(
        "warning",
        "{lead} “{ref}” {change}.",
        "Kiểm tra lại căn cứ: dẫn văn bản đang có hiệu lực (văn bản thay thế), hoặc sửa ngày ban hành nếu ghi sai.",
    ),
    "CK083": Code(
        "warning",
        "{lead} “{ref}” {change}.",
        "Kiểm tra xem kế hoạch còn phù hợp không; nếu cơ quan ban hành văn bản sửa đổi, thay thế kế hoạch, đăng văn bản đó.",
    ),
    "CK084": Code(
        "warning",
        "{lead} “{ref}” {change}.",
        "Đối chiếu nội dung kế hoạch với quy định đã sửa đổi; ghi `issued` của kế hoạch nếu chưa có để việc đối chiếu chính xác.",
    ),
    # Registry facts and their sources
    "CK120": Code(
        "warning",
        "Dữ kiện “{fact}” của văn bản chưa có nguồn.",
        "Thêm vào `sources` một mục có `facts: [{fact}]`, ghi nơi tìm thấy (`url`, `file` hoặc `where`) và mức chắc chắn (`confidence`); nếu không có nguồn, xóa dữ kiện.",
    ),
    "CK121": Code(
        "error",
        "Nguồn thứ {n} không ghi nơi tìm thấy dữ kiện.",
        "Ghi `url` (trang web), `file` (kế hoạch trong content/) hoặc `where` (kho dữ liệu, tệp, dòng).",
    ),
    "CK122": Code(
        "error",
        "Văn bản “{ref}” trong `relations` không có trong danh mục.{hint}",
        "Thêm văn bản vào content/van-ban/ (chỉ với những dữ kiện có nguồn) hoặc sửa `ref`.",
    ),
    "CK123": Code(
        "warning",
        "Nguồn thứ {n}: {detail}",
        "Ghi đúng đường dẫn tệp trong content/ và chép nguyên văn đoạn trích (`quote`).",
    ),
    "CK124": Code(
        "warning",
        "Ngày có hiệu lực ({effective}) trước ngày ban hành ({issued}).",
        "Kiểm tra lại `effective` và `issued` với nguồn.",
    ),
    # Tasks
    "CK090": Code(
        "warning",
        "Không hiểu thời hạn “{due}” của nhiệm vụ {task}.",
        "Ghi thời hạn như “Tháng 7/2025”, “Quý III/2025”, “Trước ngày 30/8/2025”.",
    ),
    "CK091": Code(
        "warning",
        "Nhiệm vụ {task} “hoàn thành” nhưng chưa có minh chứng.",
        "Thêm `updates` có `evidence` (liên kết hoặc tệp).",
    ),
    "CK092": Code("error", "Trùng mã nhiệm vụ “{task}”.", "Đặt `id` khác nhau cho từng nhiệm vụ."),
    "CK093": Code(
        "warning", "Ngày cập nhật {date} của nhiệm vụ {task} nằm sau ngày xây dựng trang.", "Kiểm tra ngày."
    ),
    "CK094": Code(
        "warning",
        "Kế hoạch ban hành {issued} nhưng đăng công khai {published}: sau {days} ngày làm việc (quá {limit} ngày làm việc, Luật 10/2022/QH15 Điều 12, 47).",
        "Nếu kế hoạch đã được công khai ở nơi khác sớm hơn, ghi ngày đó vào `published`; nếu không, đăng kế hoạch sớm hơn trong những lần sau.",
    ),
    "CK095": Code(
        "warning",
        "Thời gian niêm yết {days} ngày, ít hơn {minimum} ngày liên tục mà Luật 10/2022/QH15 ({article}) yêu cầu.",
        "Kiểm tra `posted.from` và `posted.to` theo hồ sơ niêm yết.",
    ),
    "CK096": Code(
        "error",
        "Niêm yết kết thúc ({to}) trước ngày bắt đầu ({start}).",
        "Kiểm tra `posted.from` và `posted.to`.",
    ),
    # Progress reports (content/bao-cao/)
    "CK110": Code(
        "error",
        "Báo cáo về kế hoạch “{ref}” nhưng không có kế hoạch nào như vậy trên trang.{hint}",
        "Ghi khóa của kế hoạch (số, ký hiệu như 16/KH-UBND) hoặc đường dẫn tệp (ke-hoach/2025/ten-tep).",
    ),
    "CK111": Code(
        "error",
        "Nhiệm vụ mã “{task}” không có trong {plan}.{hint}",
        "Ghi `task` đúng mã nhiệm vụ (cột TT) của kế hoạch; báo cáo về nhiều kế hoạch thì ghi thêm `plan`.",
    ),
    "CK112": Code(
        "error",
        "Tình trạng “{value}” của nhiệm vụ {task} không hợp lệ.{hint}",
        "Dùng một trong: hoan-thanh, dang-thuc-hien, chua-thuc-hien, tam-dung.",
    ),
    "CK113": Code(
        "error",
        "Kết quả nhiệm vụ {task} ghi ngày {date}, sau ngày ban hành báo cáo ({issued}).",
        "Kiểm tra ngày: báo cáo không thể ghi kết quả của một ngày sau khi nó được ban hành.",
    ),
    "CK114": Code(
        "error",
        "{what} ghi ngày {date}, sau ngày đối chiếu {reference}: một ngày trong tương lai.",
        "Kiểm tra ngày (năm, tháng); ngày đối chiếu là ngày dựng trang (xem CONGKHAI_TODAY, extra.reference_date).",
    ),
    "CK115": Code(
        "error",
        "Báo cáo của {issuer} về kế hoạch của {owner} ({plan}) mà không ghi lý do.",
        "Thêm `note` nói vì sao cơ quan này báo cáo về kế hoạch của cơ quan khác (ví dụ được giao chủ trì các nhiệm vụ đó).",
    ),
    "CK116": Code(
        "warning",
        "Báo cáo chưa có ngày ban hành: không kiểm tra được ngày của các kết quả, kết quả không ghi ngày bị coi là chưa rõ ngày.",
        "Bổ sung `issued` khi báo cáo đã ký ban hành.",
    ),
    # The glossary (content/thuat-ngu.yml)
    "CK130": Code(
        "error",
        "Tệp thuật ngữ phải là các dòng “VIẾT TẮT: nghĩa đầy đủ”.",
        "Viết mỗi thuật ngữ trên một dòng, ví dụ `UBND: Ủy ban nhân dân`.",
    ),
    "CK131": Code(
        "error",
        "“{key}” không phải một chữ viết tắt (chữ in hoa, số, có thể nối bằng “-” hoặc “&”).",
        "Sửa phần trước dấu hai chấm, ví dụ `VH-XH: Văn hóa - Xã hội`.",
    ),
    "CK132": Code(
        "error",
        "Thuật ngữ “{key}” chưa có nghĩa đầy đủ.",
        "Viết nghĩa đầy đủ sau dấu hai chấm, ví dụ `UBND: Ủy ban nhân dân`.",
    ),
    # Body structure
    "CK100": Code(
        "warning", "Chú thích [^{label}] được dùng nhưng không có nội dung.", "Thêm dòng `[^{label}]: …`."
    ),
    "CK101": Code(
        "warning",
        "Nội dung chú thích [^{label}] không được dùng trong bài.",
        "Đặt dấu [^{label}] vào đúng chỗ.",
    ),
    "CK102": Code(
        "error",
        "Nội dung lồng quá sâu ({depth} cấp, tối đa {limit}).",
        "Giảm số cấp danh sách, trích dẫn (>) hoặc khối HTML lồng nhau.",
    ),
    "CK103": Code(
        "error",
        "Có {count} dấu “[” không được đóng trong một đoạn (tối đa {limit}): trang không dựng được trong thời gian hợp lý.",
        "Xóa các dấu “[” thừa, hoặc viết `\\[` khi cần in dấu này.",
    ),
}


@dataclass(frozen=True, order=True)
class Diagnostic:
    file: str
    line: int
    column: int
    severity: Severity
    code: str
    message: str

    def as_text(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.severity} {self.code} {self.message}"


def make(code: str, file: str, line: int = 1, column: int = 1, /, **fields: object) -> Diagnostic:
    spec = CODES[code]
    fields.setdefault("hint", "")
    return Diagnostic(file, max(1, line), max(1, column), spec.severity, code, spec.template.format(**fields))


def sort_key(d: Diagnostic) -> tuple[Any, ...]:
    return (d.file, d.line, d.column, d.code, d.message)


def format_text(diags: list[Diagnostic]) -> str:
    return "\n".join(d.as_text() for d in diags)


def format_json(diags: list[Diagnostic]) -> str:
    return json.dumps([asdict(d) for d in diags], ensure_ascii=False, indent=2)


def _gh_escape(s: str, prop: bool = False) -> str:
    s = s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return s.replace(":", "%3A").replace(",", "%2C") if prop else s


def format_github(diags: list[Diagnostic]) -> str:
    """GitHub workflow commands: shown as annotations on the changed lines of a pull request."""
    out = []
    for d in diags:
        kind = "error" if d.severity == "error" else "warning"
        out.append(
            f"::{kind} file={_gh_escape(d.file, True)},line={d.line},col={d.column},"
            f"title={_gh_escape(d.code, True)}::{_gh_escape(d.message)}"
        )
    return "\n".join(out)
