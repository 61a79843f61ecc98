"""The checks of a framework file: read as TOML, every field present and well formed, the tools,
indicators, item codes and grading levels consistent, no name given to two indicators. Each problem
is a :class:`FrameworkError` naming the file, in Thai or English."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from ita_analysis.errors import FrameworkError
from ita_analysis.i18n import gettext as _
from ita_analysis.thai.normalize import match_key

# A framework (ita_analysis.frameworks.Framework), read here by its fields only: this module is imported
# by that one, not the other way round.
Framework = Any


def read_file(path: Path) -> dict:
    """The TOML of a framework file; FrameworkError when it cannot be read or parsed."""
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise FrameworkError(
            _("{path}: cannot read the framework file: {error}").format(path=path, error=exc)
        ) from None


def malformed(where: str, exc: Exception) -> FrameworkError:
    """The error of a field missing or malformed (``exc``: the KeyError, TypeError or ValueError)."""
    return FrameworkError(_("{where}: missing or malformed field {field}").format(where=where, field=exc))


def index_names(fw: Framework, by_key: dict[str, int]) -> None:
    """Fill ``by_key`` (a name's match key -> indicator number); FrameworkError when a name is given
    to two indicators."""
    for ind in fw.indicators:
        for name in ind.names:
            other = by_key.setdefault(match_key(name), ind.number)
            if other != ind.number:
                text = _("{where}: name '{name}' is given to indicators {one} and {other}")
                raise FrameworkError(text.format(where=fw.path, name=name, one=other, other=ind.number))


def check(fw: Framework) -> None:
    """FrameworkError listing every inconsistency of a framework read from its file."""
    problems = [*_fields(fw), *_tools(fw), *_indicators(fw)]
    mins = [lv.min_total for lv in fw.levels]
    if not fw.levels or mins != sorted(mins, reverse=True) or mins[-1] != 0:
        problems.append(_("grading levels must go from the highest minimum down to min_total = 0"))
    if problems:
        raise FrameworkError(f"{fw.path}: " + "; ".join(problems))


def _fields(fw: Framework) -> list[str]:
    problems = []
    if fw.status not in ("confirmed", "provisional"):
        problems.append(_("status must be 'confirmed' or 'provisional', not {value}").format(value=repr(fw.status)))
    if fw.grading_kind not in ("letter", "rating"):
        text = _("grading.kind must be 'letter' or 'rating', not {value}")
        problems.append(text.format(value=repr(fw.grading_kind)))
    return problems


def _tools(fw: Framework) -> list[str]:
    problems = []
    codes = fw.tool_codes
    for t in (t for t in fw.tools if t.basis not in ("", "perception", "disclosure")):
        text = _("tool {code}: basis must be 'perception' or 'disclosure', not {value}")
        problems.append(text.format(code=t.code, value=repr(t.basis)))
    if len(set(codes)) != len(codes):
        problems.append(_("tool codes repeat"))
    total = sum(t.weight for t in fw.tools)
    if abs(total - 1.0) > 1e-9:
        problems.append(_("tool weights add up to {total}, not 1").format(total=total))
    return problems


def _indicators(fw: Framework) -> list[str]:
    problems = []
    numbers = sorted(fw.numbers)
    if numbers != list(range(1, len(numbers) + 1)):
        problems.append(_("indicator numbers must run 1..n without gaps, got {numbers}").format(numbers=numbers))
    for ind in fw.indicators:
        if ind.tool not in fw.tool_codes:
            problems.append(_("indicator {number} names unknown tool {tool}").format(number=ind.number, tool=ind.tool))
    for code in fw.tool_codes:
        if code not in {i.tool for i in fw.indicators}:
            problems.append(_("tool {code} has no indicator").format(code=code))
    items = [x.lower() for i in fw.indicators for x in i.items]
    if len(set(items)) != len(items):
        problems.append(_("an item code is given to two indicators"))
    unknown = [code for code, _text in fw.item_texts if code not in items]
    if unknown:
        problems.append(_("item_texts names item codes no indicator lists: {codes}").format(codes=", ".join(unknown)))
    return problems
