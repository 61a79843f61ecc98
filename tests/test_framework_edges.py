"""The grade bands and rating conditions of every framework file, pinned at their edges.

One table per grading kind, written by hand from the NACC rules (docs: ita-methodology notes), and
every framework year of that kind tried at each of its edges:
FY2562-FY2565 letter grades on the total alone (AA 95.00-100, A 85.00-94.99, B 75.00-84.99,
C 65.00-74.99, D 55.00-64.99, E 50.00-54.99, F 0-49.99); from FY2566 a rating on the total and
every tool (ผ่านดีเยี่ยม: total and each tool >= 95; ผ่านดี: total and each tool >= 85; ผ่าน: total
>= 85; ต้องปรับปรุง: total >= 70; ต้องปรับปรุงโดยด่วน: below 70). Each boundary is tried just below,
at and just above it, and on both sides of NACC's two-decimal rounding (half up: 94.995 is printed
95.00, 94.9949 is printed 94.99). Rows give the total and the tool scores separately, as the grading
function takes them, so that each condition is tried on its own.
"""

from __future__ import annotations

import numpy as np
import pytest

from ita_analysis.compute.scoring import grade
from ita_analysis.frameworks import available_years, load_framework

# (total, expected letter): the tool scores do not count in a letter year.
LETTER_EDGES = [
    (100.00, "AA"), (95.01, "AA"), (95.00, "AA"), (94.995, "AA"), (94.9949, "A"), (94.99, "A"),
    (85.01, "A"), (85.00, "A"), (84.995, "A"), (84.9949, "B"), (84.99, "B"),
    (75.01, "B"), (75.00, "B"), (74.995, "B"), (74.9949, "C"), (74.99, "C"),
    (65.01, "C"), (65.00, "C"), (64.995, "C"), (64.9949, "D"), (64.99, "D"),
    (55.01, "D"), (55.00, "D"), (54.995, "D"), (54.9949, "E"), (54.99, "E"),
    (50.01, "E"), (50.00, "E"), (49.995, "E"), (49.9949, "F"), (49.99, "F"),
    (0.01, "F"), (0.00, "F"),
]  # fmt: skip
# (total, IIT, EIT, OIT, expected rating)
EXCELLENT, GOOD, PASS, IMPROVE, URGENT = "ผ่านดีเยี่ยม", "ผ่านดี", "ผ่าน", "ต้องปรับปรุง", "ต้องปรับปรุงโดยด่วน"
RATING_EDGES = [
    # total at 95 with every tool at 95: the top rating; just under 95 on the total: ผ่านดี
    (100.00, 100.00, 100.00, 100.00, EXCELLENT), (95.01, 95.00, 95.00, 95.00, EXCELLENT),
    (95.00, 95.00, 95.00, 95.00, EXCELLENT), (94.995, 95.00, 95.00, 95.00, EXCELLENT),
    (94.9949, 95.00, 95.00, 95.00, GOOD), (94.99, 95.00, 95.00, 95.00, GOOD),
    # each tool just under 95 (the total well above): ผ่านดี; 94.995 is printed 95.00
    (98.00, 94.99, 100.00, 100.00, GOOD), (98.00, 100.00, 94.99, 100.00, GOOD), (98.00, 100.00, 100.00, 94.99, GOOD),
    (98.00, 95.01, 100.00, 100.00, EXCELLENT), (98.00, 94.995, 95.00, 95.00, EXCELLENT),
    (98.00, 95.00, 94.9949, 95.00, GOOD), (98.00, 95.00, 95.00, 94.995, EXCELLENT),
    # total at 85 with every tool at 85: ผ่านดี; just under 85: ต้องปรับปรุง, whatever the tools
    (85.01, 85.00, 85.00, 85.00, GOOD), (85.00, 85.00, 85.00, 85.00, GOOD), (84.995, 85.00, 85.00, 85.00, GOOD),
    (84.9949, 85.00, 85.00, 85.00, IMPROVE), (84.99, 85.00, 85.00, 85.00, IMPROVE),
    (84.99, 100.00, 100.00, 100.00, IMPROVE),
    # a tool just under 85 with the total at or above 85: ผ่าน (the FY2568 case: 94.64, EIT under 85)
    (85.00, 84.99, 85.00, 85.00, PASS), (85.00, 85.00, 84.99, 85.00, PASS), (85.00, 85.00, 85.00, 84.99, PASS),
    (94.64, 100.00, 84.99, 98.50, PASS), (99.00, 100.00, 100.00, 84.99, PASS),
    (90.00, 84.995, 85.00, 85.00, GOOD), (90.00, 85.00, 84.9949, 85.00, PASS), (90.00, 85.00, 85.00, 84.995, GOOD),
    (90.00, 100.00, 100.00, 0.00, PASS),
    # total at 70: ต้องปรับปรุง; just under 70: ต้องปรับปรุงโดยด่วน; the tools play no part below 85
    (70.01, 70.00, 70.00, 70.00, IMPROVE), (70.00, 70.00, 70.00, 70.00, IMPROVE),
    (69.995, 69.99, 69.99, 69.99, IMPROVE), (69.9949, 69.99, 69.99, 69.99, URGENT),
    (69.99, 69.99, 69.99, 69.99, URGENT), (76.00, 100.00, 100.00, 40.00, IMPROVE),
    (69.99, 100.00, 100.00, 100.00, URGENT),
    (0.01, 0.00, 0.00, 0.03, URGENT), (0.00, 0.00, 0.00, 0.00, URGENT),
]  # fmt: skip
# The framework years of each kind: every one of them is graded as its table says.
LETTER_YEARS = (2562, 2563, 2564, 2565)
RATING_YEARS = (2566, 2567, 2568, 2569)

