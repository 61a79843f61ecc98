"""The target gap in words a manager reads (Thai), for the notebooks and the three documents."""

from __future__ import annotations

from ita_analysis.compute.target_gap import level_of
from ita_analysis.frameworks import Framework
from ita_analysis.report.texts import goal_th


def point_values_th(plan, framework: Framework) -> str:
    """What one indicator point adds to the total, per tool: "IIT 0.06, EIT 0.10, OIT 0.20"."""
    parts = []
    for code in framework.tool_codes:
        first = framework.tool_indicators(code)[0].number
        parts.append(f"{code} {plan.weight_per_point[first]:.2f}")
    return ", ".join(parts)


def gap_sentence_th(plan, framework: Framework, *, given: bool = True, judge: Framework | None = None) -> str:
    """The plan of :func:`ita_analysis.compute.target_gap.plan_target` as one Thai paragraph:
    "เพื่อให้ได้ ... 95.00 คะแนน (ระดับ AA) ตัวชี้วัดที่ 9 ... ต้องได้ 100.00 คะแนน (เพิ่ม 14.44) ...
    รวมต้องเพิ่ม 104.49 คะแนน". ``given``: the agency set the target (else it is the next level);
    ``judge``: the framework of the target's year, whose grade or rating the planned result is given in."""
    goal = plan.goal
    after_level = level_of(plan.after, judge or framework)
    what = "ค่าเป้าหมาย" if given else "ระดับถัดไป"
    now = f"คะแนนรวมปัจจุบัน {plan.before.total:.2f} คะแนน (ระดับ {plan.before.grade})"
    if not plan.reachable:
        return (
            f"{what} {goal_th(goal)} ไม่สามารถทำได้จากคะแนนรายตัวชี้วัดที่ปรับได้ (ไม่เกิน 100 คะแนน) "
            f"{now} คะแนนรวมสูงสุดที่เป็นไปได้คือ {plan.after.total:.2f} คะแนน (ระดับ {after_level})"
        )
    if not plan.raised:
        return f"{now} ถึง{what} {goal_th(goal)} แล้ว"
    steps = [_step(numbers, plan, framework) for numbers in _groups(plan)]
    listed = steps[0] if len(steps) == 1 else ", ".join(steps[:-1]) + " และ" + steps[-1]
    return (
        f"เพื่อให้ได้{what} {goal_th(goal)} จาก{now} {listed} "
        f"รวมต้องเพิ่ม {plan.points:.2f} คะแนน ซึ่งเป็นทางที่ใช้คะแนนน้อยที่สุด "
        f"(คะแนนตัวชี้วัด 1 คะแนนเท่ากับคะแนนรวม {point_values_th(plan, framework)}) "
        f"คะแนนรวมตามแผนนี้ {plan.after.total:.2f} คะแนน (ระดับ {after_level})"
    )


def _groups(plan) -> list[list[int]]:
    """Raised indicators grouped by the score they must reach, those worth most per point first."""
    groups: dict[float, list[int]] = {}
    for n in sorted(plan.raised, key=lambda n: (-plan.weight_per_point[n], n)):
        groups.setdefault(plan.required[n], []).append(n)
    return list(groups.values())


def _step(numbers: list[int], plan, framework: Framework) -> str:
    """ "ตัวชี้วัดที่ 9 การเปิดเผยข้อมูล ต้องได้ 100.00 คะแนน (เพิ่ม 14.44)", or for several indicators
    reaching the same score "ตัวชี้วัดที่ 6, 7 และ 8 ต้องได้ 100.00 คะแนน (เพิ่ม 14.26, 24.58 และ 24.21)"."""
    gains = [f"{plan.required[n] - plan.before.scores[n]:.2f}" for n in numbers]
    if len(numbers) == 1:
        n = numbers[0]
        return f"ตัวชี้วัดที่ {n} {framework.indicator(n).name_th} ต้องได้ {plan.required[n]:.2f} คะแนน (เพิ่ม {gains[0]})"
    return (
        f"ตัวชี้วัดที่ {_and(list(map(str, numbers)))} ต้องได้ {plan.required[numbers[0]]:.2f} คะแนน "
        f"(เพิ่ม {_and(gains)} ตามลำดับ)"
    )


def _and(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " และ " + parts[-1]
