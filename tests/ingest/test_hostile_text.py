"""Text (CSV, TSV) tables that lie about their shape, through the command line: a quote opened by
mistake that would take the rows after it into one cell, a line far wider than the table, a cell
longer than Excel holds, a score just over 100. Each gives one message naming the file, the row as a
spreadsheet shows it (a quoted cell of several lines is one row) and what to do, exit code 1, no
traceback, no row lost in silence, and memory bounded where the file claims much."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_run import run_bounded, run_in_process
from conftest import AGENCY, ROOT, SAMPLE, SCORES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ita_analysis.errors import InputError
from ita_analysis.ingest.grid import read_grid
from ita_analysis.ingest.grid_columns import column_letter
from ita_analysis.ingest.scores import load
from ita_analysis.ingest.side_inputs import load_notes, load_plan, load_recommendations, load_targets

OPEN_QUOTE = 'a quote (") opens this cell and is never closed, so the rows after it were read as one cell'
HEADER = ["agency", "fiscal_year", "indicator", "score"]


def table(agencies: int = 2, year: int = 2563) -> list[list[str]]:
    """A clean long table: the header, then every indicator of each agency (row 2 on)."""
    names = [AGENCY] + [f"หน่วยงานสมมติ {k:04d}" for k in range(1, agencies)]
    return [list(HEADER)] + [[a, str(year), str(i), f"{s:.2f}"] for a in names for i, s in enumerate(SCORES[year], 1)]


def write(path: Path, rows: list[list[str]], *, delimiter: str = ",", newline: str = "\n", last: bool = True) -> Path:
    """The rows joined as they are (no quoting added): the cells say where the quotes are."""
    text = newline.join(delimiter.join(r) for r in rows) + (newline if last else "")
    path.write_bytes(text.encode("utf-8-sig"))
    return path


def refused(*args: object, env: dict[str, str] | None = None) -> list[str]:
    """The problem lines of a command that must stop with a message: exit code 1, no traceback."""
    r = run_in_process(*args, env=env)
    assert r.returncode == 1, r.stdout + r.stderr
    assert "Traceback" not in r.stderr and "_csv" not in r.stderr, r.stderr
    return [line.strip() for line in r.stderr.splitlines() if line.strip().startswith("- ")]


# a. a quote opened by mistake ------------------------------------------------------------------

placements = st.fixed_dictionaries(
    {
        "row": st.integers(1, 20),  # spreadsheet row of the stray quote (1 = the header)
        "column": st.integers(0, 3),
        "closed": st.sampled_from([None, "start", "end"]),  # another stray quote further down, if any
        "close_after": st.integers(1, 6),  # rows below the first
        "close_column": st.integers(0, 3),
        "delimiter": st.sampled_from([",", ";", "\t"]),
        "newline": st.sampled_from(["\n", "\r\n"]),
        "last": st.booleans(),  # the file ends with a line break
    }
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(placements)
def test_a_stray_opening_quote_is_reported_at_its_row(tmp_path, p):
    rows = table()
    r, c = p["row"], p["column"]
    rows[r - 1][c] = '"' + rows[r - 1][c]
    r2 = min(r + p["close_after"], len(rows))
    if p["closed"] and r2 > r:
        cell = rows[r2 - 1][p["close_column"]]
        rows[r2 - 1][p["close_column"]] = '"' + cell if p["closed"] == "start" else cell + '"'
    path = write(tmp_path / "scores.csv", rows, delimiter=p["delimiter"], newline=p["newline"], last=p["last"])
    problems = refused("validate", path)
    assert problems == [f"- {path}, row {r}, column '{column_letter(c)}': expected a closing quote: {OPEN_QUOTE}; "
                        "close it or remove it"]  # fmt: skip


def test_a_stray_quote_in_a_table_over_the_csv_modules_field_limit(tmp_path):
    """Over 128 KB (the csv module's own field limit): the quote's row, not `field larger than field limit`."""
    rows = table(agencies=3000)
    rows[4][3] = '"' + rows[4][3]
    path = write(tmp_path / "national.csv", rows)
    assert path.stat().st_size > 1 << 20
    r = run_bounded("validate", path)
    assert r.returncode == 1 and "Traceback" not in r.stderr, r.stderr
    assert f"{path}, row 5, column 'D': expected a closing quote: {OPEN_QUOTE}" in r.stderr


def test_score_and_side_files_report_the_quote_too(tmp_path):
    rows = table()
    rows[6][0] = '"' + rows[6][0]
    path = write(tmp_path / "scores.csv", rows)
    assert refused("score", path) == [
        f"- {path}, row 7, column 'A': expected a closing quote: {OPEN_QUOTE}; close it or remove it"
    ]
    notes = [["agency", "fiscal_year", "indicator", "sub_item"]] + [[AGENCY, "2563", str(i), "x"] for i in range(1, 6)]
    notes[3][3] = '"การเปิดเผย'
    targets = write(tmp_path / "targets.csv", [["agency", "fiscal_year", "target"], ['"' + AGENCY, "2564", "95"]])
    notes_path, out = write(tmp_path / "notes.csv", notes), tmp_path / "out"
    problems = refused("run", "--fy", "2563", "--data", SAMPLE, "--notes", notes_path, "--targets", targets,
                       "--out", out)  # fmt: skip
    assert problems == [
        f"- {targets}, row 2, column 'A': expected a closing quote: {OPEN_QUOTE}; close it or remove it",
        f"- {notes_path}, row 4, column 'D': expected a closing quote: {OPEN_QUOTE}; close it or remove it",
    ]
    assert not out.exists()


def test_cells_of_several_lines_are_one_row_each(tmp_path):
    """A quoted cell with line breaks (and commas) is a cell of one row, as Excel shows it: the rows
    below keep their numbers."""
    rows = [[*HEADER, "หมายเหตุ"]] + [[*r, ""] for r in table()[1:]]
    rows[2][4] = '"บรรทัดหนึ่ง, ต่อ\n\nบรรทัดสอง, สาม"'  # row 3
    rows[3][0] = f'"{AGENCY}"'  # row 4: quoted, on one line
    rows[5][3] = "150"  # row 6
    path = write(tmp_path / "scores.csv", rows)
    assert refused("validate", path) == [
        f"- {path}, row 6, column 'score': value '150': expected a score from 0 to 100"
    ]
    grid = read_grid(path)
    assert grid.shape == (21, 5) and grid.iat[2, 4] == "บรรทัดหนึ่ง, ต่อ\n\nบรรทัดสอง, สาม" and grid.iat[3, 0] == AGENCY


# b. lines wider than the table, cells longer than Excel holds -----------------------------------


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(width=st.integers(16_385, 400_000), row=st.integers(1, 22), quoted=st.booleans())
def test_one_very_wide_line_is_refused_before_the_grid_is_built(tmp_path, width, row, quoted):
    rows = table()
    line = ['"x"' if quoted else "x"] + [""] * (width - 1)
    rows.insert(row - 1, line)
    path = write(tmp_path / "wide.csv", rows)
    problems = refused("validate", path)
    assert problems == [
        f"- {path}, row {row}: expected at most 16,384 cells in one row (this row has {width:,}); if the file is "
        "right, raise the limit with the environment variable ITA_ANALYSIS_MAX_ROW_WIDTH"
    ]


def test_rows_times_the_widest_row_over_the_cells_limit(tmp_path):
    """A few hundred KB whose one line of 10,000 cells would make a grid of 30 million cells and more."""
    rows = table(agencies=300)  # 3,001 rows
    rows.insert(1, ["x"] + [""] * 9_999)  # row 2
    path = write(tmp_path / "tall.csv", rows)
    assert path.stat().st_size < 400_000
    r = run_bounded("validate", path)
    assert r.returncode == 1 and "Traceback" not in r.stderr, r.stderr
    assert (
        f"{path}, row 2: expected at most 30,000,000 cells, rows times the widest row (this file has 30,020,000); "
        "if the file is right, raise the limit with the environment variable ITA_ANALYSIS_MAX_CELLS"
    ) in r.stderr
    assert refused("validate", SAMPLE, env={"ITA_ANALYSIS_MAX_CELLS": "100"}) == [
        f"- {SAMPLE}, row 1: expected at most 100 cells, rows times the widest row (this file has 105); if the file "
        "is right, raise the limit with the environment variable ITA_ANALYSIS_MAX_CELLS"
    ]


def test_a_cell_longer_than_excel_holds(tmp_path):
    rows = [[*HEADER, "หมายเหตุ"]] + [[*r, ""] for r in table()[1:]]
    rows[3][4] = "ก" * 140_000  # over the csv module's own limit too
    path = write(tmp_path / "long.csv", rows)
    assert refused("validate", path) == [
        f"- {path}, row 4, column 'E': expected at most 32,767 characters in one cell (this cell has 140,000); if the "
        "file is right, raise the limit with the environment variable ITA_ANALYSIS_MAX_CELL_CHARS"
    ]
    r = run_in_process("validate", path, env={"ITA_ANALYSIS_MAX_CELL_CHARS": "200000"})
    assert r.returncode == 0, r.stderr


# c. what is read, and how it is shown -----------------------------------------------------------


def test_a_score_just_over_100_is_shown_as_written(tmp_path):
    rows = table()
    rows[2][3], rows[3][3], rows[4][3] = "100.0001", "๑๐๐.๐๐๐๑", "-0.004"
    path = write(tmp_path / "scores.csv", rows)
    assert refused("validate", path) == [
        f"- {path}, row {r}, column 'score': value '{v}': expected a score from 0 to 100"
        for r, v in ((3, "100.0001"), (4, "๑๐๐.๐๐๐๑"), (5, "-0.004"))
    ]
    wide = [["agency", "fiscal_year", *(f"ind_{i}" for i in range(1, 11))], [AGENCY, "2563"]]
    wide[1] += [f"{s:.2f}" for s in SCORES[2563]]
    wide[1][5] = "100.0001"
    path = write(tmp_path / "wide.csv", wide)
    assert refused("validate", path) == [
        f"- {path}, row 2, column 'ind_4': value '100.0001': expected a score from 0 to 100"
    ]


def test_a_byte_that_is_not_utf8_past_the_first_megabyte_reads_the_file_as_windows_thai(tmp_path):
    """The encoding is chosen from the first megabyte; a Windows Thai byte further on reads the
    whole file as Windows Thai, as it was read before it was streamed."""
    ascii_rows = [[f"Agency {k:05d}", "2563", str(i), f"{s:.2f}"] for k in range(30_000)
                  for i, s in enumerate(SCORES[2563], 1)][:40_000]  # fmt: skip
    ascii_rows = ascii_rows[: len(ascii_rows) // 10 * 10]
    thai = [[AGENCY, "2563", str(i), f"{s:.2f}"] for i, s in enumerate(SCORES[2563], 1)]
    text = "\r\n".join(",".join(r) for r in [HEADER, *ascii_rows, *thai]) + "\r\n"
    path = tmp_path / "cp874.csv"
    path.write_bytes(text.encode("cp874"))
    assert text.index(AGENCY) > 1 << 20
    scores = load(path).scores
    assert len(scores) == len(ascii_rows) + 10
    assert scores["agency"].iloc[-1] == AGENCY and scores["score"].iloc[-1] == SCORES[2563][-1]


def test_the_grid_of_a_text_file_is_as_before(tmp_path):
    """Blank rows kept, short rows padded, every cell text, row 1 at index 0."""
    path = tmp_path / "t.csv"
    path.write_bytes(b"a,b,c\n\nx\n1,2,3,4\n")
    grid = read_grid(path)
    assert grid.shape == (4, 4) and list(grid.columns) == [0, 1, 2, 3]
    assert grid.to_numpy().tolist() == [["a", "b", "c", ""], ["", "", "", ""], ["x", "", "", ""], ["1", "2", "3", "4"]]
    assert read_grid(path, max_rows=2).shape == (2, 3)


text_lines = st.lists(st.text(st.sampled_from("กขคง abc,;\t"), max_size=16), min_size=2, max_size=4)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lines=text_lines, row=st.integers(2, 21), column=st.integers(0, 4), newline=st.sampled_from(["\n", "\r\n"]))
def test_a_quoted_cell_of_several_lines_is_read_as_written(tmp_path, lines, row, column, newline):
    """Line breaks in a quoted cell (a few delimiters among them) are the cell's own: one row, the cell
    as written, the rows below in their places."""
    rows = [[*HEADER, "หมายเหตุ"]] + [[*r, "-"] for r in table()[1:]]
    text = "\n".join(lines).replace("\t", " ")
    rows[row - 1][column] = '"' + text.replace('"', '""') + '"'
    path = write(tmp_path / "cells.csv", rows, newline=newline)
    grid = read_grid(path)
    assert grid.shape == (21, 5)
    assert grid.iat[row - 1, column] == text
    assert grid.iloc[row:, 2].tolist() == [r[2] for r in rows[row:]]


@pytest.mark.parametrize(
    ("name", "loader"),
    [
        ("targets.csv", load_targets),
        ("notes_2563.csv", load_notes),
        ("recommendations_2563.csv", load_recommendations),
        ("plan_2564.csv", load_plan),
    ],
)
def test_each_side_file_reports_a_stray_quote_at_its_row(tmp_path, name, loader):
    """The shipped side files with a quote opened at the start of row 2's second cell."""
    lines = (ROOT / "data" / "raw" / name).read_text(encoding="utf-8-sig").splitlines()
    cells = lines[1].split(",")
    lines[1] = ",".join([cells[0], '"' + cells[1], *cells[2:]])
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8-sig")
    with pytest.raises(InputError) as caught:
        loader(path, fiscal_year=2563)
    assert [str(p) for p in caught.value.problems] == [
        f"{path}, row 2, column 'B': expected a closing quote: {OPEN_QUOTE}; close it or remove it"
    ]
