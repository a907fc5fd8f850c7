"""Fuzzing `cchc import` (cchc_desktop.importers.xlsx): a file from elsewhere is hostile.

Random bytes, a real export damaged byte by byte, its zip members dropped or renamed, its
XML broken, cells changed to other text, numbers, formulas or unknown codes, properties
edited, entity bombs: the importer either refuses with ImportFormatError / ImportRefusedError
(a Vietnamese message naming the file) and saves nothing, or — when the change did not touch
the content — imports exactly the report that was exported. Never another exception.
"""

from __future__ import annotations

import io
import re
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cchc_desktop.cli import report_json
from cchc_desktop.exports.xlsx import export_xlsx
from cchc_desktop.importers import ImportFormatError, ImportRefusedError
from cchc_desktop.importers.xlsx import import_xlsx
from cchc_desktop.store import Store
from tests.conftest import make_seed_report
from tests.reliability.conftest import READABLE_FAILURES
from tests.reliability.figures import record

pytestmark = READABLE_FAILURES

SEED = "003_d8652e5c4f02bc4c"
FAST = settings(max_examples=200, deadline=None)
SLOWER = settings(max_examples=100, deadline=None)  # each example goes through openpyxl
DATA_SHEET = "xl/worksheets/sheet2.xml"
PROPERTIES = "docProps/custom.xml"
ZIP_MAGIC = b"PK\x03\x04"


