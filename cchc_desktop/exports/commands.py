"""`cchc export` and `cchc import`, registered with the command line.

Exit codes as the rest of `cchc`: 0 done; 1 refused (a signed report that no longer matches
its fingerprint; a file for an unknown catalogue or edited after export); 2 bad input (no
output asked for, a file that is not ours or is damaged, a folder that cannot be written).
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from cchc_desktop import cli
from cchc_desktop.exports import ExportError, ExportRefusedError
from cchc_desktop.importers import ImportFormatError, ImportRefusedError
from cchc_desktop.store import Store


def _add_export(sub: Any, common: argparse.ArgumentParser) -> None:
    parser = sub.add_parser(
        "export",
        parents=[common],
        help="xuất phụ lục ra PDF (để in, ký) và/hoặc Excel (để gửi)",
        description="Xuất phụ lục của một báo cáo. FILE có thể là một thư mục: tệp được đặt "
        "tên sẵn theo cơ quan và kỳ báo cáo.",
    )
    parser.add_argument("id", type=cli._report_id)
    parser.add_argument("--pdf", metavar="FILE", help="tệp PDF cần ghi")
    parser.add_argument("--xlsx", metavar="FILE", help="tệp Excel cần ghi")
    parser.add_argument("--landscape", action="store_true", help="PDF khổ A4 nằm ngang")


def _add_import(sub: Any, common: argparse.ArgumentParser) -> None:
    parser = sub.add_parser(
        "import",
        parents=[common],
        help="nhập lại một phụ lục từ tệp Excel do CCHC Desktop xuất ra",
    )
    parser.add_argument("file", metavar="FILE.xlsx")


def cmd_export(store: Store, args: argparse.Namespace) -> int:
    # Each exporter is imported only when asked for: openpyxl (which imports numpy when it is
    # installed) costs some 120 ms of a PDF export's 450 ms, reportlab some 80 ms of an Excel one.
    if not args.pdf and not args.xlsx:
        raise cli.UsageError("Cần ít nhất một trong hai: --pdf FILE hoặc --xlsx FILE.")
    if args.landscape and not args.pdf:
        raise cli.UsageError("--landscape chỉ dùng cùng với --pdf.")
    try:
        if args.pdf:
            from cchc_desktop.exports.pdf import export_pdf

            path = export_pdf(store, args.id, args.pdf, landscape=args.landscape)
            print(f"Đã xuất PDF: {path}")
        if args.xlsx:
            from cchc_desktop.exports.xlsx import export_xlsx

            path = export_xlsx(store, args.id, args.xlsx)
            print(f"Đã xuất Excel: {path}")
    except ExportRefusedError as exc:
        raise cli.Refused(str(exc)) from None
    except ExportError as exc:
        raise cli.UsageError(str(exc)) from None
    return cli.EXIT_OK


def cmd_import(store: Store, args: argparse.Namespace) -> int:
    from cchc_desktop.importers.xlsx import import_xlsx

    try:
        report_id = import_xlsx(store, args.file)
    except ImportRefusedError as exc:
        raise cli.Refused(str(exc)) from None
    except ImportFormatError as exc:
        raise cli.UsageError(str(exc)) from None
    sys.stdout.write(f"{report_id}\n")
    return cli.EXIT_OK


cli.register("export", _add_export, cmd_export)
cli.register("import", _add_import, cmd_import)
