"""A large, realistic database for the scale figures: 60 agencies × 4 periods × 10 years.

Written with bulk SQL into the real schema (the store opens and migrates the file first), with
the counters (filled, total, errors, warnings) worked out by the real rules, fingerprints on the
signed-off reports and a history row per value, as ``set_many`` would leave them. Cached under
bench/.cache/, keyed by everything that would change its content.
"""

from __future__ import annotations

import hashlib
import json
import random
import sqlite3
import time
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from bench.common import CACHE, SEEDS
from cchc_desktop import migrations
from cchc_desktop.catalogue import Catalogue, builtin_catalogues
from cchc_desktop.cli import read_values_csv
from cchc_desktop.periods import KINDS, Period
from cchc_desktop.rules import evaluate
from cchc_desktop.store import Entry, Report, Store, compute_fingerprint
from cchc_desktop.values import ValueInputError, parse_value

GENERATOR_VERSION = 5
YEARS = tuple(range(2014, 2024))

# Which seed gives the typical values of each catalogue.
SEED_OF = {
    "so-ban-nganh-2022": "003_d8652e5c4f02bc4c",
    "so-ban-nganh-2021": "002_780415c3b5341ef8",
    "co-quan-tw-2022": "000_b2fffb81b5e4de4a",
    "co-quan-tw-2021": "004_13213d37475705e1",
}

_DEPARTMENTS = (
    "Sở Nội vụ",
    "Sở Tư pháp",
    "Sở Kế hoạch và Đầu tư",
    "Sở Tài chính",
    "Sở Công Thương",
    "Sở Nông nghiệp và Phát triển nông thôn",
    "Sở Giao thông vận tải",
    "Sở Xây dựng",
    "Sở Tài nguyên và Môi trường",
    "Sở Thông tin và Truyền thông",
    "Sở Lao động - Thương binh và Xã hội",
    "Sở Văn hóa, Thể thao và Du lịch",
    "Sở Khoa học và Công nghệ",
    "Sở Giáo dục và Đào tạo",
    "Sở Y tế",
    "Thanh tra tỉnh",
    "Văn phòng UBND tỉnh",
    "Ban Dân tộc",
    "Ban Quản lý các khu công nghiệp",
    "Văn phòng Đoàn ĐBQH và HĐND tỉnh",
)
_DISTRICTS = (
    "thành phố Sóc Trăng",
    "thị xã Vĩnh Châu",
    "thị xã Ngã Năm",
    "huyện Châu Thành",
    "huyện Kế Sách",
    "huyện Mỹ Tú",
    "huyện Cù Lao Dung",
    "huyện Long Phú",
    "huyện Mỹ Xuyên",
    "huyện Thạnh Trị",
    "huyện Trần Đề",
)
_CENTRAL = (
    "Cục Thuế tỉnh Sóc Trăng",
    "Bảo hiểm xã hội tỉnh Sóc Trăng",
    "Kho bạc Nhà nước Sóc Trăng",
    "Cục Thống kê tỉnh Sóc Trăng",
    "Công an tỉnh Sóc Trăng",
    "Cục Hải quan Cần Thơ",
    "Ngân hàng Nhà nước chi nhánh Sóc Trăng",
    "Cục Quản lý thị trường tỉnh Sóc Trăng",
    "Chi cục Thi hành án dân sự tỉnh",
)


def agencies() -> list[tuple[str, str]]:
    """60 (agency, catalogue family): departments and districts fill the so-ban-nganh list,
    branches of central bodies the co-quan-tw one."""
    out = [(name, "so-ban-nganh") for name in _DEPARTMENTS]
    out += [(f"UBND {name}", "so-ban-nganh") for name in _DISTRICTS]
    out += [(name, "co-quan-tw") for name in _CENTRAL]
    # Pad to 60 with the district-level branches of the central bodies.
    for district in _DISTRICTS:
        for body in ("Chi cục Thuế", "Bảo hiểm xã hội"):
            if len(out) < 60:
                out.append((f"{body} {district}", "co-quan-tw"))
    return out[:60]


@dataclass
class Plan:
    """What to generate: ``limit`` cuts the stream (the 10-report comparison database)."""

    limit: int | None = None

    @property
    def name(self) -> str:
        return "scale" if self.limit is None else f"scale-{self.limit}"


