"""Administrative units after the 1 July 2025 reorganisation (34 provinces, 3,321 communes).

Data comes from the `vietnam-provinces` package (official codes), never from a hand-typed list.
Units that no longer exist are written in content as `legacy_locality` with their successor.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from ..base.text import match_form


@dataclass(frozen=True)
class Unit:
    code: str  # official code, as a string ("48", "20314")
    name: str  # "Phường Hòa Xuân", "Thành phố Đà Nẵng"
    kind: str  # "tỉnh", "thành phố trung ương", "xã", "phường", "đặc khu"
    province_code: str
    province_name: str

    @property
    def is_province(self) -> bool:
        return self.code == self.province_code

    @property
    def label(self) -> str:
        return self.name if self.is_province else f"{self.name}, {self.province_name}"


@cache
def _tables() -> tuple[dict[str, Unit], dict[str, list[Unit]]]:
    from vietnam_provinces import Province, Ward

    by_code: dict[str, Unit] = {}
    by_name: dict[str, list[Unit]] = {}
    provinces = {int(p.code): p for p in Province.iter_all()}
    for p in provinces.values():
        u = Unit(_pcode(p.code), p.name, p.division_type.value, _pcode(p.code), p.name)
        by_code[u.code] = u
    for w in Ward.iter_all():
        p = provinces[int(w.province_code)]
        u = Unit(_wcode(w.code), w.name, w.division_type.value, _pcode(p.code), p.name)
        by_code[u.code] = u
    for u in by_code.values():
        for name in _name_forms(u.name):
            by_name.setdefault(name, []).append(u)
    return by_code, by_name


def _pcode(code: int | str) -> str:
    return f"{int(code):02d}"  # provinces: two digits ("04", "48")


def _wcode(code: int | str) -> str:
    return f"{int(code):05d}"  # communes and wards: five digits ("07627", "20314")


_PREFIX = re.compile(r"^(tỉnh|thành phố|tp\.?|xã|phường|đặc khu)\s+", re.I)


def _name_forms(name: str) -> set[str]:
    base = match_form(name)
    return {base, match_form(_PREFIX.sub("", base))}


def counts() -> tuple[int, int]:
    by_code, _ = _tables()
    provinces = sum(1 for u in by_code.values() if u.is_province)
    return provinces, len(by_code) - provinces


def by_code(code: str) -> Unit | None:
    code = code.strip()
    if not code.isdigit():
        return None
    return _tables()[0].get(_pcode(code) if len(code) <= 2 else _wcode(code))


def resolve(value: str) -> tuple[Unit | None, list[Unit]]:
    """A unit from a code ("20314") or a name with optional province ("Xã Đại Sơn, Hải Phòng").

    Returns (unit, []) when found, (None, candidates) when ambiguous, (None, []) when unknown.
    """
    value = value.strip()
    if value.isdigit():
        u = by_code(value)
        return (u, []) if u else (None, [])
    parts = [p.strip() for p in value.split(",") if p.strip()]
    if not parts:
        return None, []
    _, by_name = _tables()
    cands = list({u.code: u for u in by_name.get(match_form(parts[0]), [])}.values())
    if len(parts) > 1:
        prov = match_form(_PREFIX.sub("", match_form(parts[-1])))
        cands = [u for u in cands if match_form(_PREFIX.sub("", match_form(u.province_name))) == prov]
    if len(cands) > 1 and any(u.is_province for u in cands):
        cands = [u for u in cands if u.is_province] if len(parts) == 1 else cands
    if len(cands) == 1:
        return cands[0], []
    return None, sorted(cands, key=lambda u: u.code)


def agency_unit(agencies: Mapping[str, Any], aid: str | None, depth: int = 0) -> Unit | None:
    """The administrative unit an agency (content/co-quan/) works in: its `locality`, else the
    successor of its `legacy_locality` (a body of a province merged in July 2025), else its
    parent's. None when nothing says (never guessed from the name)."""
    rec = agencies.get(aid or "")
    if rec is None or depth > 8:
        return None
    ag = rec.agency
    for value in (ag.locality, ag.legacy_locality.successor if ag.legacy_locality else None):
        if value:
            unit = by_code(value) if value.strip().isdigit() else resolve(value)[0]
            if unit is not None:
                return unit
    return agency_unit(agencies, ag.parent, depth + 1) if ag.parent else None


def communes(province_code: str) -> list[Unit]:
    """The communes, wards and special zones of a province today, by code."""
    code = _pcode(province_code)
    return sorted(
        (u for u in _tables()[0].values() if not u.is_province and u.province_code == code),
        key=lambda u: u.code,
    )
