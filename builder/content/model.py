"""The content model: what editors write in front-matter (plans, registry, agencies).

Pydantic models give typed checking with locations and the JSON Schema that editors'
VS Code uses for autocompletion (`congkhai schema`). Titles and descriptions are Vietnamese
because editors read them. Keys are the DESIGN.md contract; add fields freely.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, HttpUrl, field_validator

from ..base.text import nfc

PlanStatus = Literal["du-thao", "ban-hanh", "het-hieu-luc"]
Relation = Literal["can-cu", "thuc-hien"]
TaskStatus = Literal["chua-bat-dau", "dang-thuc-hien", "hoan-thanh", "tam-dung"]

# Their Vietnamese words for readers: builder.base.vietnamese.
# vbpl.vn's vocabulary for the legal status of a document.
DOCUMENT_STATUSES = (
    "còn hiệu lực",
    "hết hiệu lực toàn bộ",
    "hết hiệu lực một phần",
    "ngưng hiệu lực",
    "chưa có hiệu lực",
    "bị thay thế",
    "không xác định",
)
# A published e-mail address and telephone number, as a reader would dial or type them.
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
PHONE = re.compile(r"\+?[0-9][0-9 .()-]{1,18}[0-9]")
NOT_IN_FORCE = {"hết hiệu lực toàn bộ", "hết hiệu lực một phần", "ngưng hiệu lực", "bị thay thế"}


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=False)

    @field_validator("*", mode="before")
    @classmethod
    def _nfc(cls, v: object) -> object:
        return nfc(v) if isinstance(v, str) else v


class Period(_Model):
    model_config = ConfigDict(title="Kỳ kế hoạch")

    start: dt.date = Field(title="Từ ngày", description="Ngày bắt đầu kỳ kế hoạch (NNNN-TT-NN).")
    end: dt.date = Field(title="Đến ngày", description="Ngày kết thúc kỳ kế hoạch (NNNN-TT-NN).")


class Signer(_Model):
    model_config = ConfigDict(title="Người ký")

    name: str = Field(title="Họ và tên người ký")
    position: str = Field(title="Chức vụ", description="Như in trên văn bản, ví dụ “CHỦ TỊCH”.")
    authority: str | None = Field(
        None, title="Thẩm quyền ký", description="Ví dụ “TM. ỦY BAN NHÂN DÂN”, “KT. CHỦ TỊCH”."
    )


class BasisRef(_Model):
    model_config = ConfigDict(title="Căn cứ / thực hiện")

    ref: str = Field(
        title="Khóa văn bản", description="Số, ký hiệu (ví dụ 59/2023/NĐ-CP) hoặc khóa trong danh mục."
    )
    relation: Relation = Field(title="Quan hệ", description="can-cu (Căn cứ) hoặc thuc-hien (Thực hiện).")


class Attachment(_Model):
    model_config = ConfigDict(title="Tệp đính kèm")

    file: str = Field(
        title="Tệp", description="Đường dẫn tương đối trong content/, ví dụ ../../tep/ke-hoach.pdf."
    )
    title: str = Field(title="Tên tệp hiển thị")


class Update(_Model):
    model_config = ConfigDict(title="Cập nhật tiến độ")

    date: dt.date = Field(title="Ngày cập nhật")
    note: str = Field(title="Nội dung cập nhật")
    status: TaskStatus | None = Field(None, title="Trạng thái sau cập nhật")
    evidence: str | None = Field(
        None, title="Minh chứng", description="Liên kết https://… hoặc tệp trong content/tep/."
    )


class Task(_Model):
    model_config = ConfigDict(title="Nhiệm vụ")

    id: str = Field(title="Mã nhiệm vụ", description="Số thứ tự như in (TT), duy nhất trong kế hoạch.")
    name: str = Field(title="Tên nhiệm vụ")
    group: str | None = Field(
        None, title="Nhóm", description="Mục của phụ lục hoặc của kế hoạch chứa nhiệm vụ."
    )
    directs: str | None = Field(None, title="Chỉ đạo", description="Người/cơ quan chỉ đạo, như in.")
    lead: str | None = Field(None, title="Cơ quan chủ trì", description="Như in trên văn bản.")
    partners: str | None = Field(None, title="Cơ quan phối hợp", description="Như in trên văn bản.")
    due: str | None = Field(
        None, title="Thời gian thực hiện", description="Như in, ví dụ “Quý III, IV/2025”."
    )
    output: str | None = Field(None, title="Sản phẩm")
    status: TaskStatus | None = Field(None, title="Tình trạng")
    updates: list[Update] = Field(default_factory=list, title="Cập nhật tiến độ")

    @field_validator("id", mode="before")
    @classmethod
    def _id_str(cls, v: object) -> object:
        return str(v) if isinstance(v, int) else v


class CitedAs(_Model):
    model_config = ConfigDict(title="Được trích dẫn là")

    number: str = Field(title="Số, ký hiệu được trích dẫn")
    issued: dt.date | None = Field(None, title="Ngày được trích dẫn")
    by: str | None = Field(
        None, title="Xác nhận bởi", description="Người biên tập xác nhận, hoặc nguồn xác nhận."
    )


class IssuingDecision(_Model):
    model_config = ConfigDict(title="Quyết định ban hành")

    number: str | None = Field(None, title="Số, ký hiệu của quyết định", description="Ví dụ 2820/QĐ-UBND.")
    issued: dt.date | None = Field(None, title="Ngày ký quyết định")
    title: str | None = Field(None, title="Trích yếu của quyết định")
    signer: Signer | None = Field(None, title="Người ký quyết định")


class Plan(_Model):
    """A plan published in full (content/ke-hoach/<năm>/<tên>.md)."""

    model_config = ConfigDict(title="Kế hoạch")

    type: str = Field("Kế hoạch", title="Loại văn bản")
    number: str | None = Field(
        None, title="Số, ký hiệu", description="Như in, ví dụ 16/KH-UBND. Để trống nếu chưa có số."
    )
    key: str | None = Field(
        None,
        title="Khóa",
        description="Chỉ khai báo khi hai văn bản trùng số (ví dụ 16/KH-UBND@ubnd-xa-dai-son-2025).",
    )
    issued: dt.date | None = Field(
        None, title="Ngày ban hành", description="NNNN-TT-NN. Để trống nếu chưa có."
    )
    issuer: str = Field(title="Cơ quan ban hành", description="Mã cơ quan trong content/co-quan/.")
    place: str | None = Field(None, title="Địa danh", description="Như in, ví dụ “Hòa Xuân”.")
    title: str = Field(title="Trích yếu")
    period: Period | None = Field(None, title="Kỳ kế hoạch")
    status: PlanStatus = Field(
        "ban-hanh", title="Trạng thái", description="du-thao, ban-hanh hoặc het-hieu-luc."
    )
    signer: Signer | None = Field(None, title="Người ký")
    recipients: list[str] = Field(
        default_factory=list, title="Nơi nhận", description="Mỗi dòng một nơi nhận, kể cả dòng “Lưu:”."
    )
    basis: list[BasisRef] = Field(default_factory=list, title="Căn cứ, thực hiện")
    attachments: list[Attachment] = Field(default_factory=list, title="Tệp đính kèm")
    tasks: list[Task] = Field(default_factory=list, title="Nhiệm vụ")
    cited_as: list[CitedAs] = Field(
        default_factory=list,
        title="Được trích dẫn là",
        description="Số, ngày mà văn bản khác dùng khi trích dẫn kế hoạch này (đã xác nhận).",
    )
    published: dt.date | None = Field(
        None,
        title="Ngày đăng công khai",
        description="Chỉ ghi khi đã công khai trước khi đưa lên trang này; mặc định lấy từ lịch sử git.",
    )
    source_note: str | None = Field(
        None, title="Ghi chú nguồn", description="Nguồn bản điện tử, dấu văn thư…"
    )
    issued_by_decision: IssuingDecision | None = Field(
        None,
        title="Ban hành kèm theo quyết định",
        description="Kế hoạch ban hành kèm theo một quyết định (“Ban hành kèm theo Quyết định số …”): số, ngày, người ký của quyết định.",
    )
    change_note: str | None = Field(
        None,
        title="Ghi chú thay đổi",
        description="Một câu cho người dân về lần sửa này, ví dụ “Bổ sung số, ký hiệu theo bản đã đóng dấu”. "
        "Hiện trong “Lịch sử thay đổi” của phiên bản có ghi chú mới; viết lại ở mỗi lần sửa.",
    )


class Document(_Model):
    """A cited document in the registry (content/van-ban/<tên>.md)."""

    model_config = ConfigDict(title="Văn bản được trích dẫn")

    key: str | None = Field(
        None,
        title="Khóa",
        description="Mặc định là số, ký hiệu; khai báo khi trùng số hoặc văn bản không có số.",
    )
    number: str | None = Field(None, title="Số, ký hiệu")
    type: str = Field(title="Loại văn bản", description="Luật, Nghị định, Chỉ thị, Kế hoạch…")
    issued: dt.date | None = Field(None, title="Ngày ban hành")
    issuer: str | None = Field(
        None, title="Cơ quan ban hành", description="Mã cơ quan trong content/co-quan/."
    )
    title: str | None = Field(None, title="Trích yếu")
    aliases: list[str] = Field(
        default_factory=list, title="Tên gọi khác", description="Tên dùng khi trích dẫn không kèm số."
    )
    status: str | None = Field(
        None, title="Tình trạng hiệu lực", description="Theo vbpl.vn: còn hiệu lực, hết hiệu lực toàn bộ…"
    )
    replaced_by: str | None = Field(None, title="Được thay thế bởi", description="Khóa văn bản thay thế.")
    source_url: HttpUrl | None = Field(
        None, title="Bản chính thức", description="Chỉ ghi khi biết chắc; không tự đặt."
    )
    note: str | None = Field(None, title="Ghi chú")

    @field_validator("status")
    @classmethod
    def _status(cls, v: str | None) -> str | None:
        if v is not None and v.casefold() not in DOCUMENT_STATUSES:
            raise ValueError("status")
        return v.casefold() if v else v


class LegacyLocality(_Model):
    model_config = ConfigDict(title="Địa bàn cũ")

    name: str = Field(
        title="Tên đơn vị hành chính cũ", description="Như trước ngày 01/7/2025, ví dụ “Thành phố Đà Nẵng”."
    )
    until: dt.date = Field(dt.date(2025, 6, 30), title="Tồn tại đến ngày")
    successor: str = Field(title="Đơn vị kế thừa", description="Mã đơn vị hiện nay (tỉnh hoặc xã).")


class ContactFact(_Model):
    """One way to reach an agency, and where the editor read it (never a guess)."""

    value: str = Field(title="Nội dung", min_length=1)
    source: str = Field(
        title="Nguồn",
        min_length=1,
        description="Nơi đã đọc thông tin này: địa chỉ trang web (https://…) hoặc văn bản (số, ngày).",
    )


class Contact(_Model):
    """Where citizens send comments to an agency: every field optional, each with its source."""

    model_config = ConfigDict(title="Liên hệ")

    address: ContactFact | None = Field(
        None, title="Địa chỉ", description="Địa chỉ trụ sở, nơi tiếp công dân."
    )
    phone: ContactFact | None = Field(
        None, title="Điện thoại", description="Như công bố, ví dụ “0236 3xxx xxx”."
    )
    email: ContactFact | None = Field(None, title="Thư điện tử", description="Địa chỉ thư điện tử công bố.")
    reception: ContactFact | None = Field(
        None, title="Lịch tiếp công dân", description="Như công bố, ví dụ “Thứ Năm hằng tuần, tại trụ sở”."
    )

    @field_validator("email")
    @classmethod
    def _email(cls, v: ContactFact | None) -> ContactFact | None:
        if v is not None and not EMAIL.fullmatch(v.value.strip()):
            raise ValueError("cần một địa chỉ thư điện tử dạng ten@ten-mien.vn")
        return v

    @field_validator("phone")
    @classmethod
    def _phone(cls, v: ContactFact | None) -> ContactFact | None:
        if v is not None and not PHONE.fullmatch(v.value.strip()):
            raise ValueError("cần một số điện thoại (chữ số, dấu cách, dấu chấm, “+”, “-”)")
        return v


class Agency(_Model):
    """An issuer or a body named in tasks (content/co-quan/<mã>.md)."""

    model_config = ConfigDict(title="Cơ quan")

    name: str = Field(title="Tên đầy đủ")
    short_name: str | None = Field(None, title="Tên viết tắt", description="Ví dụ “UBND phường Hòa Xuân”.")
    aliases: list[str] = Field(
        default_factory=list, title="Tên gọi khác", description="Các cách gọi trong văn bản."
    )
    level: Literal["trung-uong", "tinh", "xa", "khac"] = Field(
        title="Cấp", description="trung-uong, tinh, xa hoặc khac."
    )
    locality: str | None = Field(
        None, title="Địa bàn", description="Mã đơn vị hành chính (tỉnh hoặc xã) hoặc tên kèm tỉnh."
    )
    legacy_locality: LegacyLocality | None = Field(None, title="Địa bàn cũ (trước 01/7/2025)")
    parent: str | None = Field(None, title="Cơ quan cấp trên", description="Mã cơ quan.")
    valid_from: dt.date | None = Field(None, title="Hoạt động từ ngày")
    valid_until: dt.date | None = Field(None, title="Hoạt động đến ngày")
    successor: str | None = Field(None, title="Cơ quan kế thừa", description="Mã cơ quan.")
    website: HttpUrl | None = Field(None, title="Trang thông tin điện tử")
    contact: Contact | None = Field(
        None,
        title="Liên hệ, nhận góp ý",
        description="Địa chỉ, điện thoại, thư điện tử, lịch tiếp công dân như cơ quan công bố, mỗi mục kèm nguồn. "
        "Để trống khi chưa có nguồn: trang không bao giờ tự điền.",
    )


class Page(_Model):
    """A hand-written page (content/<tên>.md, e.g. the home page's introduction): Markdown with an
    optional front-matter of these keys only (the theme's other keys, such as `template`, could
    turn a page into script)."""

    model_config = ConfigDict(title="Trang")

    title: str | None = Field(None, title="Tiêu đề")
    description: str | None = Field(
        None, title="Mô tả ngắn", description="Hiện trong kết quả tìm kiếm và khi chia sẻ."
    )


MODELS: dict[str, type[_Model]] = {"ke-hoach": Plan, "van-ban": Document, "co-quan": Agency}
