"""The ITA methodology as data: one TOML file per fiscal year (``fyYYYY.toml`` beside this module).

A framework holds the tools (weights, what their scores rest on), the indicators (number, tool, names
and variants, item codes), the pass mark and the grading rules; no code here names a year. Extra files
in folders named by ``ITA_FRAMEWORKS_DIR`` (OS path separator) override the shipped ones.
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from ita_analysis.errors import FrameworkError
from ita_analysis.frameworks import validate
from ita_analysis.i18n import gettext as _
from ita_analysis.thai.normalize import match_key, normalize_text
from ita_analysis.thai.numbers import to_arabic_digits

PACKAGE_DIR = Path(__file__).resolve().parent
_FILE = re.compile(r"^fy(\d{4})\.toml$")
TOOL_TEXTS = ("description_th", "basis")  # the optional texts of a ``[[tools]]`` table
_EPS = 1e-9  # binary noise: 84.99999999999999 reaches 85


@dataclass(frozen=True)
class Tool:
    code: str
    name_th: str
    name_en: str
    weight: float
    description_th: str = ""
    basis: str = ""  # "perception" (stakeholders' perceptions), "disclosure" (what the agency publishes); "" unsaid


@dataclass(frozen=True)
class Indicator:
    number: int
    tool: str
    name_th: str
    name_en: str
    variants_th: tuple[str, ...] = ()
    variants_en: tuple[str, ...] = ()
    items: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        """Every name this indicator is known by."""
        return (self.name_th, *self.variants_th, self.name_en, *self.variants_en)


@dataclass(frozen=True)
class Level:
    """One grade or rating: applies when the total and (if set) every tool reach the minima."""

    label: str
    min_total: float
    min_each_tool: float | None = None
    label_en: str | None = None


@dataclass(frozen=True)
class National:
    """NACC's national results of a year (the ``[national]`` table of a framework file); any
    figure may be unknown (None). ``approximate``: the figures are known only roughly ("about")."""

    agencies: int | None = None  # agencies assessed
    mean: float | None = None  # mean total of all agencies
    at_pass: int | None = None  # agencies with a total at or above the pass mark
    share_at_pass: float | None = None  # the same as a percentage of the agencies
    source: str = ""
    approximate: bool = False


@dataclass(frozen=True)
class Framework:
    fiscal_year: int
    status: str  # "confirmed" or "provisional"
    pass_mark: float
    tools: tuple[Tool, ...]
    indicators: tuple[Indicator, ...]
    grading_kind: str  # "letter" or "rating"
    levels: tuple[Level, ...]
    source: str = ""
    path: str = ""
    item_texts: tuple[tuple[str, str], ...] = ()  # (lower-case item code, text) from [item_texts]
    national: National | None = None  # NACC's national results of the year, from [national]
    _by_key: dict[str, int] = field(default_factory=dict, compare=False, repr=False)

    @property
    def provisional(self) -> bool:
        return self.status != "confirmed"

    @property
    def tool_codes(self) -> tuple[str, ...]:
        return tuple(t.code for t in self.tools)

    @property
    def weights(self) -> dict[str, float]:
        return {t.code: t.weight for t in self.tools}

    def tools_of(self, basis: str) -> tuple[str, ...]:
        """The codes of the tools of a ``basis`` ("perception": stakeholders' perceptions; "disclosure")."""
        return tuple(t.code for t in self.tools if t.basis == basis)

    def tool(self, code: str) -> Tool:
        """The tool with this code (e.g. "IIT")."""
        for t in self.tools:
            if t.code == code:
                return t
        raise KeyError(code)

    def tool_indicators(self, code: str) -> tuple[Indicator, ...]:
        """The indicators of one tool, in order."""
        return tuple(i for i in self.indicators if i.tool == code)

    def max_weighted(self, code: str) -> float:
        """Most a tool can add to the total: its weight times the full score of 100 points."""
        return self.tool(code).weight * 100.0

    @property
    def number_range(self) -> str:
        """The indicator numbers as a reader writes them: "1-10"."""
        return f"{min(self.numbers)}-{max(self.numbers)}"

    def level_rank(self, label: str) -> int | None:
        """Position of a grade or rating among the levels, 0 = the highest; None when unknown."""
        for k, level in enumerate(self.levels):
            if level.label == label:
                return k
        return None

    def level_for(self, total: float, tools: Mapping[str, float] | None = None) -> Level | None:
        """The highest level ``total`` reaches, its tool minimum met by every tool of ``tools`` (code ->
        mean) when given, by the total alone without; None below every level. Figures as given."""
        for level in self.levels:
            tool_ok = tools is None or level.min_each_tool is None
            if total >= level.min_total - _EPS and (
                tool_ok or min(tools[c] for c in self.tool_codes) >= level.min_each_tool - _EPS
            ):
                return level
        return None

    def level_named(self, text: object) -> Level | None:
        """The grade or rating called ``text`` ("aa", "ผ่านดีเยี่ยม"; letters in either case), or None."""
        key = normalize_text(text).casefold()
        return next((lv for lv in self.levels if normalize_text(lv.label).casefold() == key), None)

    def indicator(self, number: int) -> Indicator:
        for ind in self.indicators:
            if ind.number == number:
                return ind
        raise KeyError(number)

    @property
    def numbers(self) -> tuple[int, ...]:
        return tuple(i.number for i in self.indicators)

    def tool_of(self) -> dict[int, str]:
        """Indicator number -> tool code."""
        return {i.number: i.tool for i in self.indicators}

    def item_text(self, code: str) -> str:
        """The framework's text of an item (e.g. "o8" -> "Q&A"); "" when the file gives none."""
        key = str(code).strip().lower()
        return next((text for item, text in self.item_texts if item == key), "")

    def item_indicator(self) -> dict[str, int]:
        """Item code (lower case, e.g. "i7", "o35") -> indicator number."""
        return {item.lower(): i.number for i in self.indicators for item in i.items}

    def resolve_indicator(self, text: object) -> tuple[int | None, str | None]:
        """Recognise an indicator from a cell: its number, its name, or both.

        Accepts "9", "๙", "ตัวชี้วัดที่ 9", "ind_9", "การเปิดเผยข้อมูล", "ตัวชี้วัดการเปิดเผยข้อมูล",
        "Open Data", "9. การเปิดเผยข้อมูล", names in their known variants, with a decomposed
        SARA AM or stray spaces. Returns (number, None) or (None, reason for the error).
        """
        raw = normalize_text(text)
        if not raw:
            return None, _("an indicator number {numbers} or name").format(numbers=self.number_range)
        s = to_arabic_digits(raw)
        codes = "|".join(re.escape(c) for c in self.tool_codes)
        s = re.sub(rf"\s*\(({codes})\)\s*$", "", s, flags=re.I)
        s = re.sub(r"^(ตัวชี้วัดที่|ตัวชี้วัด|indicator|ind)[\s_.:#-]*", "", s, flags=re.I)
        m = re.match(r"^(\d+)(?:\s*[.):\-–]\s*|\s+)?(.*)$", s)
        number: int | None = None
        name = s
        if m:
            number, name = int(m.group(1)), m.group(2).strip()
            if number not in self.numbers:
                return None, _("an indicator number {numbers} (got {number})").format(
                    numbers=self.number_range, number=number
                )
        if name:
            by_name = self._by_key.get(match_key(re.sub(r"^ตัวชี้วัด\s*", "", name)))
            if by_name is None:
                return None, _("a known indicator name") + self._suggest(name)
            if number is not None and number != by_name:
                ind = self.indicator(number)
                text = _(
                    "number and name of the same indicator: {number} is {indicator}, '{name}' is indicator {other}"
                )
                return None, text.format(number=number, indicator=ind.name_th, name=name, other=by_name)
            number = by_name
        return number, None

    def _suggest(self, name: str) -> str:
        close = difflib.get_close_matches(match_key(name), list(self._by_key), n=1, cutoff=0.5)
        if not close:
            return ""
        ind = self.indicator(self._by_key[close[0]])
        return _("; closest: {number} {name_th} ({name_en})").format(
            number=ind.number, name_th=ind.name_th, name_en=ind.name_en
        )

    def grade_labels(self) -> tuple[str, ...]:
        return tuple(level.label for level in self.levels)


def _parse(path: Path) -> Framework:
    data = validate.read_file(path)
    where = str(path)
    try:
        tools = tuple(
            Tool(t["code"].upper(), t["name_th"], t["name_en"], float(t["weight"]), *(t.get(k, "") for k in TOOL_TEXTS))
            for t in data["tools"]
        )
        indicators = tuple(
            Indicator(
                number=int(i["number"]),
                tool=i["tool"].upper(),
                name_th=normalize_text(i["name_th"]),
                name_en=normalize_text(i["name_en"]),
                variants_th=tuple(normalize_text(v) for v in i.get("variants_th", ())),
                variants_en=tuple(normalize_text(v) for v in i.get("variants_en", ())),
                items=tuple(str(x) for x in i.get("items", ())),
            )
            for i in data["indicators"]
        )
        grading = data["grading"]
        levels = tuple(
            Level(
                label=lv["label"],
                min_total=float(lv["min_total"]),
                min_each_tool=float(lv["min_each_tool"]) if "min_each_tool" in lv else None,
                label_en=lv.get("label_en"),
            )
            for lv in grading["levels"]
        )
        fw = Framework(
            fiscal_year=int(data["fiscal_year"]),
            status=str(data.get("status", "provisional")),
            pass_mark=float(data["pass_mark"]),
            tools=tools,
            indicators=indicators,
            grading_kind=str(grading["kind"]),
            levels=levels,
            source=str(data.get("source", "")),
            path=where,
            item_texts=tuple(
                (str(k).strip().lower(), normalize_text(v)) for k, v in data.get("item_texts", {}).items()
            ),
            national=_national(data.get("national")),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise validate.malformed(where, exc) from None
    validate.check(fw)
    validate.index_names(fw, fw._by_key)
    return fw


def _national(table: dict | None) -> National | None:
    """The ``[national]`` table, every field optional (KeyError/TypeError/ValueError when malformed)."""
    if table is None:
        return None
    kinds = {"agencies": int, "mean": float, "at_pass": int, "share_at_pass": float, "source": str, "approximate": bool}
    for key in table.keys() - kinds.keys():
        raise KeyError(f"national.{key} (unknown)")
    return National(**{key: kind(table[key]) for key, kind in kinds.items() if key in table})


def _search_dirs() -> list[Path]:
    return [*(Path(p) for p in os.environ.get("ITA_FRAMEWORKS_DIR", "").split(os.pathsep) if p), PACKAGE_DIR]


@cache
def _files(dirs: tuple[Path, ...]) -> dict[int, Path]:
    found: dict[int, Path] = {}
    for d in reversed(dirs):  # later entries are overridden by earlier ones
        if d.is_dir():
            found.update({int(m.group(1)): p for p in d.iterdir() if (m := _FILE.match(p.name))})
    return found


def available_years() -> list[int]:
    """Fiscal years (BE) that have a framework file."""
    return sorted(_files(tuple(_search_dirs())))


@cache
def _load_path(path: Path) -> Framework:
    return _parse(path)


def load_framework(fiscal_year: int) -> Framework:
    """The framework of one fiscal year (BE). Raises FrameworkError naming the known years."""
    files = _files(tuple(_search_dirs()))
    path = files.get(int(fiscal_year))
    if path is None:
        text = _(
            "no ITA framework for fiscal year {year}; known years: {known}. "
            "Add a file fy{year}.toml (see docs/methodology.md)."
        )
        raise FrameworkError(text.format(year=fiscal_year, known=", ".join(str(y) for y in sorted(files))))
    fw = _load_path(path)
    if fw.fiscal_year != int(fiscal_year):
        text = _("{path}: file name says {named}, content says {content}")
        raise FrameworkError(text.format(path=path, named=fiscal_year, content=fw.fiscal_year))
    return fw


def framework_or_latest(year: object) -> Framework:
    """The year's framework, or the latest confirmed one when the year is missing or unknown
    (to recognise indicator names while the year's own problem is reported elsewhere)."""
    try:
        return load_framework(int(year))  # None, NaN and <NA> fail int() with TypeError/ValueError
    except (FrameworkError, TypeError, ValueError):
        return any_framework()


def tool_column(code: str) -> str:
    """The summary column of a tool's mean score (and the header that names it in an input): the
    lower-case tool code, e.g. ``iit``."""
    return code.lower()


def weighted_column(code: str) -> str:
    """The summary column of the points a tool adds to the total: ``<code>_weighted``, lower case."""
    return f"{tool_column(code)}_weighted"


def known_tool_codes() -> tuple[str, ...]:
    """Tool codes of every framework file, in first-seen order (to read tool names in headers
    before the year of a table is known)."""
    return tuple(dict.fromkeys(c for y in available_years() for c in load_framework(y).tool_codes))


def any_framework() -> Framework:
    """The latest confirmed framework: used to recognise indicator names before a year is known."""
    years = available_years()
    if not years:
        raise FrameworkError(_("no ITA framework files found"))
    frameworks = [load_framework(y) for y in years]
    confirmed = [f for f in frameworks if not f.provisional]
    return (confirmed or frameworks)[-1]
