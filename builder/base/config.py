"""mkdocs.yml, read once per run into a typed `SiteConfig` (corpus.load does it).

mkdocs itself reads the file again to build the site; every other step asks `corpus.config`.
The file is read without mkdocs (its `!!python/name` tags would import code): `!ENV` is resolved
the way mkdocs resolves it, every other Python tag becomes None.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

DEFAULT_SITE_URL = "http://127.0.0.1:8000/"  # mkdocs.yml's own default: `make serve`


@dataclass(frozen=True)
class SiteConfig:
    site_name: str = ""
    site_url: str = DEFAULT_SITE_URL  # with a trailing slash
    repo_url: str | None = None  # without a trailing slash
    reference_date: dt.date | str | None = None  # extra.reference_date, as written (checked by gitinfo)
    custom_dir: str | None = None  # theme.custom_dir: the project's templates (overrides/)
    # extra.contact: where readers send comments about the site (name, email, phone, address,
    # note); empty unless the site's maintainers publish one
    contact: dict[str, str] = field(default_factory=dict)
    # extra.data_license: the licence of the open data (name, url); empty: the page says none is published
    data_license: dict[str, str] = field(default_factory=dict)
    # extra.live_since: the day this site went public. Only plans first committed on or after it
    # (and not issued before it) count the site's own publication as their disclosure date.
    live_since: dt.date | None = None
    # extra.search_shards: the search index in that many bundles (1: one index); None: decided
    # by the size of the corpus (publish/searchindex.shards_for)
    search_shards: int | None = None


if TYPE_CHECKING:
    _Base = yaml.SafeLoader
else:  # libyaml's parser when PyYAML has it (same constructors): mkdocs.yml read in 3 ms, not 15
    _Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):
    pass


def _env_tag(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    # mkdocs' !ENV [VAR, …, default]: first set variable, else the last item as default
    if isinstance(node, yaml.SequenceNode):
        items = loader.construct_sequence(node)
    elif isinstance(node, yaml.ScalarNode):
        items = [loader.construct_scalar(node)]
    else:
        return None
    for name in items[:-1] if len(items) > 1 else items:
        if isinstance(name, str) and os.environ.get(name):
            return os.environ[name]
    return items[-1] if len(items) > 1 else None


_Loader.add_constructor("!ENV", _env_tag)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def read(root: Path) -> SiteConfig:
    """The project's mkdocs.yml (defaults when there is none)."""
    path = root / "mkdocs.yml"
    if not path.is_file():
        return SiteConfig()
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader) or {}  # a SafeLoader subclass
    url = str(data.get("site_url") or DEFAULT_SITE_URL)
    repo = data.get("repo_url")
    theme: dict[str, Any] = data["theme"] if isinstance(data.get("theme"), dict) else {}
    extra: dict[str, Any] = data["extra"] if isinstance(data.get("extra"), dict) else {}
    custom = theme.get("custom_dir")
    contact = _strings(extra.get("contact"), ("name", "email", "phone", "address", "note"))
    licence = _strings(extra.get("data_license"), ("name", "url"))
    return SiteConfig(
        site_name=str(data.get("site_name") or ""),
        site_url=url if url.endswith("/") else url + "/",
        repo_url=str(repo).rstrip("/") if repo else None,
        reference_date=extra.get("reference_date") or None,
        custom_dir=str(custom) if custom else None,
        contact=contact,
        data_license=licence,
        live_since=_date(extra.get("live_since")),
        search_shards=_count(extra.get("search_shards")),
    )


def _strings(value: Any, keys: tuple[str, ...]) -> dict[str, str]:
    """The string values of `keys` in a mapping of mkdocs.yml (anything else is ignored)."""
    if not isinstance(value, dict):
        return {}
    return {
        k: " ".join(str(value[k]).split())
        for k in keys
        if isinstance(value.get(k), str | int) and str(value[k]).strip()
    }


def _count(value: object) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 64:
        return value
    from .errors import UsageError

    raise UsageError(
        f"Lỗi: mkdocs.yml (extra.search_shards) = “{value}” không phải một số nguyên từ 1 đến 64 "
        "(số phần của chỉ mục tìm kiếm; bỏ trống để trình dựng tự chọn theo cỡ nội dung)."
    )


def _date(value: object) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)) if value else None
    except ValueError:
        from .errors import UsageError

        raise UsageError(
            f"Lỗi: mkdocs.yml (extra.live_since) = “{value}” không phải một ngày dạng NNNN-TT-NN."
        ) from None


LOCAL_HOSTS = ("localhost", "127.", "0.0.0.0", "[::1]", "::1")


def preview_reason(site_url: str) -> str | None:
    """Why `site_url` is not the site's public address (None: it is). A notice's QR code, the
    feeds and the canonical links must never point at a preview address."""
    from urllib.parse import urlsplit

    parts = urlsplit(site_url)
    host = parts.hostname or ""
    if parts.scheme not in ("http", "https") or not host:
        return f"địa chỉ trang “{site_url}” không phải một địa chỉ http(s)://…"
    if host.startswith(LOCAL_HOSTS) or host in ("localhost", "::1") or "." not in host:
        return f"địa chỉ trang “{site_url}” là địa chỉ trên máy này, không phải địa chỉ công khai"
    return None
