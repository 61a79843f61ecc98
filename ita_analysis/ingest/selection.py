"""Which agency and fiscal year a person meant, with one wording for every command: a name as typed
(``--agency``, a notebook's ``agency``) found among the names of the data, and the years the data
holds when ``--fy`` names another (:func:`year_problem`).

The typed name is normalised as the data's names are (:func:`~ita_analysis.thai.normalize.normalize_text`:
SARA AM written as NIKHAHIT + SARA AA composed, zero-width characters dropped, spaces collapsed),
and a name of the data equal to it is the one meant. Otherwise the key that ignores dots, spaces
and punctuation (:func:`name_key`: "สำนักงาน กพ", "สำนักงาน ก.พ" and
"สำนักงานก.พ." are all "สำนักงานกพ") finds it when exactly one agency of the data has that key;
when several have it, the message names them. When none has it, the message offers the closest
names of the data (up to :data:`MAX_SUGGESTIONS`; :func:`closest_agencies`) and says what to type.
"""

from __future__ import annotations

import difflib
import shlex
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from ita_analysis.errors import InputError, Problem
from ita_analysis.i18n import gettext as _
from ita_analysis.thai.normalize import match_key, normalize_text

MAX_SUGGESTIONS = 5
"""The closest names offered when a typed name matches none."""
CUTOFF = 0.6
"""The least similarity (difflib's ratio of the keys, 0-1) of a name offered as close."""


@dataclass(frozen=True)
class AgencyMatch:
    """What a typed name found among the data's names: ``name`` the agency meant (None when none or
    several match); ``several`` the agencies whose key is the typed name's (more than one);
    ``closest`` the names closest to it, when none matches."""

    typed: str
    name: str | None
    several: tuple[str, ...] = ()
    closest: tuple[str, ...] = ()


def name_key(text: str) -> str:
    """The key by which names are compared: :func:`~ita_analysis.thai.normalize.match_key` (normalised,
    without spaces, dots and punctuation), normalised again, so that a SARA AM copied as two
    characters with a dot or a space between them is SARA AM too."""
    return normalize_text(match_key(text))


def match_agency(typed: str, names: Iterable[str]) -> AgencyMatch:
    """The agency of ``names`` (the data's, normalised as loaded) that ``typed`` means: the one equal
    to it once normalised, else the only one with its key (dots, spaces, punctuation ignored)."""
    names = list(dict.fromkeys(n for n in names if n))
    wanted = normalize_text(typed)
    if wanted in names:
        return AgencyMatch(typed, wanted)
    key = name_key(typed)
    same_key = tuple(n for n in names if key and name_key(n) == key)
    if len(same_key) == 1:
        return AgencyMatch(typed, same_key[0])
    if same_key:
        return AgencyMatch(typed, None, several=same_key)
    return AgencyMatch(typed, None, closest=tuple(closest_agencies(typed, names)))


def closest_agencies(typed: str, names: Iterable[str], n: int = MAX_SUGGESTIONS) -> list[str]:
    """Up to ``n`` names most like ``typed``, most alike first (in their order on a tie).

    Names are compared by their keys (normalised: SARA AM, zero-width characters; without dots and
    spaces), so that only letters count: difflib's ratio of the two keys, at least :data:`CUTOFF`. A
    name whose key holds the typed key (an abbreviation typed alone, "กพ") or is held in it (a name
    typed with more words) is close whatever the ratio, and comes before the others.
    """
    key = name_key(typed)
    if not key:
        return []
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(key)
    scored = []
    for order, name in enumerate(dict.fromkeys(names)):
        other = name_key(name)
        if not other:
            continue
        matcher.set_seq1(other)
        held = key in other or other in key
        if not held and (matcher.real_quick_ratio() < CUTOFF or matcher.quick_ratio() < CUTOFF):
            continue
        ratio = matcher.ratio()
        if held or ratio >= CUTOFF:
            scored.append((not held, -ratio, order, name))
    return [name for *_, name in sorted(scored)[:n]]


