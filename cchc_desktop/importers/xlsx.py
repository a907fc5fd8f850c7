"""Loading an appendix workbook exported by this program back into the store.

The file is treated as hostile until proven otherwise: its size and the sizes in its zip
directory are checked before anything is decompressed (a zip bomb never gets inflated), the
zip is verified, and only then does openpyxl read it. Every value must be text in the form
the store writes; the heading and entries must hash to the checksum (and, for a signed
report, the fingerprint) written at export. Nothing is saved unless all of it is right, and
then it is saved in one transaction.
"""

from __future__ import annotations

import base64
import binascii
import io
import json
import os
import warnings
import zipfile
import zlib
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from cchc_desktop.catalogue import Catalogue
from cchc_desktop.exports.xlsx import (
    DATA_HEADERS,
    ENCODED_COLUMN,
    FORMAT_MARKER,
    FORMAT_VERSION,
    PROP,
    SHEET_DATA,
    checksum,
)
from cchc_desktop.importers import ImportFormatError, ImportRefusedError
from cchc_desktop.periods import Period, PeriodError
from cchc_desktop.store import (
    DRAFT,
    SIGNED,
    Entry,
    NotFoundError,
    Report,
    Store,
    compute_fingerprint,
)
from cchc_desktop.values import ValueInputError, parse_value

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 100 * 1024 * 1024
MAX_MEMBER_BYTES = 60 * 1024 * 1024
MAX_MEMBERS = 100
MAX_TEXT_CHARS = 1_000_000
REQUIRED_MEMBERS = ("[Content_Types].xml", "xl/workbook.xml")

NOT_OURS = (
    "Tệp {name} không phải phụ lục xuất từ CCHC Desktop (thiếu thông tin nhận dạng). "
    "Chỉ nhập được tệp Excel do chương trình này xuất ra."
)


@dataclass(frozen=True)
class _Props:
    values: dict[str, str]
    name: str

    def get(self, key: str, *, required: bool = False) -> str:
        value = self.values.get(key, "")
        if required and not value:
            raise ImportFormatError(f"Tệp {self.name}: thiếu thông tin “{key}” của báo cáo.")
        return value

    def date(self, key: str) -> date | None:
        text = self.get(key)
        if not text:
            return None
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise ImportFormatError(
                f"Tệp {self.name}: ngày “{text[:20]}” ({key}) không hợp lệ."
            ) from None


def import_xlsx(store: Store, path: str | os.PathLike[str]) -> int:
    """Recreate the report held in an exported workbook; returns the new report's id.

    Raises ImportFormatError (not ours, damaged, malformed) or ImportRefusedError (unknown
    catalogue, edited after export) with a Vietnamese message; nothing is saved then."""
    report = read_xlsx(store, path)
    try:
        return store.import_report(report)
    except ValueInputError as exc:  # the store's own checks, should the file get past ours
        raise ImportFormatError(f"Tệp {Path(path).name}: {exc}") from None


def read_xlsx(store: Store, path: str | os.PathLike[str]) -> Report:
    """Read and verify an exported workbook into a Report (id 0) without saving it."""
    path = Path(path)
    name = path.name
    data = _read_bytes(path)
    _check_zip(data, name)
    workbook = _open_workbook(data, name)
    try:
        props = _Props(_custom_properties(workbook, name), name)
        if props.get("format") != FORMAT_MARKER:
            raise ImportFormatError(NOT_OURS.format(name=name))
        if props.get("version") != FORMAT_VERSION:
            raise ImportRefusedError(
                f"Tệp {name} được tạo bởi phiên bản CCHC Desktop khác (định dạng "
                f"{props.get('version')[:10]}). Hãy cập nhật chương trình rồi nhập lại."
            )
        catalogue = _catalogue(store, props)
        if SHEET_DATA not in workbook.sheetnames:
            raise ImportFormatError(f"Tệp {name}: không có trang “{SHEET_DATA}”.")
        try:
            entries = _read_entries(workbook[SHEET_DATA], catalogue, name)
        except (ImportFormatError, ImportRefusedError):
            raise
        except Exception:  # read-only openpyxl parses the sheet's XML only now, row by row
            raise _damaged(name) from None
    finally:
        workbook.close()
    report = _build_report(props, catalogue, entries)
    _verify(report, props)
    return report


# -- the container -----------------------------------------------------------------------------


def _read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise ImportFormatError(f"“{path}” không phải là một tệp.")
        if size > MAX_FILE_BYTES:
            raise ImportFormatError(
                f"Tệp {path.name} quá lớn ({size // (1024 * 1024)} MB) để là một phụ lục "
                "xuất từ CCHC Desktop."
            )
        return path.read_bytes()
    except FileNotFoundError:
        raise ImportFormatError(f"Không tìm thấy tệp {path}.") from None
    except OSError as exc:
        raise ImportFormatError(f"Không đọc được tệp {path}: {exc.strerror or exc}.") from None


def _damaged(name: str) -> ImportFormatError:
    return ImportFormatError(
        f"Tệp {name} không phải tệp Excel (.xlsx) hợp lệ hoặc đã bị hỏng (có thể tải về chưa "
        "hết). Hãy xin gửi lại tệp."
    )