# The levels each file must hold: (label, min_total, min_each_tool), highest first.
LETTER_LEVELS = [
    ("AA", 95.0, None), ("A", 85.0, None), ("B", 75.0, None), ("C", 65.0, None), ("D", 55.0, None),
    ("E", 50.0, None), ("F", 0.0, None),
]  # fmt: skip
RATING_LEVELS = [
    (EXCELLENT, 95.0, 95.0),
    (GOOD, 85.0, 85.0),
    (PASS, 85.0, None),
    (IMPROVE, 70.0, None),
    (URGENT, 0.0, None),
]
RATING_LABELS_EN = ["Excellent pass", "Good pass", "Pass", "Needs improvement", "Needs urgent improvement"]


def _rows(years: tuple[int, ...], table: list[tuple]) -> list:
    """Each (year, edge) pair: the year, then the edge's row."""
    return [pytest.param(year, *row, id=f"{year}-{'-'.join(map(str, row[:-1]))}") for year in years for row in table]


def test_every_framework_file_has_a_table():
    """A new framework file must be listed here under its grading kind (or get a table of its own)."""
    assert available_years() == sorted([*LETTER_YEARS, *RATING_YEARS])


@pytest.mark.parametrize("year", sorted(LETTER_YEARS))
def test_letter_levels_as_the_files_give_them(year):
    fw = load_framework(year)
    assert fw.grading_kind == "letter" and fw.pass_mark == 85.0
    assert [(lv.label, lv.min_total, lv.min_each_tool) for lv in fw.levels] == LETTER_LEVELS
    assert [lv.label_en for lv in fw.levels] == [None] * 7


@pytest.mark.parametrize("year", sorted(RATING_YEARS))
def test_rating_levels_as_the_files_give_them(year):
    fw = load_framework(year)
    assert fw.grading_kind == "rating" and fw.pass_mark == 85.0
    assert [(lv.label, lv.min_total, lv.min_each_tool) for lv in fw.levels] == RATING_LEVELS
    assert [lv.label_en for lv in fw.levels] == RATING_LABELS_EN


@pytest.mark.parametrize(("year", "total", "expected"), _rows(LETTER_YEARS, LETTER_EDGES))
def test_letter_grade_edges(year, total, expected):
    fw = load_framework(year)
    assert grade(total, None, fw)[0] == expected
    # the tool scores play no part in a letter year, even far from the total
    tools = {"IIT": np.array([0.0]), "EIT": np.array([100.0]), "OIT": np.array([50.0])}
    assert grade(np.array([total]), tools, fw)[0] == expected


@pytest.mark.parametrize(("year", "total", "iit", "eit", "oit", "expected"), _rows(RATING_YEARS, RATING_EDGES))
def test_rating_edges(year, total, iit, eit, oit, expected):
    fw = load_framework(year)
    tools = {"IIT": np.array([iit]), "EIT": np.array([eit]), "OIT": np.array([oit])}
    assert grade(np.array([total]), tools, fw)[0] == expected


@pytest.mark.parametrize("year", sorted(LETTER_YEARS))
def test_letter_year_graded_as_one_array(year):
    """Every edge of the year at once: each row keeps its own grade."""
    totals = np.array([t for t, _ in LETTER_EDGES])
    assert grade(totals, None, load_framework(year)).tolist() == [g for _, g in LETTER_EDGES]


@pytest.mark.parametrize("year", sorted(RATING_YEARS))
def test_rating_year_graded_as_one_array(year):
    totals = np.array([r[0] for r in RATING_EDGES])
    tools = {code: np.array([r[k] for r in RATING_EDGES]) for k, code in enumerate(("IIT", "EIT", "OIT"), start=1)}
    assert grade(totals, tools, load_framework(year)).tolist() == [r[-1] for r in RATING_EDGES]


@pytest.mark.parametrize("year", sorted(RATING_YEARS))
def test_a_rating_needs_the_tool_scores(year):
    with pytest.raises(ValueError, match=f"grading level {EXCELLENT} needs the tool scores"):
        grade(np.array([90.0]), None, load_framework(year))


@pytest.mark.parametrize("year", sorted(LETTER_YEARS) + sorted(RATING_YEARS))
def test_levels_are_found_by_name_and_rank(year):
    fw = load_framework(year)
    expected = [lv[0] for lv in (LETTER_LEVELS if year in LETTER_YEARS else RATING_LEVELS)]
    assert list(fw.grade_labels()) == expected
    assert [fw.level_rank(label) for label in expected] == list(range(len(expected)))
    assert fw.level_rank("ไม่มีระดับนี้") is None
    assert [fw.level_named(f" {label.lower()} ").label for label in expected] == expected
    assert fw.level_named("ไม่มีระดับนี้") is None