def _base_values(catalogue: Catalogue) -> dict[str, tuple[str | None, str | None]]:
    """code → (canonical value, note) from the catalogue's seed; unreadable cells are left out."""
    out: dict[str, tuple[str | None, str | None]] = {}
    for code, raw, note in read_values_csv(str(SEEDS / f"{SEED_OF[catalogue.id]}.csv")):
        item = catalogue.by_code.get(code)
        if item is None:
            continue
        try:
            value = parse_value(item, raw) if item.editable else None
        except ValueInputError:
            value = None
        out[code] = (value, note)
    return out


def _checked_codes(catalogue: Catalogue) -> frozenset[str]:
    """Codes a check or formula reads: varying them independently would break the checks."""
    names: set[str] = set()
    for check in catalogue.checks:
        names |= check.expression.names
    for item in catalogue.computed_order:
        if item.formula is not None:
            names |= item.formula.names
    return frozenset(names)


def _vary(
    catalogue: Catalogue, base: dict[str, tuple[str | None, str | None]], rng: random.Random
) -> dict[str, tuple[str | None, str]]:
    """A plausible report: the seed's free-standing counts varied at random (one in fifty left
    blank); counts a check ties together keep the seed's values, so checks pass as before."""
    checked = _checked_codes(catalogue)
    out: dict[str, tuple[str | None, str]] = {}
    for item in catalogue.items():
        value, note = base.get(item.code, (None, None))
        if item.kind == "group":
            if note:
                out[item.code] = (None, note)
            continue
        if item.kind != "value":
            continue
        if item.code not in checked and item.type == "integer":
            if value is not None:
                value = str(int(int(Decimal(value)) * rng.uniform(0.5, 1.5)))
            else:  # the seed left it blank; a finished report has a number
                value = str(rng.randint(0, 40))
            if rng.random() < 0.02:
                value = None
        out[item.code] = (value, note or "")
    return out


def cache_key() -> str:
    """Changes whenever the schema, a catalogue, a seed or this generator changes."""
    h = hashlib.sha256()
    h.update(f"v{GENERATOR_VERSION} m{migrations.latest_version()}".encode())
    for catalogue in sorted(builtin_catalogues().values(), key=lambda c: c.id):
        h.update(catalogue.digest.encode())
    for seed in sorted(SEED_OF.values()):
        h.update((SEEDS / f"{seed}.csv").read_bytes())
    h.update(Path(__file__).read_bytes())
    return h.hexdigest()[:12]


def path_for(plan: Plan, cache: Path = CACHE) -> Path:
    return cache / f"{plan.name}-{cache_key()}.sqlite3"


