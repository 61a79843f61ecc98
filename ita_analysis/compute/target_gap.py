"""Target gap: what a target takes, and the plan that reaches it with the fewest indicator points.

One point of an indicator is worth ``tool weight / number of the tool's indicators`` points of the
total (FY2563: 0.06 per IIT indicator, 0.10 per EIT, 0.20 per OIT). A goal is a total to reach
and, where the goal's grade or rating asks for it (ผ่านดีเยี่ยม: every tool at least 95), a minimum
for every tool's mean.

The plan: first each tool's shortfall against the tool minimum (those points are needed whatever
else is done); then the rest of the total's gap from the tools whose points are worth most, each
up to its indicators' ceiling (100). This is the least total of indicator points (a fractional
knapsack: every point of a tool is worth the same). Within a tool the points go to its lowest
indicators first, raising them to a common level. Planned scores carry two decimals; each tool's
points are rounded up to the next 0.01, and the plan is checked with the scoring code itself.
A plan aims at the goal's total itself, not at the 0.005 below it that rounding would show as
the goal: a plan on that edge would depend on the unrounded scores NACC does not print. An
agency whose published (2-decimal) figures already meet the goal needs no plan.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping
from dataclasses import dataclass

import pandas as pd

from ita_analysis.compute.whatif import Result, evaluate
from ita_analysis.errors import FrameworkError
from ita_analysis.frameworks import Framework, Level, load_framework
from ita_analysis.i18n import gettext as _
from ita_analysis.thai.numbers import parse_number

GAP_COLUMNS = [
    "agency", "fiscal_year", "indicator", "score", "weight_per_point", "required_score", "points_to_gain",
]  # fmt: skip
_EPS = 1e-9


class TargetError(ValueError):
    """A target that is neither a score from 0 to 100 nor a level of the goal framework."""


@dataclass(frozen=True)
class Goal:
    """What a target asks: a total, and a minimum for each tool where the level needs one."""

    min_total: float
    min_each_tool: float | None = None
    level: str | None = None  # the grade or rating the target is (or reaches)
    given: str = ""  # the target as given: "95.00" or "AA"


def target_value(target: object) -> float | str | None:
    """A target as given (``--target``, the notebooks' ``target``): a number (also as text, Thai
    digits too), else a grade or rating label; None for none."""
    if target is None or target == "":
        return None
    number = parse_number(target) if not isinstance(target, float | int) else float(target)
    return number if number is not None else str(target).strip()


def goal_for(target: float | str, framework: Framework) -> Goal:
    """The goal of a target under a framework: a score (the total; in a rating year also the tool
    minimum of the rating that total reaches: 95 -> ผ่านดีเยี่ยม, every tool at least 95) or a
    grade/rating label of the framework (its minima). Raises TargetError for anything else."""
    number = parse_number(target) if not isinstance(target, (int, float)) else float(target)
    if number is not None:
        if not 0.0 <= number <= 100.0:
            raise TargetError(_("a target from 0 to 100 points, not {target}").format(target=target))
        level = _level_reached(number, framework)
        return Goal(float(number), level.min_each_tool, level.label, f"{number:.2f}")
    level = framework.level_named(target)
    if level is None:
        labels = ", ".join(framework.grade_labels())
        why = _("a target score (0-100) or a FY{year} level ({labels}), not '{target}'")
        raise TargetError(why.format(year=framework.fiscal_year, labels=labels, target=target))
    return Goal(level.min_total, level.min_each_tool, level.label, level.label)


def goal_framework(fiscal_year: int) -> Framework:
    """The framework a target set after analysing ``fiscal_year`` is judged by: the plan year's
    (``fiscal_year + 1``) where there is one (a target for FY2566 is a rating), else the analysed
    year's."""
    try:
        return load_framework(fiscal_year + 1)
    except FrameworkError:
        return load_framework(fiscal_year)


def read_target(target: object, fiscal_year: int) -> float | str | None:
    """A target as given where it enters (``--target``, the notebooks' ``target``), checked against
    the goal framework of ``fiscal_year``: a score (Thai digits too) or a level label; None for none.
    Raises TargetError for anything else (AA after FY2565: the FY2566 ratings have no AA)."""
    value = target_value(target)
    if value is not None:
        goal_for(value, goal_framework(fiscal_year))
    return value


def _level_reached(total: float, framework: Framework) -> Level:
    """The level a target total reaches where every tool is at it too (95 -> ผ่านดีเยี่ยม, whose
    tool minimum the goal then asks)."""
    level = framework.level_for(total, dict.fromkeys(framework.tool_codes, total))
    assert level is not None  # the lowest level's minimum is 0
    return level


