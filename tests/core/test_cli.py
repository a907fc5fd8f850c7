"""The `cchc` command line, exactly as others build on it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from cchc_desktop.cli import main
from tests.conftest import SEEDS, Cli


def new(cli: Cli, catalogue: str = "so-ban-nganh-2022") -> str:
    code, out, err = cli(
        "new",
        "--catalogue",
        catalogue,
        "--agency",
        "Sở Lao động - Thương binh và Xã hội",
        "--period",
        "2023-Q1",
        "--report-no",
        "/BC-SLĐTBXH",
        "--report-date",
        "2023-03-14",
    )
    assert code == 0, err
    assert out.strip().isdigit()  # the new id alone
    return out.strip()


def test_catalogues_list_and_show(cli: Cli) -> None:
    listed = cli.json("catalogues", "--json")
    assert {"id", "title"} <= set(listed[0])
    shown = cli.json("catalogues", "show", "so-ban-nganh-2022", "--json")
    assert shown["sections"][0]["title"] == "Công tác chỉ đạo điều hành CCHC"
    items = [i for s in shown["sections"] for i in s["items"]]
    for item in items:
        assert {"code", "stt", "name", "unit", "kind", "type"} <= set(item)
        assert item["kind"] in ("group", "value", "computed")
        assert item["type"] in (None, "integer", "decimal", "percent", "choice", "text")
        if item["type"] == "choice":
            assert all({"code", "label"} == set(c) for c in item["choices"])


def test_full_round_of_a_seed(cli: Cli) -> None:
    report = new(cli)
    assert cli("set", report, "--file", str(SEEDS / "001_e074a215dda75db3.csv"))[0] == 0
    shown = cli.json("show", report, "--json")
    assert {"id", "catalogue", "agency", "period", "status", "values"} <= set(shown)
    assert shown["period"] == "2023-Q1" and shown["status"] == "draft"
    by_code = {v["code"]: v for v in shown["values"]}
    assert by_code["SBN22_002"]["value"] == pytest.approx(33.33)
    assert by_code["SBN22_002"]["display"] == "33,33"
    assert by_code["SBN22_002"]["note"] == "Kế hoạch số 72/KH-SLĐTBXH ngày 28/12/2022"
    code, out, _ = cli("validate", report, "--json")
    problems = json.loads(out)
    assert code == 1 and problems["errors"] and all(p["message"] for p in problems["errors"])
    assert cli("sign-off", report, "--signer", "Nguyễn Văn A", "--title", "GIÁM ĐỐC")[0] == 1


def test_set_value_and_clear(cli: Cli) -> None:
    report = new(cli)
    assert cli("set", report, "SBN22_003", "46.104", "--note", "Kế hoạch số 02")[0] == 0
    by_code = {v["code"]: v for v in cli.json("show", report, "--json")["values"]}
    assert by_code["SBN22_003"]["value"] == 46104 and by_code["SBN22_003"]["display"] == "46.104"
    assert cli("set", report, "SBN22_003", "")[0] == 0
    by_code = {v["code"]: v for v in cli.json("show", report, "--json")["values"]}
    assert by_code["SBN22_003"]["value"] is None


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("SBN22_003", "05/05"), "không phải là một số"),
        (("SBN22_002", "50"), "tính tự động"),
        (("NOPE_1", "5"), "không có chỉ tiêu"),
    ],
)
def test_bad_values_exit_2_with_a_message(cli: Cli, args: tuple[str, str], message: str) -> None:
    report = new(cli)
    code, out, err = cli("set", report, *args)
    assert code == 2 and message in err and "Traceback" not in err and out == ""


def test_bad_csv_row_refuses_whole_file(cli: Cli, tmp_path: Path) -> None:
    report = new(cli)
    values = tmp_path / "values.csv"
    values.write_text(
        "code,value,note\nSBN22_003,21,\nSBN22_004,7,\nSBN22_005,abc,\n", encoding="utf-8"
    )
    code, _, err = cli("set", report, "--file", str(values))
    assert code == 2 and "Dòng 3" in err
    assert all(v["value"] is None for v in cli.json("show", report, "--json")["values"])


def test_sign_off_and_reopen(cli: Cli) -> None:
    report = new(cli)
    assert cli("set", report, "--file", str(SEEDS / "003_d8652e5c4f02bc4c.csv"))[0] == 0
    code, _, err = cli(
        "sign-off", report, "--signer", "Lê Văn C", "--title", "GIÁM ĐỐC", "--date", "2022-09-15"
    )
    assert code == 0, err
    code, _, err = cli("set", report, "SBN22_003", "1")
    assert code == 1 and "đã ký" in err
    assert cli.json("show", report, "--json")["status"] == "signed"
    assert cli("reopen", report)[0] == 0
    assert cli("set", report, "SBN22_003", "1")[0] == 0


@pytest.mark.parametrize(
    "args",
    [
        ("new", "--catalogue", "so-ban-nganh-2022", "--agency", "X", "--period", "2023-Q5"),
        ("new", "--catalogue", "khong-co", "--agency", "X", "--period", "2023-Q1"),
        ("new", "--catalogue", "so-ban-nganh-2022", "--agency", " ", "--period", "2023-Q1"),
        (
            "new",
            "--catalogue",
            "so-ban-nganh-2022",
            "--agency",
            "X",
            "--period",
            "2023-Q1",
            "--report-date",
            "15/9/2022",
        ),
        ("show", "999"),
        ("show", "abc"),
        ("frobnicate",),
    ],
)
def test_usage_errors_exit_2(cli: Cli, args: tuple[str, ...]) -> None:
    code, _, err = cli(*args)
    assert code == 2 and err.strip() and "Traceback" not in err


def test_catalogue_import(cli: Cli, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": 1, "id": "x"}', encoding="utf-8")
    code, _, err = cli("catalogues", "import", str(bad))
    assert code == 2 and "bad.json" in err and "thiếu trường bắt buộc" in err


def test_db_option_before_or_after_the_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "before.sqlite3")
    assert (
        main(
            [
                "--db",
                db,
                "new",
                "--catalogue",
                "co-quan-tw-2021",
                "--agency",
                "BHXH",
                "--period",
                "2021-Y",
            ]
        )
        == 0
    )
    capsys.readouterr()
    assert main(["list", "--json", "--db", db]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 1
    assert main(["--db", db, "list", "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 1


def test_console_script_and_module_run(tmp_path: Path) -> None:
    db = str(tmp_path / "c.sqlite3")
    for command in (
        [sys.executable, "-m", "cchc_desktop"],
        [str(Path(sys.executable).parent / "cchc")],
    ):
        if not Path(command[0]).exists():
            continue
        done = subprocess.run(
            [*command, "catalogues", "--json", "--db", db],
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        assert len(json.loads(done.stdout)) >= 4
