"""data/processed: the tidy, validated tables that `ita-analysis validate --processed DIR` writes."""

from __future__ import annotations

import pandas as pd
from conftest import AGENCY, SAMPLE, SCORES, write_csv
from typer.testing import CliRunner

from ita_analysis.cli import app
from ita_analysis.ingest.processed import write_processed
from ita_analysis.ingest.scores import load


def _read(path):
    assert path.read_bytes().startswith(b"\xef\xbb\xbf"), "Excel needs the BOM to show Thai"
    return pd.read_csv(path, encoding="utf-8-sig")


def test_the_sample_as_a_tidy_table_with_its_source(tmp_path):
    result = CliRunner().invoke(app, ["validate", str(SAMPLE), "--processed", str(tmp_path / "processed")])
    assert result.exit_code == 0, result.output
    table = _read(tmp_path / "processed" / "scores.csv")
    assert list(table.columns) == [
        "agency", "fiscal_year", "indicator", "tool", "score", "source_file", "source_row", "source_column",
    ]  # fmt: skip
    assert len(table) == 20 and set(table["agency"]) == {AGENCY}
    fy2563 = table[table["fiscal_year"] == 2563].sort_values("indicator")
    assert fy2563["score"].tolist() == SCORES[2563]
    # the sample lists FY2562 first, one row per indicator under a header row: FY2563's indicator 1 is row 12
    assert fy2563.iloc[0][["source_row", "source_column"]].tolist() == [12, "score"]
    assert not (tmp_path / "processed" / "published.csv").exists()  # the sample prints no figures


def test_groups_and_printed_figures(tmp_path):
    rows = [["agency", "fiscal_year", "จังหวัด", "indicator", "score"]]
    rows += [["อบต. ก", 2563, "น่าน", n, 80] for n in range(1, 11)] + [["อบต. ก", 2563, "น่าน", "คะแนนรวม", 80]]
    loaded = load(write_csv(tmp_path / "s.csv", rows))
    written = write_processed(loaded, tmp_path / "out")
    assert [p.name for p in written] == ["scores.csv", "published.csv"]
    assert _read(tmp_path / "out" / "scores.csv")["จังหวัด"].unique().tolist() == ["น่าน"]
    assert _read(tmp_path / "out" / "published.csv")["value"].astype(float).tolist() == [80.0]


def test_nothing_is_written_for_bad_input(tmp_path):
    bad = write_csv(tmp_path / "bad.csv", [["agency", "fiscal_year", "indicator", "score"], ["ก", 2563, 1, "แปดสิบ"]])
    result = CliRunner().invoke(app, ["validate", str(bad), "--processed", str(tmp_path / "processed")])
    assert result.exit_code != 0
    assert not (tmp_path / "processed").exists()
