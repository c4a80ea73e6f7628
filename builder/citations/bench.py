"""Throughput of the citation finder on a large generated corpus (used by `make bench`).

`generate()` builds plans in the seeds' style — hard-wrapped, with footnotes, lists, every date
form and numbers from all three families — from a fixed random seed, so the figure is stable
between runs and machines differ only by speed. `throughput()` measures the CPU time of this
process, so other programs running at the same time do not distort it.
"""

from __future__ import annotations

import random
import time

from .find import find_citations

_PROVINCES = ["Đà Nẵng", "Hải Phòng", "Cần Thơ", "Nghệ An", "Lâm Đồng", "Gia Lai", "Quảng Ninh", "Thanh Hóa"]
_COMMUNES = ["Hòa Xuân", "Đại Sơn", "Tân Phú", "An Khánh", "Bến Thành", "Đông Hòa", "Phú Lợi", "Hòa Khánh"]
_TITLES = [
    "về triển khai thực hiện dân chủ ở cơ sở, công tác dân vận chính quyền năm {y}",
    "về việc tăng cường kỷ luật, kỷ cương hành chính trên địa bàn",
    "về chuyển đổi số, phát triển chính quyền số đến năm 2030",
    "ban hành Quy chế công tác dân vận của hệ thống chính trị",
]
_FILLER = (
    "Tăng cường công tác tuyên truyền, phổ biến các chủ trương, đường lối của Đảng, chính sách, pháp luật của "
    "Nhà nước đến cán bộ, công chức, viên chức và Nhân dân; nâng cao chất lượng tiếp công dân, giải quyết khiếu nại, "
    "tố cáo; thực hiện tốt phương châm “dân biết, dân bàn, dân làm, dân kiểm tra, dân giám sát, dân thụ hưởng”. "
)


def _date(rnd: random.Random, y: int) -> str:
    d, m = rnd.randint(1, 28), rnd.randint(1, 12)
    return rnd.choice(
        [f"ngày {d}/{m}/{y}", f"ngày {d:02d}/{m:02d}/{y}", f"ngày {d:02d} tháng {m:02d} năm {y}"]
    )


def _citation(rnd: random.Random) -> str:
    y = rnd.randint(2013, 2025)
    n = rnd.randint(1, 3999)
    prov, commune = rnd.choice(_PROVINCES), rnd.choice(_COMMUNES)
    title = rnd.choice(_TITLES).format(y=y)
    form = rnd.randrange(8)
    if form == 0:
        return f"Nghị định số {n}/{y}/NĐ-CP {_date(rnd, y)} của Chính phủ {title}"
    if form == 1:
        return f"Kế hoạch số {n % 200:02d}/KH-UBND {_date(rnd, y)} của UBND phường {commune} {title}"
    if form == 2:
        return f"Chỉ thị số {n % 60}-CT/TU {_date(rnd, y)} của Ban Thường vụ Thành ủy {prov}"
    if form == 3:
        return f"Quyết định số {n}/QĐ- \n\nUBND ngày {rnd.randint(1, 28)}/{rnd.randint(1, 12)}/{y} của UBND thành phố {prov}"
    if form == 4:
        return f"Quyết định số {n % 300}-QĐ/TW và {n % 300 + 1}-QĐ/TW {_date(rnd, y)} của Bộ Chính trị"
    if form == 5:
        return f"Công văn số {n}/UBND-KGVX {_date(rnd, y)} của Ủy ban nhân dân tỉnh {prov}"
    if form == 6:
        return "Luật Thực hiện dân chủ ở cơ sở ngày 10/11/2022"
    return f"Nghị quyết {n % 99}-\n\nNQ/TW, {_date(rnd, y)} của Bộ Chính trị {title}"


def generate(min_bytes: int = 5_000_000, seed: int = 2025) -> str:
    """Deterministic plan-like text of at least `min_bytes` UTF-8 bytes."""
    rnd = random.Random(seed)
    parts: list[str] = []
    size = 0
    while size < min_bytes:
        para = f"Thực hiện {_citation(rnd)}; {_citation(rnd)}. {_FILLER}"
        if rnd.random() < 0.3:
            para += f"<sup>{rnd.randint(1, 12)}</sup>\n\n<sup>{rnd.randint(1, 12)}</sup> {_citation(rnd)}"
        # hard wraps with a blank line after every line, as PDF extraction leaves them
        words = para.split(" ")
        lines = [" ".join(words[i : i + 14]) for i in range(0, len(words), 14)]
        chunk = " \n\n".join(lines) + "\n\n"
        parts.append(chunk)
        size += len(chunk.encode("utf-8"))
    return "".join(parts)


def throughput(text: str, repeat: int = 1) -> float:
    """MB/s of UTF-8 text that `find_citations` processes (best of `repeat` runs, CPU time)."""
    size = len(text.encode("utf-8")) / 1e6
    best = float("inf")
    for _ in range(max(1, repeat)):
        t0 = time.process_time()
        find_citations(text)
        best = min(best, time.process_time() - t0)
    return size / best if best > 0 else float("inf")


def main() -> None:  # pragma: no cover - `python -m builder.citations.bench`
    text = generate()
    cits = find_citations(text)
    mbps = throughput(text, repeat=3)
    print(f"citations: {len(text.encode('utf-8')) / 1e6:.1f} MB, {len(cits)} trích dẫn, {mbps:.2f} MB/s")


if __name__ == "__main__":  # pragma: no cover
    main()