class Target:
    """One store, one exported workbook, and what importing a fuzzed copy did."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.store = Store.open(folder / "cchc.sqlite3")
        self.report_id = make_seed_report(self.store, SEED)
        self.good = export_xlsx(self.store, self.report_id, folder / "goc.xlsx").read_bytes()
        with zipfile.ZipFile(io.BytesIO(self.good)) as archive:
            self.members = {m.filename: archive.read(m) for m in archive.infolist()}
        self.expected = self._content(self.report_id)

    def _content(self, report_id: int) -> dict[str, Any]:
        data = report_json(self.store, report_id)
        data.pop("id")
        return data

    def reports(self) -> int:
        return int(self.store.conn.execute("SELECT COUNT(*) FROM reports").fetchone()[0])

    def try_import(self, data: bytes, name: str = "phu-luc.xlsx") -> str:
        """Import the bytes; returns "refused" or "accepted", checking either outcome."""
        path = self.folder / name
        path.write_bytes(data)
        before = self.reports()
        try:
            new_id = import_xlsx(self.store, path)
        except (ImportFormatError, ImportRefusedError) as exc:
            message = str(exc)
            assert name in message, message
            assert self.reports() == before  # nothing saved
            record("import files rejected")
            return "refused"
        assert self._content(new_id) == self.expected  # only a change that meant nothing
        self.store.delete_report(new_id)
        record("import files accepted unchanged")
        return "accepted"


@pytest.fixture(scope="module")
def target(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Target]:
    made = Target(tmp_path_factory.mktemp("import-fuzz"))
    yield made
    made.store.close()


def rezip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return out.getvalue()


def test_the_untouched_export_imports(target: Target) -> None:
    assert target.try_import(target.good) == "accepted"
    assert target.try_import(rezip(target.members)) == "accepted"  # repacked: same content


@FAST
@given(data=st.one_of(st.binary(max_size=4000), st.binary(max_size=4000).map(ZIP_MAGIC.__add__)))
def test_random_bytes(target: Target, data: bytes) -> None:
    record("fuzz inputs tried: import random bytes")
    assert target.try_import(data) == "refused"


@FAST
@given(draw=st.data())
def test_a_real_export_damaged_byte_by_byte(target: Target, draw: Any) -> None:
    record("fuzz inputs tried: import damaged bytes")
    data = bytearray(target.good)
    how = draw.draw(st.sampled_from(["flip", "truncate", "insert", "zero run"]))
    if how == "flip":
        for _ in range(draw.draw(st.integers(1, 8))):
            data[draw.draw(st.integers(0, len(data) - 1))] ^= draw.draw(st.integers(1, 255))
    elif how == "truncate":
        data = data[: draw.draw(st.integers(0, len(data) - 1))]
    elif how == "insert":
        at = draw.draw(st.integers(0, len(data)))
        data[at:at] = draw.draw(st.binary(min_size=1, max_size=64))
    else:
        at = draw.draw(st.integers(0, len(data) - 1))
        data[at : at + draw.draw(st.integers(1, 512))] = b"\0" * 512
    target.try_import(bytes(data))


def test_a_directory_entry_from_a_future_zip_version_is_refused(target: Target) -> None:
    """Found by the test above: zipfile raises NotImplementedError, not BadZipFile, when a
    damaged central directory entry asks for a zip version it does not know (8.4)."""
    data = bytearray(target.good)
    entry = data.rfind(b"PK\x01\x02")  # the last central directory entry
    data[entry + 6] = 84  # "version needed to extract"
    assert target.try_import(bytes(data)) == "refused"


CELL = re.compile(rb"<c r=\"([A-H])(\d+)\"([^>]*)>(.*?)</c>", re.S)
TEXTS = st.one_of(
    st.text(max_size=40),
    st.sampled_from(
        ["SBN22_999", "SBN22_003", "", "=1+1", "46.000", "1e5", "-5", "Có", "None", "0" * 5000]
    ),
)


def _escape(text: str) -> bytes:
    text = "".join(c for c in text if c in "\t\n\r" or ord(c) >= 0x20)  # XML 1.0 characters
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").encode()


def mutate_members(members: dict[str, bytes], draw: Any) -> dict[str, bytes]:
    """One change inside the zip, which stays a valid zip."""
    changed = dict(members)
    op = draw.draw(
        st.sampled_from(
            [
                "cell text",
                "cell number",
                "cell formula",
                "drop row",
                "copy row",
                "property",
                "drop member",
                "rename member",
                "xml bytes",
                "sheet name",
                "entity bomb",
            ]
        )
    )
    sheet = changed[DATA_SHEET]
    cells = list(CELL.finditer(sheet))
    if op in ("cell text", "cell number", "cell formula"):
        cell = draw.draw(st.sampled_from(cells))
        ref = cell.group(1) + cell.group(2)
        if op == "cell text":
            text = _escape(draw.draw(TEXTS))
            new = b'<c r="' + ref + b'" t="inlineStr"><is><t>' + text + b"</t></is>"
        elif op == "cell number":
            number = draw.draw(st.one_of(st.integers(), st.floats(allow_nan=False)))
            new = b'<c r="' + ref + b'" t="n"><v>' + repr(number).encode() + b"</v>"
        else:
            new = b'<c r="' + ref + b'"><f>SUM(E2:E9)</f><v>0</v>'
        sheet = sheet[: cell.start()] + new + b"</c>" + sheet[cell.end() :]
        changed[DATA_SHEET] = sheet
    elif op in ("drop row", "copy row"):
        rows = list(re.finditer(rb"<row [^>]*>.*?</row>", sheet, re.S))
        row = draw.draw(st.sampled_from(rows[1:]))
        if op == "drop row":
            changed[DATA_SHEET] = sheet[: row.start()] + sheet[row.end() :]
        else:
            changed[DATA_SHEET] = sheet[: row.start()] + row.group(0) + sheet[row.start() :]
    elif op == "property":
        props = changed[PROPERTIES]
        values = list(re.finditer(rb"<vt:lpwstr>(.*?)</vt:lpwstr>", props, re.S))
        value = draw.draw(st.sampled_from(values))
        new = b"<vt:lpwstr>" + _escape(draw.draw(TEXTS)) + b"</vt:lpwstr>"
        changed[PROPERTIES] = props[: value.start()] + new + props[value.end() :]
    elif op == "drop member":
        del changed[draw.draw(st.sampled_from(sorted(changed)))]
    elif op == "rename member":
        name = draw.draw(st.sampled_from(sorted(changed)))
        changed[name + ".bak"] = changed.pop(name)
    elif op == "xml bytes":
        name = draw.draw(st.sampled_from(sorted(changed)))
        content = bytearray(changed[name])
        at = draw.draw(st.integers(0, max(0, len(content) - 1)))
        content[at : at + 4] = draw.draw(st.binary(min_size=1, max_size=4))
        changed[name] = bytes(content)
    elif op == "sheet name":
        changed["xl/workbook.xml"] = changed["xl/workbook.xml"].replace(
            "Dữ liệu".encode(), draw.draw(st.sampled_from(["Data", "Dữ liệu ", "Sheet1"])).encode()
        )
    else:  # billion laughs in the properties: expat's amplification limit must stop it
        bomb = (
            b'<?xml version="1.0"?><!DOCTYPE p [<!ENTITY a "aaaaaaaaaa">'
            + b"".join(
                b'<!ENTITY %s "%s">' % (bytes([98 + n]), (b"&" + bytes([97 + n]) + b";") * 10)
                for n in range(9)
            )
            + b"]>"
        )
        changed[PROPERTIES] = bomb + changed[PROPERTIES].split(b"?>", 1)[-1].replace(
            b"<vt:lpwstr>", b"<vt:lpwstr>&j;", 1
        )
    return changed


@SLOWER
@given(draw=st.data())
def test_a_real_export_edited_inside(target: Target, draw: Any) -> None:
    record("fuzz inputs tried: import edited inside")
    started = time.monotonic()
    target.try_import(rezip(mutate_members(target.members, draw)))
    assert time.monotonic() - started < 5  # no bomb ever goes off


def test_an_external_entity_is_never_read(target: Target, tmp_path: Path) -> None:
    secret = tmp_path / "bi-mat.txt"
    secret.write_text("MẬT KHẨU 1234", encoding="utf-8")
    members = dict(target.members)
    props = members[PROPERTIES].split(b"?>", 1)[-1]
    members[PROPERTIES] = (
        b'<?xml version="1.0"?><!DOCTYPE p [<!ENTITY x SYSTEM "'
        + secret.as_uri().encode()
        + b'">]>'
        + props.replace(b"<vt:lpwstr>", b"<vt:lpwstr>&x;", 1)
    )
    assert target.try_import(rezip(members)) == "refused"
    assert "1234" not in report_json(target.store, target.report_id)["agency"]
