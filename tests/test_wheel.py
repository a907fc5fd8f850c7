"""A wheel installed into a fresh virtual environment runs: the command line, the catalogues,
the fonts for the PDF and the window all come from inside the wheel, not from the checkout."""

from __future__ import annotations

import os
import site
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED_CSV = ROOT / "tests" / "fixtures" / "seeds" / "003_d8652e5c4f02bc4c.csv"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (built,) = out.glob("cchc_desktop-*.whl")
    return built


def test_wheel_carries_every_data_folder(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    data = "cchc_desktop/_data/"
    for needed in (
        "resources/catalogue.schema.json",
        "resources/catalogues/so-ban-nganh-2022.json",
        "resources/catalogues/validated.txt",
        "resources/fonts/Tinos-Regular.ttf",
        "resources/fonts/NotoSans-Regular.ttf",
        "resources/fonts/OFL.txt",
        "resources/translations/cchc_en.qm",
        "db/migrations/0001_initial.sql",
        "ui/style.qss",
        "ui/new_report_dialog.ui",
    ):
        assert data + needed in names, needed
    assert any(n.startswith(data + "resources/icons/") and n.endswith(".svg") for n in names)


def test_installed_wheel_runs_outside_the_checkout(wheel: Path, tmp_path: Path) -> None:
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=False)
    bin_dir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    python = bin_dir / "python"
    inner_site = Path(
        subprocess.run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
    )
    # Dependencies come from the test environment (no download); the package itself only from
    # the wheel: its site-packages precede the borrowed ones on sys.path.
    outer = [sysconfig.get_paths()["purelib"], *site.getsitepackages()]
    (inner_site / "zz_borrowed_deps.pth").write_text("\n".join(dict.fromkeys(outer)) + "\n")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "-q",
            "--no-deps",
            "--target",
            str(inner_site),
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "CCHC_DATA_DIR": str(tmp_path / "data")}
    env.pop("PYTHONPATH", None)
    db = str(tmp_path / "w.sqlite3")

    def run(*args: str) -> str:
        done = subprocess.run(
            [str(python), *args], cwd=tmp_path, env=env, capture_output=True, text=True, check=False
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    where = run(
        "-c", "import cchc_desktop.assets as a; print(a.__file__); print(a.resources_dir())"
    )
    assert str(inner_site) in where and "_data" in where and str(ROOT) not in where
    report = run(
        "-m",
        "cchc_desktop",
        "new",
        "--db",
        db,
        "--catalogue",
        "so-ban-nganh-2022",
        "--agency",
        "Sở Thông tin và Truyền thông",
        "--period",
        "2022-Q3",
    ).strip()
    run("-m", "cchc_desktop", "set", report, "--file", str(SEED_CSV), "--db", db)
    pdf = tmp_path / "out.pdf"
    run("-m", "cchc_desktop", "export", report, "--pdf", str(pdf), "--db", db)
    assert pdf.read_bytes().startswith(b"%PDF")
    png = tmp_path / "window.png"
    run(
        "-c",
        "import sys; from cchc_desktop.gui.app import main; sys.exit(main(sys.argv[1:]))",
        "--db",
        db,
        "--screenshot",
        str(png),
        "--report",
        report,
        "--section",
        "2",
    )
    assert png.stat().st_size > 10_000