def ensure(plan: Plan, cache: Path = CACHE) -> tuple[Path, float | None]:
    """The cached database for ``plan``, generating it if needed; returns (path, seconds spent
    generating or None when it was cached)."""
    path = path_for(plan, cache)
    if path.exists():
        return path, None
    cache.mkdir(parents=True, exist_ok=True)
    key = "[0-9a-f]" * 12  # exactly a key: "scale-*" alone would match "scale-10-…" too
    for stale in [
        *cache.glob(f"{plan.name}-{key}.sqlite3*"),
        *cache.glob(f"{plan.name}-{key}.json"),
    ]:
        stale.unlink()
    tmp = path.with_name(path.name + ".part")
    for leftover in cache.glob(tmp.name + "*"):
        leftover.unlink()
    t0 = time.perf_counter()
    rows = generate(tmp, plan)
    spent = time.perf_counter() - t0
    tmp.replace(path)
    meta = {"generated_s": round(spent, 2), "generated_at": time.strftime("%Y-%m-%d %H:%M"), **rows}
    path.with_suffix(".json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    return path, spent


def generation_info(plan: Plan, cache: Path = CACHE) -> dict[str, object]:
    """How long the cached database took to generate, and what it holds (written beside it)."""
    try:
        data: dict[str, object] = json.loads(
            path_for(plan, cache).with_suffix(".json").read_text("utf-8")
        )
    except (OSError, ValueError):
        return {}
    return data


def generate(path: Path, plan: Plan) -> dict[str, int]:
    """Fill a new database at ``path``; returns the row counts."""
    rng = random.Random(2400)
    store = Store.open(path)
    try:
        catalogues = builtin_catalogues()
        bases = {cid: _base_values(c) for cid, c in catalogues.items()}
        conn = store.conn
        stamp = "2024-01-15T09:00:00+07:00"
        with store.atomic():
            for catalogue in catalogues.values():
                store._remember_catalogue(catalogue, "builtin")
        reports: list[tuple] = []
        entries: list[tuple] = []
        history: list[tuple] = []
        signings: list[tuple] = []
        streams = [(y, k, a) for y in YEARS for k in KINDS for a in agencies()]
        if plan.limit is not None:
            # A new install: the first year-end reports of the first agencies (departments, on
            # the largest catalogue), the same rows the large database holds for them.
            newest = [s for s in streams if s[0] == YEARS[-1] and s[1] == "Y"]
            streams = newest[: plan.limit]
        for report_id, (year, kind, (agency, family)) in enumerate(streams, start=1):
            catalogue = catalogues[f"{family}-{2021 if year <= 2021 else 2022}"]
            values = _vary(catalogue, bases[catalogue.id], rng)
            evaluation = evaluate(catalogue, {c: v for c, (v, _) in values.items()})
            period = Period(year, kind)
            # Reports are dated the 15th of the period's last month (January after the year).
            month = {"Q1": 3, "H1": 6, "Q3": 9, "Y": 1}[kind]
            made = f"{year + (1 if kind == 'Y' else 0)}-{month:02d}-15"
            initials = "".join(w[0] for w in agency.split()[:4]).upper()
            report_no = f"{rng.randint(10, 400)}/BC-{initials}"
            reports.append(
                (
                    report_id,
                    catalogue.id,
                    catalogue.digest,
                    agency,
                    "UBND TỈNH SÓC TRĂNG",
                    "Sóc Trăng",
                    period.code,
                    report_no,
                    made,
                    evaluation.filled,
                    evaluation.total,
                    len(evaluation.errors),
                    len(evaluation.warnings),
                    f"{made}T08:00:00+07:00",
                    stamp,
                )
            )
            history.append((report_id, None, "status", None, "draft", stamp))
            for code, (value, note) in values.items():
                entries.append((report_id, code, value, None, note, stamp))
                if value is not None:
                    history.append((report_id, code, "value", None, value, stamp))
            # Everything but the newest year is signed off, as in a real office.
            if year < YEARS[-1] and not evaluation.errors:
                report = Report(
                    id=report_id,
                    catalogue=catalogue,
                    agency=agency,
                    superior="UBND TỈNH SÓC TRĂNG",
                    place="Sóc Trăng",
                    period=period,
                    report_no=report_no,
                    report_date=date.fromisoformat(made),
                    status="signed",
                    signer="Nguyễn Văn A",
                    signer_title="Giám đốc",
                    signed_date=date.fromisoformat(made),
                    fingerprint=None,
                    created_at=stamp,
                    updated_at=stamp,
                    entries={c: Entry(v, None, n) for c, (v, n) in values.items()},
                )
                signings.append(
                    ("Nguyễn Văn A", "Giám đốc", made, compute_fingerprint(report), report_id)
                )
                history.append((report_id, None, "status", "draft", "signed", stamp))
        with store.atomic():
            conn.executemany(
                "INSERT OR IGNORE INTO agencies (name, superior, place) VALUES (?, ?, ?)",
                [(a, "UBND TỈNH SÓC TRĂNG", "Sóc Trăng") for a, _ in agencies()],
            )
            conn.executemany(
                "INSERT INTO reports (id, catalogue_id, catalogue_digest, agency, superior, place,"
                " period, report_no, report_date, filled, total, errors, warnings, created_at,"
                " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                reports,
            )
            conn.executemany(
                "INSERT INTO entries (report_id, code, value, pending, note, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                entries,
            )
            conn.executemany(
                "INSERT INTO history (report_id, code, field, old, new, at)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                history,
            )
            # Signed last: the lock triggers refuse entries on a signed report.
            conn.executemany(
                "UPDATE reports SET status = 'signed', signer = ?, signer_title = ?,"
                " signed_date = ?, fingerprint = ? WHERE id = ?",
                signings,
            )
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("ANALYZE")
        return {
            "reports": len(reports),
            "entries": len(entries),
            "values": sum(1 for e in entries if e[2] is not None),
            "history": len(history),
            "signed": len(signings),
        }
    finally:
        store.close()


def counts(path: Path) -> dict[str, int]:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return {
            "reports": conn.execute("SELECT count(*) FROM reports").fetchone()[0],
            "values": conn.execute(
                "SELECT count(*) FROM entries WHERE value IS NOT NULL"
            ).fetchone()[0],
            "history": conn.execute("SELECT count(*) FROM history").fetchone()[0],
            "signed": conn.execute(
                "SELECT count(*) FROM reports WHERE status = 'signed'"
            ).fetchone()[0],
            "bytes": path.stat().st_size,
        }
    finally:
        conn.close()