def _check_zip(data: bytes, name: str) -> None:
    """Refuse anything that is not a sane, intact zip before it is decompressed."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    # NotImplementedError: a damaged directory entry claiming a zip version from the future.
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, NotImplementedError):
        raise _damaged(name) from None
    with archive:
        members = archive.infolist()
        if len(members) > MAX_MEMBERS:
            raise ImportFormatError(f"Tệp {name} có quá nhiều thành phần ({len(members)}).")
        total = 0
        for member in members:
            if member.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                raise _damaged(name)
            if member.file_size > MAX_MEMBER_BYTES:
                raise ImportFormatError(
                    f"Tệp {name}: thành phần {member.filename[:60]} giải nén ra quá lớn."
                )
            total += member.file_size
        if total > MAX_UNCOMPRESSED_BYTES:
            raise ImportFormatError(f"Tệp {name}: dữ liệu giải nén ra quá lớn ({total} byte).")
        names = {m.filename for m in members}
        if not all(required in names for required in REQUIRED_MEMBERS):
            raise _damaged(name)
        if "docProps/custom.xml" not in names:
            raise ImportFormatError(NOT_OURS.format(name=name))
        try:
            # Reading every member checks its CRC; zipfile never inflates past the size the
            # directory declares, and those sizes were bounded above.
            bad = archive.testzip()
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError, NotImplementedError):
            raise _damaged(name) from None
        if bad is not None:
            raise _damaged(name)


def _open_workbook(data: bytes, name: str) -> Any:
    from openpyxl import load_workbook

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about styles it cannot read
            return load_workbook(
                io.BytesIO(data), read_only=True, data_only=False, keep_links=False
            )
    except Exception:  # openpyxl raises many kinds for a malformed part
        raise _damaged(name) from None


def _decode_exact(text: str, where: str) -> Any:
    try:
        return json.loads(base64.b64decode(text.encode("ascii"), validate=True).decode("utf-8"))
    except (binascii.Error, UnicodeError, ValueError, RecursionError):
        raise ImportFormatError(f"{where}: dữ liệu mã hóa bị hỏng.") from None


def _custom_properties(workbook: Any, name: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for prop in workbook.custom_doc_props:
        key = str(prop.name or "")
        if not key.startswith(PROP):
            continue
        key = key[len(PROP) :]
        value = prop.value
        if value is None:
            value = ""
        if not isinstance(value, str):
            raise ImportFormatError(f"Tệp {name}: thông tin “{key}” sai kiểu dữ liệu.")
        if key.endswith(".b64"):
            key = key[: -len(".b64")]
            decoded = _decode_exact(value, f"Tệp {name}, thông tin “{key}”")
            if not isinstance(decoded, str):
                raise ImportFormatError(f"Tệp {name}: thông tin “{key}” sai kiểu dữ liệu.")
            value = decoded
        out[key] = value
    return out


def _catalogue(store: Store, props: _Props) -> Catalogue:
    catalogue_id = props.get("catalogue", required=True)
    digest = props.get("catalogue_digest", required=True)
    try:
        catalogue = store.catalogue_by_digest(digest)
    except NotFoundError:
        raise ImportRefusedError(
            f"Tệp {props.name} được lập theo danh mục chỉ tiêu “{catalogue_id[:60]}” (phiên bản "
            f"{props.get('catalogue_version')[:20] or '?'}) mà máy này chưa có. Hãy cài danh mục "
            "đó (Danh mục → Nhập danh mục) rồi nhập lại tệp."
        ) from None
    if catalogue.id != catalogue_id:
        raise ImportFormatError(f"Tệp {props.name}: mã danh mục không khớp với dấu danh mục.")
    return catalogue


# -- the data sheet ----------------------------------------------------------------------------


def _read_entries(sheet: Any, catalogue: Catalogue, name: str) -> dict[str, Entry]:
    limit = len(catalogue.by_code) + 1
    # Bounded reads: a hostile sheet may declare a million rows or columns.
    max_col = ENCODED_COLUMN + (4 * MAX_TEXT_CHARS) // 32000 + 2
    rows = sheet.iter_rows(max_row=limit + 2, max_col=max_col)
    try:
        header = next(rows)
    except StopIteration:
        raise ImportFormatError(f"Tệp {name}: trang “{SHEET_DATA}” trống.") from None
    titles = [c.value for c in header[: len(DATA_HEADERS)]]
    if titles != list(DATA_HEADERS):
        raise ImportFormatError(
            f"Tệp {name}: trang “{SHEET_DATA}” không đúng mẫu (dòng tiêu đề đã bị sửa)."
        )
    entries: dict[str, Entry] = {}
    seen: set[str] = set()
    for number, row in enumerate(rows, start=2):
        if number > limit + 1:
            raise ImportFormatError(
                f"Tệp {name}: trang “{SHEET_DATA}” có nhiều dòng hơn số chỉ tiêu của danh mục."
            )
        cells = list(row)
        if all(getattr(c, "value", None) in (None, "") for c in cells):
            continue
        where = f"Tệp {name}, trang “{SHEET_DATA}”, dòng {number}"
        texts = [_text(c, f"{where}, cột {_column(i)}") for i, c in enumerate(cells)]
        code = texts[0] if texts else None
        if not code:
            raise ImportFormatError(f"{where}: thiếu mã chỉ tiêu.")
        item = catalogue.by_code.get(code)
        if item is None:
            raise ImportFormatError(
                f"{where}: mã chỉ tiêu “{code[:40]}” không có trong danh mục {catalogue.id}."
            )
        if code in seen:
            raise ImportFormatError(f"{where}: mã chỉ tiêu {code} lặp lại.")
        seen.add(code)
        value, note, pending = _cell_values(texts, where)
        if item.kind != "value":
            value = None  # a computed value is worked out again; a group holds none
            if pending is not None:
                raise ImportFormatError(f"{where}: {item.ref()} không nhập được số liệu.")
        elif value is not None:
            try:
                canonical = parse_value(item, value)
            except ValueInputError as exc:
                raise ImportFormatError(f"{where}: {exc}") from None
            if canonical != value:
                raise ImportFormatError(
                    f"{where}: {item.ref()}: giá trị “{value[:40]}” không đúng dạng đã lưu."
                )
        if value is not None or pending is not None or note:
            entries[code] = Entry(value, pending, note)
    return entries


def _column(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return str(get_column_letter(index + 1))


def _text(cell: Any, where: str) -> str | None:
    """A cell that must be text (or empty): numbers, dates and formulas are refused."""
    value = getattr(cell, "value", None)
    if value is None:
        return None
    if getattr(cell, "data_type", "s") == "f":
        raise ImportFormatError(f"{where}: là công thức, không phải dữ liệu xuất từ chương trình.")
    if not isinstance(value, str):
        raise ImportFormatError(
            f"{where}: phải là chữ (văn bản), không phải {type(value).__name__}."
        )
    if len(value) > MAX_TEXT_CHARS:
        raise ImportFormatError(f"{where}: nội dung quá dài.")
    return value


def _cell_values(texts: list[str | None], where: str) -> tuple[str | None, str, str | None]:
    """(value, note, pending) from the readable columns, or from the exact base64 form."""

    def at(column: int) -> str | None:  # 1-based
        return texts[column - 1] if len(texts) >= column else None

    encoded = "".join(t for t in texts[ENCODED_COLUMN - 1 :] if t)
    if encoded:
        if len(encoded) > 4 * MAX_TEXT_CHARS:
            raise ImportFormatError(f"{where}: nội dung quá dài.")
        data = _decode_exact(encoded, where)
        if not isinstance(data, dict) or set(data) != {"value", "note", "pending"}:
            raise ImportFormatError(f"{where}: dữ liệu mã hóa không đúng mẫu.")
        value, note, pending = data["value"], data["note"], data["pending"]
        if not (
            (value is None or isinstance(value, str))
            and isinstance(note, str)
            and (pending is None or isinstance(pending, str))
        ):
            raise ImportFormatError(f"{where}: dữ liệu mã hóa sai kiểu.")
        return value, note, pending
    return at(5), at(6) or "", at(7)


# -- the report --------------------------------------------------------------------------------


def _build_report(props: _Props, catalogue: Catalogue, entries: dict[str, Entry]) -> Report:
    status = props.get("status", required=True)
    if status not in (DRAFT, SIGNED):
        raise ImportFormatError(f"Tệp {props.name}: trạng thái “{status[:20]}” không hợp lệ.")
    try:
        period = Period.parse(props.get("period", required=True))
    except PeriodError as exc:
        raise ImportFormatError(f"Tệp {props.name}: {exc}") from None
    signed = status == SIGNED
    report = Report(
        id=0,
        catalogue=catalogue,
        agency=props.get("agency", required=True),
        superior=props.get("superior"),
        place=props.get("place"),
        period=period,
        report_no=props.get("report_no"),
        report_date=props.date("report_date"),
        status=status,
        signer=props.get("signer", required=signed) or None,
        signer_title=props.get("signer_title", required=signed) or None,
        signed_date=props.date("signed_date"),
        fingerprint=props.get("fingerprint", required=signed) or None,
        created_at="",
        updated_at="",
        entries=entries,
    )
    if signed and report.signed_date is None:
        raise ImportFormatError(f"Tệp {props.name}: báo cáo đã ký nhưng thiếu ngày ký.")
    return report


def _verify(report: Report, props: _Props) -> None:
    edited = (
        f"Tệp {props.name} đã bị sửa sau khi xuất từ CCHC Desktop: nội dung không còn khớp "
        "với dấu kiểm tra"
    )
    if report.signed and compute_fingerprint(report) != report.fingerprint:
        raise ImportRefusedError(
            f"{edited} lúc ký. Không nhập tệp này; hãy đề nghị cơ quan gửi lại bản đã ký."
        )
    if checksum(report) != props.get("checksum", required=True):
        raise ImportRefusedError(f"{edited}. Không nhập tệp này; hãy đề nghị cơ quan gửi lại.")
