#!/usr/bin/python3
"""Validate-only in Python: observations.csv read with the standard csv module, each row checked
against the committed input-observation JSON Schema with jsonschema (Debian's python3-jsonschema).

    /usr/bin/python3 bench/validate.py <observations.csv> <input-observation.schema.json>

Cells are NFC-normalized and trimmed first, as the pipeline's reader does; a header that is not
exactly the schema's columns is an error.
"""
import csv
import json
import sys
import unicodedata

import jsonschema


def main(csv_path: str, schema_path: str) -> int:
    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)
    validator = jsonschema.Draft202012Validator(schema)
    rows = 0
    invalid = 0
    errors = 0
    with open(csv_path, encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        if sorted(reader.fieldnames or []) != sorted(schema["properties"]):
            print(f"validate.py: header {reader.fieldnames} is not the schema's columns", file=sys.stderr)
            return 1
        for record in reader:
            rows += 1
            row = {k: unicodedata.normalize("NFC", v).strip() for k, v in record.items()}
            found = sum(1 for _ in validator.iter_errors(row))
            if found:
                invalid += 1
                errors += found
    print(f"validate.py: {rows} rows, {invalid} invalid ({errors} errors), jsonschema {jsonschema_version()}")
    return 0


def jsonschema_version() -> str:
    try:
        from importlib.metadata import version

        return version("jsonschema")
    except Exception:  # noqa: BLE001 - only for the message
        return "?"


if __name__ == "__main__":
    if len(sys.argv) != 3:
        print("usage: validate.py <observations.csv> <input-observation.schema.json>", file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1], sys.argv[2]))
