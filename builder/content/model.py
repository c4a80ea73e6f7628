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
# "chua-bat-dau" is the older word for "chua-thuc-hien" (both read "not started yet").
TaskStatus = Literal["chua-bat-dau", "chua-thuc-hien", "dang-thuc-hien", "hoan-thanh", "tam-dung"]
# What a progress report may say of a task (DESIGN.md, "Progress reports": a contract).
REPORT_STATUSES = ("hoan-thanh", "dang-thuc-hien", "chua-thuc-hien", "tam-dung")

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


class Posted(_Model):
    model_config = ConfigDict(title="Niêm yết", populate_by_name=True)

    from_: dt.date = Field(alias="from", title="Từ ngày", description="Ngày bắt đầu niêm yết (NNNN-TT-NN).")
    to: dt.date | None = Field(None, title="Đến ngày", description="Ngày kết thúc niêm yết (NNNN-TT-NN).")
    place: str | None = Field(
        None, title="Địa điểm niêm yết", description="Ví dụ “Trụ sở UBND xã, nhà văn hóa các thôn”."
    )


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
        title="Ngày công khai",
        description="Ngày cơ quan công khai kế hoạch (cổng/trang thông tin điện tử, niêm yết…), theo hồ sơ. Để trống nếu chưa biết: không lấy ngày đưa lên trang này thay thế.",
    )
    posted: Posted | None = Field(
        None,
        title="Niêm yết",
        description="Thời gian và địa điểm niêm yết tại trụ sở (Luật 10/2022/QH15, Điều 13, 48).",
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


# A fact of a registry entry that needs a source (`sources[].facts`); `type`, `issuer` and the
# names it is cited by are identity, not facts. The validator warns about a fact without one
# (CK120) and the site shows only sourced dates, statuses and addresses.
SOURCED_FACTS = (
    "number",
    "issued",
    "title",
    "signer",
    "effective",
    "status",
    "replaced_by",
    "relations",
    "source_url",
    "copies",
)
Fact = Literal[
    "number",
    "issued",
    "title",
    "signer",
    "effective",
    "status",
    "replaced_by",
    "relations",
    "source_url",
    "copies",
    "type",
    "issuer",
]
# What a registry document does to another one (ELI's relation vocabulary, vbpl.vn's "Lược đồ").
# The act that acts declares it; the other side ("được sửa đổi bởi …") is derived.
DocRelationKind = Literal["sua-doi", "thay-the", "bai-bo", "huong-dan", "quy-dinh-chi-tiet"]
# Relations that end the force of the other document (point-in-time legal-basis check).
ENDS_FORCE = {"thay-the", "bai-bo"}
_PARTIAL = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


class Source(_Model):
    model_config = ConfigDict(title="Nguồn của dữ kiện")

    facts: list[Fact] = Field(
        min_length=1,
        title="Dữ kiện",
        description="Những trường mà nguồn này xác nhận, ví dụ [issued, effective].",
    )
    what: str | None = Field(None, title="Nguồn ghi gì", description="Dữ kiện như đọc được trong nguồn.")
    url: HttpUrl | None = Field(
        None, title="Trang web", description="Địa chỉ trang đã đọc, chép nguyên văn (không tự đặt)."
    )
    file: str | None = Field(
        None,
        title="Tệp trong content/",
        description="Kế hoạch trên trang này ghi dữ kiện, ví dụ content/ke-hoach/2025/ten-tep.md.",
    )
    where: str | None = Field(
        None,
        title="Nơi khác",
        description="Kho dữ liệu, tệp, dòng (ví dụ “kho tnt305/tai_lieu_noi_bo@94c5034, src/etl/dataset/x.md dòng 33”).",
    )
    via: HttpUrl | None = Field(
        None,
        title="Địa chỉ gốc của bản lưu",
        description="Trang mà bản lưu trong kho dữ liệu được chép từ đó.",
    )
    confidence: Literal["ghi-trong-nguon", "suy-luan"] = Field(
        "ghi-trong-nguon",
        title="Mức chắc chắn",
        description="ghi-trong-nguon: nguồn ghi đúng như vậy; suy-luan: suy ra từ nguồn (ghi lý do ở `what`).",
    )
    quote: str | None = Field(None, title="Trích nguyên văn")


class DocumentRelation(_Model):
    model_config = ConfigDict(title="Tác động đến văn bản khác")

    relation: DocRelationKind = Field(
        title="Quan hệ",
        description="sua-doi (sửa đổi, bổ sung), thay-the, bai-bo, huong-dan, quy-dinh-chi-tiet.",
    )
    ref: str = Field(title="Văn bản bị tác động", description="Khóa văn bản trong danh mục.")
    effective: dt.date | None = Field(
        None,
        title="Có hiệu lực từ",
        description="Chỉ ghi khi khác ngày có hiệu lực của chính văn bản này.",
    )
    part: str | None = Field(None, title="Phần tác động", description="Ví dụ “Điều 3”, “khoản 9 Điều 1”.")


class Copy(_Model):
    model_config = ConfigDict(title="Bản toàn văn tham khảo")

    url: HttpUrl = Field(title="Địa chỉ", description="Chép nguyên văn; không tự đặt theo mẫu.")
    site: str = Field(title="Tên trang", description="Ví dụ “Thư viện Pháp luật (thuvienphapluat.vn)”.")


class Result(_Model):
    model_config = ConfigDict(title="Kết quả thực hiện một nhiệm vụ")

    task: str = Field(title="Mã nhiệm vụ", description="Mã nhiệm vụ (id) như trong kế hoạch được báo cáo.")
    status: str = Field(
        title="Tình trạng",
        description="hoan-thanh (hoàn thành), dang-thuc-hien (đang thực hiện), chua-thuc-hien (chưa thực hiện) hoặc tam-dung (tạm dừng).",
        json_schema_extra={"enum": list(REPORT_STATUSES)},
    )
    date: dt.date | None = Field(
        None,
        title="Ngày đạt kết quả",
        description="Ngày của kết quả (ví dụ ngày hoàn thành). Để trống: lấy ngày ban hành báo cáo.",
    )
    note: str = Field(title="Nội dung kết quả", description="Kết quả như báo cáo ghi.")
    evidence: str | None = Field(
        None, title="Minh chứng", description="Liên kết https://… hoặc tệp trong content/tep/."
    )
    plan: str | None = Field(
        None,
        title="Kế hoạch",
        description="Chỉ ghi khi báo cáo về nhiều kế hoạch: khóa của kế hoạch có nhiệm vụ này.",
    )

    @field_validator("task", mode="before")
    @classmethod
    def _task_str(cls, v: object) -> object:
        return str(v) if isinstance(v, int) else v


class Report(_Model):
    """A progress report on one or more plans (content/bao-cao/<năm>/<tên>.md)."""

    model_config = ConfigDict(title="Báo cáo kết quả thực hiện kế hoạch")

    type: str = Field("Báo cáo", title="Loại văn bản")
    number: str | None = Field(None, title="Số, ký hiệu", description="Như in, ví dụ 45/BC-UBND.")
    key: str | None = Field(None, title="Khóa", description="Chỉ khai báo khi hai văn bản trùng số.")
    issued: dt.date | None = Field(None, title="Ngày ban hành", description="NNNN-TT-NN.")
    issuer: str = Field(title="Cơ quan ban hành", description="Mã cơ quan trong content/co-quan/.")
    place: str | None = Field(None, title="Địa danh")
    title: str = Field(title="Trích yếu")
    period: Period | None = Field(None, title="Kỳ báo cáo")
    status: PlanStatus = Field(
        "ban-hanh",
        title="Trạng thái",
        description="ban-hanh (đã ký ban hành) hoặc du-thao: kết quả của một dự thảo chưa được tính.",
    )
    signer: Signer | None = Field(None, title="Người ký")
    recipients: list[str] = Field(default_factory=list, title="Nơi nhận")
    basis: list[BasisRef] = Field(default_factory=list, title="Căn cứ, thực hiện")
    reports_on: list[str] = Field(
        min_length=1,
        title="Báo cáo về kế hoạch",
        description="Khóa của kế hoạch được báo cáo (số, ký hiệu như 16/KH-UBND), hoặc danh sách khóa.",
    )
    results: list[Result] = Field(default_factory=list, title="Kết quả thực hiện từng nhiệm vụ")
    note: str | None = Field(
        None,
        title="Ghi chú",
        description="Bắt buộc khi báo cáo về kế hoạch của cơ quan khác: vì sao cơ quan này báo cáo.",
    )
    attachments: list[Attachment] = Field(default_factory=list, title="Tệp đính kèm")
    published: dt.date | None = Field(None, title="Ngày công khai")
    source_note: str | None = Field(None, title="Ghi chú nguồn")

    @field_validator("reports_on", mode="before")
    @classmethod
    def _one_or_many(cls, v: object) -> object:
        return [v] if isinstance(v, str) else v


class Document(_Model):
    """A cited document in the registry (content/van-ban/<tên>.md)."""

    model_config = ConfigDict(title="Văn bản được trích dẫn")

    key: str | None = Field(
        None,
        title="Khóa",
        description="Mặc định là số, ký hiệu; khai báo khi trùng số, khi văn bản không có số, hoặc để giữ địa chỉ trang khi sửa số.",
    )
    number: str | None = Field(None, title="Số, ký hiệu")
    type: str = Field(title="Loại văn bản", description="Luật, Nghị định, Chỉ thị, Kế hoạch…")
    issued: dt.date | None = Field(None, title="Ngày ban hành", description="Với luật: ngày thông qua.")
    issuer: str | None = Field(
        None, title="Cơ quan ban hành", description="Mã cơ quan trong content/co-quan/."
    )
    title: str | None = Field(None, title="Trích yếu", description="Với luật, bộ luật: tên luật.")
    signer: str | None = Field(None, title="Người ký")
    aliases: list[str] = Field(
        default_factory=list, title="Tên gọi khác", description="Tên dùng khi trích dẫn không kèm số."
    )
    cited_as: list[CitedAs] = Field(
        default_factory=list,
        title="Được trích dẫn là",
        description="Số, ngày khác với văn bản mà kế hoạch dùng khi trích dẫn (ghi sai hoặc cách ghi cũ), để trích dẫn đó vẫn dẫn về đây.",
    )
    effective: dt.date | None = Field(None, title="Ngày có hiệu lực")
    status: str | None = Field(
        None, title="Tình trạng hiệu lực", description="Theo vbpl.vn: còn hiệu lực, hết hiệu lực toàn bộ…"
    )
    status_as_of: str | None = Field(
        None,
        title="Tình trạng tính đến",
        description="Thời điểm của bằng chứng về tình trạng: NNNN-TT-NN, NNNN-TT hoặc NNNN.",
    )
    replaced_by: str | None = Field(None, title="Được thay thế bởi", description="Khóa văn bản thay thế.")
    relations: list[DocumentRelation] = Field(
        default_factory=list,
        title="Tác động đến văn bản khác",
        description="Văn bản này sửa đổi, thay thế, bãi bỏ, hướng dẫn hoặc quy định chi tiết văn bản nào.",
    )
    source_url: HttpUrl | None = Field(
        None, title="Bản chính thức", description="Chỉ ghi khi biết chắc; không tự đặt."
    )
    copies: list[Copy] = Field(
        default_factory=list,
        title="Bản toàn văn tham khảo",
        description="Trang đăng toàn văn không phải bản chính thức (ví dụ thuvienphapluat.vn).",
    )
    sources: list[Source] = Field(
        default_factory=list,
        title="Nguồn",
        description="Mỗi dữ kiện (ngày, hiệu lực, tình trạng, địa chỉ…) phải có nguồn: dữ kiện nào, ở đâu, chắc chắn đến đâu.",
    )
    note: str | None = Field(None, title="Ghi chú")

    @field_validator("status")
    @classmethod
    def _status(cls, v: str | None) -> str | None:
        if v is not None and v.casefold() not in DOCUMENT_STATUSES:
            raise ValueError("status")
        return v.casefold() if v else v

    @field_validator("status_as_of", mode="before")
    @classmethod
    def _as_of(cls, v: object) -> object:
        if isinstance(v, dt.date):
            v = v.isoformat()
        if isinstance(v, int):
            v = str(v)
        if isinstance(v, str) and not _PARTIAL.match(v.strip()):
            raise ValueError("status_as_of")
        return v

    def sources_of(self, fact: str) -> list[Source]:
        """The sources that back one fact of this entry."""
        return [s for s in self.sources if fact in s.facts]

    def sourced(self, fact: str) -> bool:
        return any(fact in s.facts for s in self.sources)

    def inferred(self, fact: str) -> bool:
        """Backed by inferences only (shown as “suy luận”)."""
        srcs = self.sources_of(fact)
        return bool(srcs) and all(s.confidence == "suy-luan" for s in srcs)

    def has(self, fact: str) -> bool:
        """Is the fact filled in (a value, or a non-empty list)?"""
        return bool(getattr(self, fact))


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


MODELS: dict[str, type[_Model]] = {
    "ke-hoach": Plan,
    "bao-cao": Report,
    "van-ban": Document,
    "co-quan": Agency,
}