def agency_problem(match: AgencyMatch, names: list[str], option: str, fiscal_year: int | None) -> Problem:
    """The one message for a typed name that found no agency: what was wrong and what to type."""
    if fiscal_year is None:
        wanted = _("the name of an agency in the data")
    else:
        wanted = _("the name of an agency with scores in fiscal year {year}").format(year=fiscal_year)
    if match.several:
        text = _(
            "{wanted}; {count} agencies are written so apart from dots and spaces: {names}; type one as written"
        ).format(wanted=wanted, count=len(match.several), names=quoted(match.several))
        example = match.several[0]
    elif match.closest:
        text = _("{wanted}; the closest in the data: {names}; type the name as the data writes it").format(
            wanted=wanted, names=quoted(match.closest)
        )
        example = match.closest[0]
    elif names:
        text = _(
            "{wanted}; none in the data is close (its agencies include {names}); type a name as the data writes it"
        ).format(wanted=wanted, names=quoted(names[:MAX_SUGGESTIONS]))
        example = names[0]
    else:
        return Problem(option, None, None, match.typed, _("{wanted}; the data holds none").format(wanted=wanted))
    return Problem(option, None, None, match.typed, f"{text}: {typed_as(option, example)}")


def quoted(names: Iterable[str]) -> str:
    """Names in quotes, separated by commas."""
    return ", ".join(f"'{n}'" for n in names)


def typed_as(option: str, name: str) -> str:
    """How to give ``name``: on the command line (``--agency 'สำนักงาน ก.พ.'``) or as a notebook's
    parameter (``agency = 'สำนักงาน ก.พ.'``)."""
    if option.startswith("-"):
        return f"{option} {shlex.quote(name)}"
    return f"{option} = {name!r}"


def agency_names(scores: pd.DataFrame, fiscal_year: int | None = None) -> list[str]:
    """The agencies of a score table (of one fiscal year), in input order, without unread ones."""
    if fiscal_year is not None:
        scores = scores[(scores["fiscal_year"] == fiscal_year).fillna(False).astype(bool)]
    return [a for a in pd.unique(scores["agency"]) if isinstance(a, str) and a]


def find_agency(
    typed: str, scores: pd.DataFrame, fiscal_year: int | None = None, option: str = "--agency"
) -> tuple[str | None, Problem | None]:
    """(the agency of ``scores`` that ``typed`` means, None) or (None, the message saying why none).

    With ``fiscal_year``, among the agencies with scores in that year; an agency of the data with
    scores in other years only is named, with those years.
    """
    names = agency_names(scores, fiscal_year)
    match = match_agency(typed, names)
    if match.name is not None:
        return match.name, None
    if fiscal_year is not None and not match.several:
        elsewhere = match_agency(typed, agency_names(scores)).name
        if elsewhere is not None:
            years = sorted({int(y) for y in scores.loc[scores["agency"] == elsewhere, "fiscal_year"].dropna()})
            text = _(
                "an agency with scores in fiscal year {year}; {name} has scores in {years}: choose one (--fy {last})"
            )
            text = text.format(year=fiscal_year, name=f"'{elsewhere}'", years=years_text(years), last=years[-1])
            return None, Problem(option, None, None, typed, text)
    return None, agency_problem(match, names, option, fiscal_year)


def which_agency(typed: str, scores: pd.DataFrame, fiscal_year: int | None = None, option: str = "--agency") -> str:
    """The agency of ``scores`` that ``typed`` means (:func:`find_agency`); raises :class:`InputError`
    with the message when none."""
    name, problem = find_agency(typed, scores, fiscal_year, option)
    if problem is not None:
        raise InputError([problem])
    return name


def years_text(years: Iterable[int]) -> str:
    """Fiscal years as a person reads them: 2562, 2563 (runs of three or more as 2562-2565)."""
    years = sorted(set(years))
    runs: list[list[int]] = []
    for y in years:
        if runs and y == runs[-1][-1] + 1:
            runs[-1].append(y)
        else:
            runs.append([y])
    return ", ".join(f"{r[0]}-{r[-1]}" if len(r) > 2 else ", ".join(map(str, r)) for r in runs)


def year_problem(fiscal_year: int, scores: pd.DataFrame, files: str) -> Problem:
    """The message for a fiscal year (``--fy``) of which the data (``files``, read into ``scores``)
    holds no scores: the years it holds, and what to type."""
    years = sorted({int(y) for y in scores["fiscal_year"].dropna()})
    if not years:
        return Problem(files, None, None, str(fiscal_year), _("a fiscal year of this data (--fy): it holds no scores"))
    text = _("a fiscal year of this data (--fy): it holds scores for {years}; type one of them, e.g. --fy {last}")
    return Problem(files, None, None, str(fiscal_year), text.format(years=years_text(years), last=years[-1]))