def next_level_goal(result: Result, framework: Framework) -> Goal | None:
    """The level just above the one reached, both judged by ``framework`` (the plan year's: a
    FY2565 letter grade B is a FY2566 rating first); None at the top level or when the result's level
    is not one of the framework's."""
    rank = framework.level_rank(level_of(result, framework))
    if not rank:
        return None
    level = framework.levels[rank - 1]
    return Goal(level.min_total, level.min_each_tool, level.label, level.label)


@dataclass(frozen=True)
class GapPlan:
    """The plan for one agency-year. ``required`` holds every indicator's planned score."""

    goal: Goal
    before: Result
    after: Result  # the planned scores' result (the best possible one when the goal is out of reach)
    required: dict[int, float]
    weight_per_point: dict[int, float]
    reachable: bool

    @property
    def points(self) -> float:
        """Indicator points to gain in all."""
        return round(sum(self.required[n] - self.before.scores[n] for n in self.required), 2)

    @property
    def raised(self) -> list[int]:
        """Indicators the plan raises, in framework order."""
        return [n for n in self.required if self.required[n] > self.before.scores[n] + _EPS]

    def table(self, agency: str, fiscal_year: int) -> pd.DataFrame:
        """The plan as ``target_gap.csv`` rows (``GAP_COLUMNS``), one per indicator."""
        numbers = list(self.required)
        return pd.DataFrame(
            {
                "agency": agency,
                "fiscal_year": fiscal_year,
                "indicator": numbers,
                "score": [self.before.scores[n] for n in numbers],
                "weight_per_point": [round(self.weight_per_point[n], 4) for n in numbers],
                "required_score": [self.required[n] for n in numbers],
                "points_to_gain": [round(self.required[n] - self.before.scores[n], 2) for n in numbers],
            },
            columns=GAP_COLUMNS,
        )


def level_of(result: Result, framework: Framework) -> str:
    """The grade or rating of a result under another year's levels (a FY2565 plan for a FY2566
    target is judged as a rating); the result's own grade where the tools differ."""
    if set(framework.tool_codes) != set(result.tools):
        return result.grade
    level = framework.level_for(result.total, result.tools)
    return "" if level is None else level.label


def weights_per_point(framework: Framework) -> dict[int, float]:
    """Indicator number -> points of the total one point of the indicator is worth."""
    return {
        ind.number: framework.tool(ind.tool).weight / len(framework.tool_indicators(ind.tool))
        for ind in framework.indicators
    }


def plan_target(
    scores: Mapping[int, float],
    framework: Framework,
    goal: Goal,
    *,
    movable: Collection[int] | None = None,
    ceiling: float = 100.0,
) -> GapPlan:
    """The plan reaching ``goal`` with the fewest indicator points, no indicator above ``ceiling``.

    ``movable``: the indicators that may change (default all; e.g. only the OIT's, which the agency
    controls directly). When the goal is out of reach the plan raises every movable indicator to
    the ceiling and ``reachable`` is False: ``after`` is then the best result possible.
    """
    before = evaluate(scores, framework)
    wpp = weights_per_point(framework)
    movable = set(framework.numbers if movable is None else movable)
    room = {n: (max(0.0, ceiling - before.scores[n]) if n in movable else 0.0) for n in framework.numbers}
    if _meets(before, goal):  # already there (on the published, 2-decimal figures)
        return GapPlan(goal, before, before, dict(before.scores), wpp, True)
    points = _tool_points(before, framework, goal, room, wpp)
    if points is None:
        best = {n: before.scores[n] + room[n] for n in framework.numbers}
        return GapPlan(goal, before, evaluate(best, framework), best, wpp, False)
    required = dict(before.scores)
    for code, p in points.items():
        required.update(_fill(before.scores, [i.number for i in framework.tool_indicators(code)], room, p))
    after = evaluate(required, framework)
    if not _meets(after, goal):  # rounding of the total: one more hundredth where it is worth most
        required = _nudge(required, framework, goal, room, before)
        after = evaluate(required, framework)
    return GapPlan(goal, before, after, required, wpp, _meets(after, goal))


@dataclass(frozen=True)
class TargetPlan:
    """An agency-year's goal and the plan reaching it: ``goal`` (None at the top level), ``given``
    (the target was given, else the level above the one reached), ``judged_by`` (the fiscal year of
    the goal framework), ``result`` (the analysed year's tool means, total and level) and ``plan``
    (None without a goal)."""

    goal: Goal | None
    given: bool
    judged_by: int
    result: Result
    plan: GapPlan | None

    @property
    def judge(self) -> Framework:
        """The framework the goal is judged by."""
        return load_framework(self.judged_by)


