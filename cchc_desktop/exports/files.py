"""Writing export files safely and naming them.

A file is written to a temporary file in the same folder, flushed to disk and then renamed
over the target in one step (``os.replace``): the officer never receives half a file, and an
older export is never destroyed by a failed one.

File names are folded to ASCII ("PhuLuc_CCHC_So-Thong-tin-va-Truyen-thong_2022-Q3.pdf").
Windows itself handles Vietnamese names, but the way the file travels does not always: Zalo PC
and some webmail clients have sent attachments with NFD-decomposed or mis-encoded names, the
zip tool built into Windows stores names in the OEM code page (so "Sở" arrives as "S╗Ø" when
the officer unzips a batch), and ASCII names sort and search the same on every machine. The
Vietnamese text lives inside the file, where it is safe.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import unicodedata
from pathlib import Path

from cchc_desktop.durable import fsync_folder
from cchc_desktop.exports import ExportError
from cchc_desktop.store import Report

MAX_AGENCY_CHARS = 60
_WINDOWS_RESERVED = {
    "CON", "PRN", "AUX", "NUL",
    *(f"COM{i}" for i in range(1, 10)),
    *(f"LPT{i}" for i in range(1, 10)),
}  # fmt: skip


def ascii_fold(text: str) -> str:
    """Vietnamese to plain ASCII keeping case: "Sở Lao động" -> "So Lao dong"."""
    text = text.replace("Đ", "D").replace("đ", "d")
    decomposed = unicodedata.normalize("NFKD", text)
    return (
        "".join(c for c in decomposed if not unicodedata.combining(c))
        .encode("ascii", "ignore")
        .decode("ascii")
    )


def safe_name_part(text: str, limit: int = MAX_AGENCY_CHARS) -> str:
    """A piece of a file name: ASCII letters, digits and hyphens only, words joined by "-"."""
    words = re.findall(r"[A-Za-z0-9]+", ascii_fold(text))
    out = ""
    for word in words:
        candidate = f"{out}-{word}" if out else word
        if len(candidate) > limit:
            break
        out = candidate
    if not out and words:  # one very long word
        out = words[0][:limit]
    if out.upper() in _WINDOWS_RESERVED:
        out += "-"
    return out or "Co-quan"


def suggested_filename(report: Report, extension: str) -> str:
    """PhuLuc_CCHC_<agency>_<period>[_BanNhap].<ext>; a draft says so in its name, so a draft
    sent by mistake is noticed before it is opened."""
    ext = extension.lower().lstrip(".")
    draft = "" if report.signed else "_BanNhap"
    return f"PhuLuc_CCHC_{safe_name_part(report.agency)}_{report.period.code}{draft}.{ext}"


def resolve_target(path: str | os.PathLike[str], report: Report, extension: str) -> Path:
    """An existing folder gets the suggested name inside it; a name without the extension
    gets it added."""
    target = Path(path)
    if target.is_dir():
        return target / suggested_filename(report, extension)
    if target.suffix.lower() != f".{extension}":
        target = target.with_name(target.name + f".{extension}")
    return target


def atomic_write(path: str | os.PathLike[str], data: bytes) -> Path:
    """Write ``data`` to ``path`` all or nothing. Raises ExportError with a Vietnamese message."""
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise ExportError(f"Không có thư mục “{folder}” để lưu tệp {target.name}.")
    fd = -1
    temp = ""
    try:
        fd, temp = tempfile.mkstemp(prefix=f".~{target.name[:40]}.", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as fh:
            fd = -1  # now owned by fh
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(temp, target)
        temp = ""
        fsync_folder(folder)
    except OSError as exc:
        raise ExportError(_write_message(target, exc)) from exc
    finally:
        if fd >= 0:
            os.close(fd)
        if temp:
            with contextlib.suppress(OSError):
                os.unlink(temp)
    return target


def _write_message(target: Path, exc: OSError) -> str:
    import errno

    name = target.name
    if exc.errno == errno.ENOSPC:
        return f"Ổ đĩa đã đầy, không lưu được tệp {name}. Hãy giải phóng dung lượng rồi thử lại."
    if isinstance(exc, PermissionError) or exc.errno in (errno.EACCES, errno.EPERM):
        return (
            f"Không ghi được tệp {name}: tệp đang được mở trong chương trình khác (Excel, "
            "trình đọc PDF) hoặc thư mục không cho phép ghi. Hãy đóng tệp hoặc chọn thư mục "
            "khác rồi thử lại."
        )
    if exc.errno == errno.EROFS:
        return f"Thư mục chứa tệp {name} chỉ cho phép đọc. Hãy chọn thư mục khác."
    if exc.errno == errno.ENAMETOOLONG:
        return f"Tên hoặc đường dẫn tệp {name} quá dài. Hãy chọn tên ngắn hơn."
    return f"Không lưu được tệp {name}: {exc.strerror or exc}."
