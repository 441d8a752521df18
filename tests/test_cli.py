"""The command line contract: formats, exit codes, one-line errors naming each failed document."""

from __future__ import annotations

import json

import pytest

from backstory.cli import main

from conftest import SAMPLES


@pytest.fixture(scope="module")
def good_sample():
    return str(sorted(SAMPLES.glob("*.txt"))[0])


def test_jsonl_output_for_a_good_document(good_sample, tmp_path, resources):
    out = tmp_path / "out.jsonl"
    assert main(["extract", good_sample, "--format", "jsonl", "-o", str(out)]) == 0
    (record,) = [json.loads(line) for line in out.read_text().splitlines()]
    for key in ("id", "source", "title", "byline", "published", "language", "body", "boilerplate",
                "actors", "events", "timexes", "places", "errors"):
        assert key in record
    assert record["errors"] == [] and record["events"]


def test_bad_documents_fail_alone_with_exit_1(good_sample, tmp_path, capsys, resources):
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"\x00\x01\x02" * 1000)
    invalid = tmp_path / "invalid.txt"
    invalid.write_bytes(b"An article \xff\xfe with broken bytes.")
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    huge = tmp_path / "huge.txt"
    with huge.open("w") as handle:  # 50 MB on a single line
        handle.write("word " * 10_000_000)
    missing = tmp_path / "missing.txt"
    paths = [str(binary), str(invalid), good_sample, str(empty), str(huge), str(missing)]
    out = tmp_path / "out.json"
    assert main(["extract", *paths, "-o", str(out)]) == 1
    records = json.loads(out.read_text())
    assert len(records) == 6
    assert [bool(r["errors"]) for r in records] == [True, True, False, True, True, True]
    assert records[2]["events"]
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 5
    for path, line in zip([binary, invalid, empty, huge, missing], lines):
        assert line.startswith(f"backstory: error: {path}: ")


def test_usage_errors_exit_2(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["extract", "x.txt", "--published", "March 5"])
    assert exit_info.value.code == 2
    assert main([]) == 2
    assert main(["extract", "x.txt", "--registry", "no-such-registry.jsonl"]) == 2