def plan_for(
    scores: Mapping[int, float], fiscal_year: int, target: object, movable: Collection[int] | None = None
) -> TargetPlan:
    """The plan of one agency-year's indicator ``scores`` (of ``fiscal_year``) to ``target`` (a
    score or a level, read by :func:`read_target`; None: the level above the one reached), the
    goal judged by :func:`goal_framework`, the plan made on the analysed year's indicators. Every
    door (``target-gap``, ``run``, the notebooks) asks this one function."""
    framework = load_framework(fiscal_year)
    judge = goal_framework(fiscal_year)
    value = target_value(target)
    result = evaluate(scores, framework)
    if value is not None:
        goal, given = goal_for(value, judge), True
    else:
        goal, given = next_level_goal(result, judge), False
    plan = None if goal is None else plan_target(scores, framework, goal, movable=movable)
    return TargetPlan(goal, given, judge.fiscal_year, result, plan)


def _tool_points(before: Result, fw: Framework, goal: Goal, room, wpp) -> dict[str, float] | None:
    """Points each tool gains (rounded up to 0.01), or None when the goal is out of reach."""
    points: dict[str, float] = {}
    cap: dict[str, float] = {}
    for code in fw.tool_codes:
        nums = [i.number for i in fw.tool_indicators(code)]
        cap[code] = sum(room[n] for n in nums)
        need = 0.0
        if goal.min_each_tool is not None:
            need = max(0.0, len(nums) * goal.min_each_tool - sum(before.scores[n] for n in nums))
        if need > cap[code] + _EPS:
            return None
        points[code] = need
    exact = sum(
        fw.tool(c).weight * sum(before.scores[i.number] for i in fw.tool_indicators(c)) / len(fw.tool_indicators(c))
        for c in fw.tool_codes
    )
    gap = goal.min_total - exact - sum(points[c] * _worth(fw, c, wpp) for c in fw.tool_codes)
    for code in sorted(fw.tool_codes, key=lambda c: -_worth(fw, c, wpp)):
        if gap <= _EPS:
            break
        add = min(cap[code] - points[code], gap / _worth(fw, code, wpp))
        points[code] += add
        gap -= add * _worth(fw, code, wpp)
    if gap > 1e-6:
        return None
    return {c: min(cap[c], math.ceil(p * 100 - 1e-6) / 100) for c, p in points.items()}


def _worth(fw: Framework, code: str, wpp: dict[int, float]) -> float:
    return wpp[fw.tool_indicators(code)[0].number]


def _fill(scores: Mapping[int, float], numbers: list[int], room, points: float) -> dict[int, float]:
    """Raise the lowest of ``numbers`` first to a common level, ``points`` in all (in hundredths)."""
    hundredths = round(points * 100)
    new = {n: round(scores[n] * 100) for n in numbers}
    top = {n: new[n] + round(room[n] * 100) for n in numbers}
    while hundredths > 0:
        open_ = sorted((n for n in numbers if new[n] < top[n]), key=lambda n: (new[n], n))
        if not open_:
            break
        low = new[open_[0]]
        group = [n for n in open_ if new[n] == low]
        higher = [new[n] for n in open_ if new[n] > low]
        step = min([*(top[n] - low for n in group), *((h - low) for h in higher[:1])])
        if step * len(group) > hundredths:
            each, extra = divmod(hundredths, len(group))
            for k, n in enumerate(group):
                new[n] += each + (1 if k < extra else 0)
            hundredths = 0
            break
        for n in group:
            new[n] += step
        hundredths -= step * len(group)
    return {n: new[n] / 100 for n in numbers}


def _meets(result: Result, goal: Goal) -> bool:
    if result.total < goal.min_total - _EPS:
        return False
    return goal.min_each_tool is None or all(v >= goal.min_each_tool - _EPS for v in result.tools.values())


def _nudge(required, fw: Framework, goal: Goal, room, before: Result) -> dict[int, float]:
    """Add 0.01 to the open indicator worth most until the goal is met (rounding of the total)."""
    wpp = weights_per_point(fw)
    required = dict(required)
    for _round in range(100):
        open_ = [n for n in fw.numbers if required[n] < before.scores[n] + room[n] - _EPS]
        if not open_ or _meets(evaluate(required, fw), goal):
            break
        n = max(open_, key=lambda k: (wpp[k], -required[k]))
        required[n] = round(required[n] + 0.01, 2)
    return required
