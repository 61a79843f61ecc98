"""Agency names as people type them (ita_analysis.ingest.selection): the variants users type, found;
the agencies written alike, named; the closest names offered; random small edits of real names."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import AGENCY, SAMPLE
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from ita_analysis.errors import InputError
from ita_analysis.ingest.scores import load_scores
from ita_analysis.ingest.selection import find_agency, match_agency, name_key, which_agency, year_problem, years_text
from ita_analysis.synthetic import agency_names

# Other real agencies whose names are close to the sample's (written by hand), to be told apart.
NEIGHBOURS = ["สำนักงาน ก.พ.ร.", "สำนักงาน ป.ป.ช.", "สำนักงาน ป.ป.ท.", "กรมบัญชีกลาง", "สำนักงานคณะกรรมการกฤษฎีกา"]
NAMES = [AGENCY, *NEIGHBOURS]


@pytest.mark.parametrize(
    "typed",
    [
        "สำนักงาน ก.พ.",
        "สำนักงาน กพ",  # without dots
        "สำนักงาน ก.พ",  # the output folder's name
        "สำนักงานก.พ.",  # without the space
        "ส\u0e4d\u0e32นักงาน ก.พ.",  # SARA AM as NIKHAHIT + SARA AA, as copied from a PDF
        "สำนักงาน  ก.พ.",  # two spaces
        " สำนักงาน ก.พ. ",
        "สำนัก\u200bงาน ก.พ.",  # a zero-width space
        "สำนักงาน ก. พ.",
    ],
)
def test_the_ways_people_type_the_name_find_the_agency(typed):
    assert match_agency(typed, NAMES).name == "สำนักงาน ก.พ."


def test_a_longer_name_is_its_own_agency():
    assert match_agency("สำนักงาน กพร", NAMES).name == "สำนักงาน ก.พ.ร."
    assert match_agency("สำนักงาน ป.ป.ท", NAMES).name == "สำนักงาน ป.ป.ท."


def test_an_exact_name_wins_over_names_written_alike():
    names = ["สำนักงาน ก.พ.", "สำนักงาน กพ"]
    assert match_agency("สำนักงาน กพ", names).name == "สำนักงาน กพ"
    assert match_agency("สํานักงาน ก.พ.", names).name == "สำนักงาน ก.พ."  # normalised, it is exact


def test_names_written_alike_are_named_and_none_chosen():
    found = match_agency("สำนักงานกพ", ["กรมบัญชีกลาง", "สำนักงาน ก.พ.", "สำนักงาน กพ"])
    assert found.name is None and found.several == ("สำนักงาน ก.พ.", "สำนักงาน กพ")


@pytest.mark.parametrize(
    ("typed", "first"),
    [
        ("กรมบัญชีกลง", "กรมบัญชีกลาง"),  # a letter left out
        ("สำนักงาน ข.พ.", "สำนักงาน ก.พ."),  # a letter mistyped
        ("กพ", "สำนักงาน ก.พ."),  # the abbreviation alone
        ("สำนักงาน ก.พ. กระทรวง", "สำนักงาน ก.พ."),  # more words than the data has
    ],
)
def test_a_name_not_found_offers_the_closest(typed, first):
    found = match_agency(typed, NAMES)
    assert found.name is None and found.closest[0] == first


def test_at_most_five_names_are_offered_and_none_far_off():
    names = agency_names(20)  # หน่วยงานสมมติ 01 ... 20
    assert len(match_agency("หน่วยงานสมมติ", names).closest) == 5
    assert match_agency("กรมป่าไม้", names).closest == ()


def test_the_message_says_what_was_wrong_and_what_to_type():
    scores = pd.DataFrame({"agency": NAMES, "fiscal_year": [2563] * len(NAMES)})
    # ป.ป.ช. and ป.ป.ท. are as close as each other (two letters of five differ): in the data's order
    with pytest.raises(InputError) as caught:
        which_agency("สำนักงาน ข.พ.", scores, 2563)
    assert [str(p) for p in caught.value.problems] == [
        "--agency: value 'สำนักงาน ข.พ.': expected the name of an agency with scores in fiscal year 2563; the "
        "closest in the data: 'สำนักงาน ก.พ.', 'สำนักงาน ก.พ.ร.', 'สำนักงาน ป.ป.ช.', 'สำนักงาน ป.ป.ท.'; type the "
        "name as the data writes it: --agency 'สำนักงาน ก.พ.'"
    ]
    _, problem = find_agency("ก.ข.ค.", scores, option="agency")
    assert str(problem) == (
        "agency: value 'ก.ข.ค.': expected the name of an agency in the data; none in the data is close (its "
        "agencies include 'สำนักงาน ก.พ.', 'สำนักงาน ก.พ.ร.', 'สำนักงาน ป.ป.ช.', 'สำนักงาน ป.ป.ท.', "
        "'กรมบัญชีกลาง'); type a name as the data writes it: agency = 'สำนักงาน ก.พ.'"
    )


def test_an_agency_of_other_years_is_named_with_its_years():
    scores = pd.DataFrame({"agency": [AGENCY, AGENCY, "กรมบัญชีกลาง"], "fiscal_year": [2561, 2562, 2563]})
    _, problem = find_agency("สำนักงาน กพ", scores, 2563)
    assert str(problem) == (
        "--agency: value 'สำนักงาน กพ': expected an agency with scores in fiscal year 2563; 'สำนักงาน ก.พ.' has "
        "scores in 2561, 2562: choose one (--fy 2562)"
    )


def test_a_year_the_data_does_not_hold_names_those_it_holds():
    scores = pd.DataFrame({"agency": [AGENCY] * 4, "fiscal_year": [2560, 2561, 2562, 2564]})
    assert str(year_problem(2565, scores, "a.csv")) == (
        "a.csv: value '2565': expected a fiscal year of this data (--fy): it holds scores for 2560-2562, 2564; "
        "type one of them, e.g. --fy 2564"
    )
    assert years_text([2563]) == "2563" and years_text([2562, 2563]) == "2562, 2563"


# ------------------------------------------------------------------ random edits of real names
REAL = list(dict.fromkeys(load_scores(SAMPLE)["agency"]))  # the sample's: สำนักงาน ก.พ.
SYNTHETIC = agency_names(12)  # หน่วยงานสมมติ 01 ... 12
POOL = [*REAL, *NEIGHBOURS, *SYNTHETIC]
THAI_LETTERS = [chr(c) for c in range(0x0E01, 0x0E2F)]  # ก ... ฮ
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"


@st.composite
def layout_edit(draw, name: str) -> str:
    """One edit that changes how a name is written, not its letters: a dot or a space dropped,
    added or doubled, a zero-width character added, SARA AM decomposed."""
    kinds = ["insert"] + ["drop"] * any(c in ". " for c in name) + ["sara_am"] * ("\u0e33" in name)
    kind = draw(st.sampled_from(kinds))
    if kind == "sara_am":
        at = draw(st.sampled_from([i for i, c in enumerate(name) if c == "\u0e33"]))
        return name[:at] + "\u0e4d\u0e32" + name[at + 1 :]
    if kind == "drop":
        at = draw(st.sampled_from([i for i, c in enumerate(name) if c in ". "]))
        return name[:at] + name[at + 1 :]
    at = draw(st.integers(0, len(name)))
    return name[:at] + draw(st.sampled_from([".", " ", "  ", *ZERO_WIDTH])) + name[at:]


@st.composite
def typo(draw, name: str) -> str:
    """One Thai letter mistyped, left out or added (digits, which tell the synthetic agencies apart,
    are left alone: a typo there may well name another agency)."""
    letters = [i for i, c in enumerate(name) if "\u0e01" <= c <= "\u0e4e"]
    at = draw(st.sampled_from(letters))
    kind = draw(st.sampled_from(["replace", "drop", "insert"]))
    if kind == "drop":
        return name[:at] + name[at + 1 :]
    letter = draw(st.sampled_from(THAI_LETTERS))
    return name[:at] + letter + name[at + (kind == "replace") :]


@st.composite
def edited(draw) -> tuple[str, str, bool]:
    """(the agency, its name edited, whether a letter was mistyped)."""
    name = draw(st.sampled_from(POOL))
    text = name
    for _ in range(draw(st.integers(1, 3))):
        text = draw(layout_edit(text))
    mistyped = draw(st.booleans())
    if mistyped:
        text = draw(typo(text))
    return name, text, mistyped


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edited())
def test_small_edits_of_real_names_find_the_agency_or_offer_it(case):
    name, text, mistyped = case
    others = {name_key(n) for n in POOL if n != name}
    assume(name_key(text) not in others)  # an edit that spells another agency's name means that one
    found = match_agency(text, POOL)
    if not mistyped:
        assert found.name == name, (text, found)
    else:
        assert found.name == name or name in found.closest, (text, found)
