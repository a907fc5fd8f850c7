"""Rewrite resources/catalogues/validated.txt after a built-in catalogue or the schema changed.

Each built-in catalogue is validated against the JSON Schema here, for real; only then is its key
written. The app skips the schema pass for content whose key is listed (identical bytes)."""

from __future__ import annotations

import json

from cchc_desktop import catalogue
from cchc_desktop.assets import resources_dir


def main() -> None:
    folder = resources_dir() / "catalogues"
    keys = []
    for path in sorted(folder.glob("*.json")):
        data = json.loads(path.read_bytes().decode("utf-8-sig"))
        errors = list(catalogue._validator().iter_errors(data))
        if errors:
            raise SystemExit(f"{path.name}: {errors[0].message}")
        catalogue.load_catalogue(data, source=path.name)  # the meaning checks too
        keys.append(f"{catalogue.validation_key(data)}  {path.name}")
    header = "# schema-digest:content-digest per built-in catalogue (tools/update_validated.py)\n"
    (folder / "validated.txt").write_text(header + "\n".join(keys) + "\n", encoding="ascii")
    print(f"{len(keys)} catalogues validated")


if __name__ == "__main__":
    main()
