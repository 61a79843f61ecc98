"""Target gap: figures worked by hand from the reference document's FY2563 scores, and every plan
checked against an independent linear programme (scipy's linprog)."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import SCORES

from ita_analysis.compute.scoring import grade
from ita_analysis.compute.target_gap import (
    GAP_COLUMNS,
    TargetError,
    goal_for,
    goal_framework,
    level_of,
    next_level_goal,
    plan_for,
    plan_target,
    read_target,
    weights_per_point,
)
from ita_analysis.compute.whatif import evaluate
from ita_analysis.errors import FrameworkError
from ita_analysis.frameworks import available_years, load_framework
from ita_analysis.report.texts import goal_th

OCSC = dict(zip(range(1, 11), SCORES[2563], strict=True))


def test_weight_per_point_fy2563():
    # 0.30 / 5 IIT indicators, 0.30 / 3 EIT, 0.40 / 2 OIT
    wpp = weights_per_point(load_framework(2563))
    assert [round(wpp[n], 4) for n in range(1, 11)] == [0.06] * 5 + [0.1] * 3 + [0.2] * 2


def test_target_95_fy2563_by_hand():
    # Unrounded total 82.4372 (IIT 80.434, EIT 78.98333, OIT 86.53). The OIT first (0.20 a point):
    # 14.44 + 12.50 = 26.94 points -> +5.388; then the EIT (0.10): 14.26 + 24.58 + 24.21 = 63.05
    # -> +6.305 (94.1302); the IIT (0.06) closes 0.8698 with 14.4967 -> 14.50 points, its lowest
    # indicators raised to one level: 75.78 -> 77.62 -> 78.61 -> 80.87, then four at 81.845
    # (two at 81.85, two at 81.84). 26.94 + 63.05 + 14.50 = 104.49 points.
    fw = load_framework(2563)
    plan = plan_target(OCSC, fw, goal_for(95, fw))
    assert plan.reachable
    assert plan.goal.level == "AA"
    assert plan.points == pytest.approx(104.49)
    assert plan.required == {1: 89.29, 2: 81.85, 3: 81.85, 4: 81.84, 5: 81.84, 6: 100.0, 7: 100.0, 8: 100.0,
                             9: 100.0, 10: 100.0}  # fmt: skip
    assert plan.after.total == 95.00 and plan.after.grade == "AA"


def test_target_85_fy2563_by_hand():
    # gap 85 - 82.4372 = 2.5628 -> 12.814 OIT points -> 12.82: 9 rises 1.94 to 87.50, then both
    # share 10.88: 92.94 each. OIT 92.94 -> total 24.1302 + 23.695 + 37.176 = 85.0012.
    fw = load_framework(2563)
    plan = plan_target(OCSC, fw, goal_for("85", fw))
    assert plan.raised == [9, 10]
    assert plan.required[9] == 92.94 and plan.required[10] == 92.94
    assert plan.points == pytest.approx(12.82)
    assert plan.after.total == 85.00 and plan.after.grade == "A"


def test_grade_label_as_target():
    fw = load_framework(2563)
    assert goal_for("aa", fw).min_total == 95.0
    assert plan_target(OCSC, fw, goal_for("A", fw)).points == pytest.approx(12.82)
    with pytest.raises(ValueError, match="AA, A, B"):
        goal_for("A+", fw)
    with pytest.raises(ValueError, match="0 to 100"):
        goal_for(101, fw)


def test_goal_already_met_on_published_figures():
    # the published total is 82.44 (unrounded 82.4372): no point is needed for 82.44, 0.07 for 82.45
    fw = load_framework(2563)
    assert plan_target(OCSC, fw, goal_for(82.44, fw)).points == 0
    plan = plan_target(OCSC, fw, goal_for(82.45, fw))
    assert plan.raised == [9] and plan.points == pytest.approx(0.07)  # 0.0128 / 0.20 = 0.064


def test_unreachable_with_only_oit_movable():
    # IIT and EIT kept: the best is OIT at 100: 24.1302 + 23.695 + 40 = 87.8252 -> 87.83 (A, not AA)
    fw = load_framework(2563)
    plan = plan_target(OCSC, fw, goal_for(95, fw), movable=[9, 10])
    assert not plan.reachable
    assert plan.after.total == 87.83 and plan.after.grade == "A"
    assert plan.required[9] == 100.0 and plan.required[1] == 89.29


def test_rating_year_tool_minimum_binds():
    # FY2566: total 28.8 + 27.6 + 40 = 96.40 already above 95, but EIT 92 < 95 -> ผ่านดี. A target
    # of 95 is ผ่านดีเยี่ยม: EIT must gain 3 x 95 - 276 = 9 points (95 each); total 97.30.
    fw = load_framework(2566)
    scores = {1: 96, 2: 96, 3: 96, 4: 96, 5: 96, 6: 92, 7: 92, 8: 92, 9: 100, 10: 100}
    assert evaluate(scores, fw).grade == "ผ่านดี"
    plan = plan_target(scores, fw, goal_for(95, fw))
    assert plan.goal.level == "ผ่านดีเยี่ยม" and plan.goal.min_each_tool == 95.0
    assert plan.points == pytest.approx(9.0)
    assert plan.raised == [6, 7, 8] and plan.required[6] == 95.0
    assert plan.after.total == 97.30 and plan.after.grade == "ผ่านดีเยี่ยม"


def test_rating_year_85_needs_every_tool_at_85():
    # FY2566, OCSC's FY2563 scores, target 85 = ผ่านดี: IIT needs 425 - 402.17 = 22.83 points and
    # EIT 255 - 236.95 = 18.05; then the total is 25.5 + 25.5 + 34.612 = 85.61, no more needed.
    fw = load_framework(2566)
    plan = plan_target(OCSC, fw, goal_for(85, fw))
    assert plan.points == pytest.approx(40.88)
    assert plan.after.tools == {"IIT": 85.0, "EIT": 85.0, "OIT": 86.53}
    assert plan.after.total == 85.61 and plan.after.grade == "ผ่านดี"
    # IIT water level 80.87 + 12.23 / 4 = 83.9275: three at 83.93, one at 83.92
    assert [plan.required[n] for n in (2, 3, 4, 5)] == [83.93, 83.93, 83.93, 83.92]
    assert plan.required[7] == plan.required[8] == 84.63  # 75.42 -> 75.79, then 17.68 / 2 each


def test_rating_unreachable_tool_minimum():
    # only the OIT may move: EIT can never reach 85 -> out of reach; best: OIT 100 -> 87.83, ผ่าน
    fw = load_framework(2566)
    plan = plan_target(OCSC, fw, goal_for("ผ่านดี", fw), movable=[9, 10])
    assert not plan.reachable
    assert plan.after.total == 87.83 and plan.after.grade == "ผ่าน"


def test_next_level_goal():
    fw = load_framework(2563)
    goal = next_level_goal(evaluate(OCSC, fw), fw)
    assert goal.level == "A" and goal.min_total == 85.0
    assert next_level_goal(evaluate(dict.fromkeys(range(1, 11), 100.0), fw), fw) is None


def test_table_columns_and_rows():
    fw = load_framework(2563)
    table = plan_target(OCSC, fw, goal_for(85, fw)).table("สำนักงาน ก.พ.", 2563)
    assert list(table.columns) == GAP_COLUMNS
    row = table[table["indicator"] == 9].iloc[0]
    assert (row["score"], row["weight_per_point"], row["required_score"], row["points_to_gain"]) == (
        85.56,
        0.2,
        92.94,
        7.38,
    )
    assert table["points_to_gain"].sum() == pytest.approx(12.82)


def _linprog_points(scores, fw, goal, movable=None):
    """Fewest points by a linear programme, written apart from the code under test."""
    from scipy.optimize import linprog

    numbers = list(fw.numbers)
    tool_of = fw.tool_of()
    n_of = {c: sum(1 for t in tool_of.values() if t == c) for c in fw.tool_codes}
    w = np.array([fw.weights[tool_of[n]] / n_of[tool_of[n]] for n in numbers])
    s = np.array([scores[n] for n in numbers], dtype=float)
    a_ub, b_ub = [-w], [-(goal.min_total - float(w @ s))]
    if goal.min_each_tool is not None:
        for c in fw.tool_codes:
            row = np.array([-1.0 if tool_of[n] == c else 0.0 for n in numbers])
            a_ub.append(row)
            b_ub.append(-(n_of[c] * goal.min_each_tool - s[row < 0].sum()))
    hi = [(100 - s[k]) if movable is None or n in movable else 0.0 for k, n in enumerate(numbers)]
    res = linprog(np.ones(len(numbers)), A_ub=np.array(a_ub), b_ub=b_ub, bounds=[(0, h) for h in hi])
    return res.fun if res.status == 0 else None


@pytest.mark.parametrize("year", [2563, 2566])
@pytest.mark.parametrize("seed", range(12))
def test_fewest_points_against_linear_programme(year, seed):
    fw = load_framework(year)
    rng = np.random.default_rng(seed)
    scores = {n: float(np.round(rng.uniform(40, 100), 2)) for n in fw.numbers}
    target = float(np.round(rng.uniform(60, 99), 2))
    goal = goal_for(target, fw)
    movable = None if seed % 3 else set(rng.choice(fw.numbers, size=6, replace=False).tolist())
    plan = plan_target(scores, fw, goal, movable=movable)
    expected = _linprog_points(scores, fw, goal, movable)
    if evaluate(scores, fw).total >= target and (
        goal.min_each_tool is None or min(evaluate(scores, fw).tools.values()) >= goal.min_each_tool
    ):
        assert plan.points == 0
        return
    assert plan.reachable == (expected is not None)
    if expected is None:
        assert all(plan.required[n] == (100.0 if n in movable else scores[n]) for n in fw.numbers)
        return
    # two-decimal scores: each tool's points rounded up to 0.01
    assert expected - 1e-6 <= plan.points <= expected + 0.01 * len(fw.tools) + 1e-6
    assert plan.after.total >= goal.min_total
    assert all(v <= 100 for v in plan.required.values())
    assert all(plan.required[n] >= scores[n] for n in fw.numbers)
    if goal.min_each_tool is not None:
        assert min(plan.after.tools.values()) >= goal.min_each_tool


# ------------------------------------------------- the plan year's framework across FY2565 -> FY2566
def test_goal_framework_is_the_plan_years():
    # analysing FY2564 plans FY2565 (letter grades); analysing FY2565 plans FY2566 (ratings)
    assert goal_framework(2564).fiscal_year == 2565 and goal_framework(2564).grading_kind == "letter"
    assert goal_framework(2565).fiscal_year == 2566 and goal_framework(2565).grading_kind == "rating"
    assert goal_framework(2561).fiscal_year == 2562  # no FY2561 file, but FY2562 is the plan year
    assert goal_framework(2569).fiscal_year == 2569  # no FY2570 file yet: the analysed year's
    with pytest.raises(FrameworkError, match="fiscal year 2570"):
        goal_framework(2570)


@pytest.mark.parametrize(
    ("target", "level", "min_total", "min_each_tool"),
    [
        (95, "ผ่านดีเยี่ยม", 95.0, 95.0), (95.01, "ผ่านดีเยี่ยม", 95.01, 95.0), (94.99, "ผ่านดี", 94.99, 85.0),
        ("๘๕", "ผ่านดี", 85.0, 85.0), (84.99, "ต้องปรับปรุง", 84.99, None), (70, "ต้องปรับปรุง", 70.0, None),
        (69.99, "ต้องปรับปรุงโดยด่วน", 69.99, None), ("ผ่านดีเยี่ยม", "ผ่านดีเยี่ยม", 95.0, 95.0),
        ("ผ่าน", "ผ่าน", 85.0, None), ("ต้องปรับปรุง", "ต้องปรับปรุง", 70.0, None),
    ],
)  # fmt: skip
def test_a_target_after_fy2565_is_a_rating(target, level, min_total, min_each_tool):
    goal = goal_for(target, goal_framework(2565))
    assert (goal.level, goal.min_total, goal.min_each_tool) == (level, min_total, min_each_tool)


@pytest.mark.parametrize(
    ("target", "level", "min_total"),
    [(95, "AA", 95.0), (94.99, "A", 94.99), (85, "A", 85.0), (84.99, "B", 84.99), ("aa", "AA", 95.0), ("F", "F", 0.0)],
)
def test_a_target_after_fy2564_is_a_letter_grade(target, level, min_total):
    goal = goal_for(target, goal_framework(2564))
    assert (goal.level, goal.min_total, goal.min_each_tool) == (level, min_total, None)


def test_a_letter_grade_is_no_target_in_a_rating_year_and_back():
    with pytest.raises(ValueError, match="FY2566 level"):
        goal_for("AA", goal_framework(2565))
    with pytest.raises(ValueError, match="FY2565 level"):
        goal_for("ผ่านดี", goal_framework(2564))


def test_goal_text_names_the_rating_and_the_tool_minimum():
    assert goal_th(goal_for(95, goal_framework(2565))) == (
        "95.00 คะแนน (ระดับ ผ่านดีเยี่ยม) และทุกเครื่องมือไม่ต่ำกว่า 95.00 คะแนน"
    )
    assert goal_th(goal_for(95, goal_framework(2564))) == "95.00 คะแนน (ระดับ AA)"


def test_fy2565_scores_planned_for_a_fy2566_rating():
    # OCSC's FY2563 scores under the FY2565 framework, target 95 for FY2566 = ผ่านดีเยี่ยม: every tool to
    # 95 (IIT 475 - 402.17 = 72.83 points, EIT 285 - 236.95 = 48.05, OIT 190 - 173.06 = 16.94), which
    # makes the total 28.50 + 28.50 + 38.00 = 95.00: 137.82 points, every indicator at 95.00
    fy2565 = load_framework(2565)
    plan = plan_target(OCSC, fy2565, goal_for(95, goal_framework(2565)))
    assert plan.reachable and plan.points == pytest.approx(137.82)
    assert plan.required == dict.fromkeys(range(1, 11), 95.0)
    assert plan.after.tools == {"IIT": 95.0, "EIT": 95.0, "OIT": 95.0} and plan.after.total == 95.00
    assert plan.after.grade == "AA"  # the analysed year's letter
    assert level_of(plan.after, goal_framework(2565)) == "ผ่านดีเยี่ยม"  # the plan year's rating
    assert level_of(evaluate(OCSC, fy2565), goal_framework(2565)) == "ต้องปรับปรุง"  # 82.44 now


def test_next_level_goal_across_the_switch():
    # without a target, the default goal is the level above the one reached. OCSC's 82.44 (B in
    # FY2565) is ต้องปรับปรุง as a FY2566 rating, so the next level is ผ่าน (85) -- not "already at
    # the top", which is what a None says.
    goal = next_level_goal(evaluate(OCSC, load_framework(2565)), goal_framework(2565))
    assert goal is not None and goal.level == "ผ่าน" and goal.min_total == 85.0


@pytest.mark.parametrize("year", available_years())
def test_level_for_is_the_grade(year):
    # the level of a total and tool means, as the vectorised grading decides it, on random figures
    # near every level's edges (2 decimals, as published)
    fw = load_framework(year)
    rng = np.random.default_rng(year)
    edges = [lv.min_total for lv in fw.levels] + [lv.min_each_tool for lv in fw.levels if lv.min_each_tool]

    def pick() -> float:
        return round(float(rng.choice(edges)) + float(rng.choice([-0.01, 0.0, 0.01, rng.uniform(-5, 5)])), 2)

    for _ in range(300):
        total, tools = pick(), {c: pick() for c in fw.tool_codes}
        expected = str(grade(total, {c: np.array([v]) for c, v in tools.items()}, fw)[0])
        level = fw.level_for(total, tools)
        assert (level.label if level else "") == expected, (total, tools)


def test_plan_for_judges_the_goal_by_the_plan_year():
    # FY2565 scores of 95.20 (AA): target 95 for FY2566 is ผ่านดีเยี่ยม, OIT 94 -> 95 (2 points)
    scores = {**dict.fromkeys(range(1, 9), 96.0), 9: 94.0, 10: 94.0}
    targeted = plan_for(scores, 2565, "๙๕")
    assert (targeted.given, targeted.judged_by, targeted.goal.level) == (True, 2566, "ผ่านดีเยี่ยม")
    assert targeted.plan.points == 2.0 and targeted.plan.raised == [9, 10]
    assert plan_for(scores, 2564, 95).plan.points == 0  # AA for FY2565: reached
    assert plan_for(scores, 2564, None).goal is None and plan_for(scores, 2564, None).plan is None  # the top
    assert plan_for(scores, 2565, None).goal.level == "ผ่านดีเยี่ยม"  # ผ่านดี by the FY2566 ratings
    assert read_target(" 95 ", 2565) == 95.0 and read_target("", 2565) is None
    with pytest.raises(TargetError, match="FY2566 level"):
        read_target("AA", 2565)
