"""The target gap in words a manager reads (Thai), for the notebooks and the three documents.

The paragraph says how much of the gap between the current total and the goal the agency can close
itself, through the tools that check what it discloses (a framework file's ``basis = "disclosure"``:
OIT), and how much must come from the tools that survey stakeholders' perceptions (``basis =
"perception"``: IIT, EIT), whose scores the agency cannot set: for those it names the indicators
whose perception must improve and the tool mean it must reach, not scores to be "set". Indicators
are named by their Thai names, grouped by tool in indicator order, and listed as Thai documents
list things: items separated by spaces, the last joined with "และ", no commas.
"""

from __future__ import annotations

from ita_analysis.compute.target_gap import level_of
from ita_analysis.frameworks import Framework
from ita_analysis.report.texts import goal_th, thai_list


def gap_sentence_th(plan, framework: Framework, *, given: bool = True, judge: Framework | None = None) -> str:
    """The plan of :func:`ita_analysis.compute.target_gap.plan_target` as one Thai paragraph:
    "เพื่อให้ได้ค่าเป้าหมาย 95.00 คะแนน (ระดับ AA) จากคะแนนรวมปัจจุบัน 82.44 คะแนน (ระดับ B) คะแนนรวมต้อง
    เพิ่มขึ้น 12.56 คะแนน แบบตรวจการเปิดเผยข้อมูลสาธารณะ (OIT) ซึ่งหน่วยงานดำเนินการได้เอง เพิ่มคะแนนรวมได้
    5.39 คะแนน ... อีก 7.17 คะแนนต้องมาจาก... คะแนนรวมตามแผนนี้ 95.00 คะแนน (ระดับ AA)".
    ``given``: the agency set the target (else it is the next level); ``judge``: the framework of
    the target's year, whose grade or rating the planned result is given in."""
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
    gap = max(0.0, goal.min_total - plan.before.total)
    return (
        f"เพื่อให้ได้{what} {goal_th(goal)} จาก{now} คะแนนรวมต้องเพิ่มขึ้น {gap:.2f} คะแนน "
        f"{_shares(plan, framework)} คะแนนรวมตามแผนนี้ {plan.after.total:.2f} คะแนน (ระดับ {after_level})"
    )


def _shares(plan, framework: Framework) -> str:
    """The part the agency's own disclosure closes and the part that must come from perceptions.

    The points each part adds to the total are the plan's indicator points times their weight per
    point; the disclosure part is rounded to 0.01 and the perception part is the rest of the
    planned rise of the (printed) total, so that the two add up to what the paragraph states."""
    own = [c for c in framework.tools_of("disclosure") if _raised(plan, framework, c)]
    others = [c for c in framework.tool_codes if c not in framework.tools_of("disclosure")]
    raised_others = [c for c in others if _raised(plan, framework, c)]
    rise = plan.after.total - plan.before.total
    own_points = round(sum(_points(plan, framework, c) for c in own), 2)
    if not raised_others:
        perceptions = thai_list([_tool_name(framework, c) for c in others])
        return (
            f"ซึ่งหน่วยงานทำได้เองทั้งหมดจาก{thai_list([_tool_name(framework, c) for c in own])} "
            f"เมื่อยกคะแนน{_own_steps(plan, framework, own)}"
            + (f" โดยไม่ต้องอาศัยคะแนนจาก{perceptions}" if perceptions else "")
        )
    rest = _others_text(plan, framework, raised_others)
    if not own:
        return f"ทั้งหมดต้องมาจาก{rest}"
    return (
        f"{thai_list([_tool_name(framework, c) for c in own])} ซึ่งหน่วยงานดำเนินการได้เอง "
        f"เพิ่มคะแนนรวมได้ {own_points:.2f} คะแนน เมื่อยกคะแนน{_own_steps(plan, framework, own)} "
        f"อีก {max(0.0, rise - own_points):.2f} คะแนนต้องมาจาก{rest}"
    )


def _others_text(plan, framework: Framework, codes: list[str]) -> str:
    """The tools beyond the agency's own disclosure, and what they must reach. Perception tools are
    said to need better perceptions: their scores are not the agency's to set."""
    names = thai_list([_tool_name(framework, c) for c in codes])
    means = thai_list([_mean_step(plan, framework, c) for c in codes])
    if all(framework.tool(c).basis == "perception" for c in codes):
        return f"{names} ซึ่งหน่วยงานกำหนดคะแนนเองไม่ได้ ต้องปรับปรุงการดำเนินงานให้ผู้มีส่วนได้ส่วนเสียรับรู้ได้ดีขึ้น จน{means}"
    return f"{names} โดย{means}"


def _own_steps(plan, framework: Framework, codes: list[str]) -> str:
    """ "ตัวชี้วัดการเปิดเผยข้อมูลเป็น 100.00 คะแนน (เพิ่ม 14.44) และตัวชี้วัดการป้องกันการทุจริตเป็น ..."."""
    steps = [
        f"ตัวชี้วัด{ind.name_th}เป็น {plan.required[ind.number]:.2f} คะแนน "
        f"(เพิ่ม {plan.required[ind.number] - plan.before.scores[ind.number]:.2f})"
        for c in codes
        for ind in framework.tool_indicators(c)
        if ind.number in plan.raised
    ]
    return thai_list(steps)


def _mean_step(plan, framework: Framework, code: str) -> str:
    """ "คะแนนเฉลี่ย EIT เพิ่มจาก 78.98 เป็น 100.00 คะแนน ในตัวชี้วัดคุณภาพการดำเนินงาน ..."."""
    names = [f"ตัวชี้วัด{i.name_th}" for i in framework.tool_indicators(code) if i.number in plan.raised]
    return (
        f"คะแนนเฉลี่ย {code} เพิ่มจาก {plan.before.tools[code]:.2f} เป็น {plan.after.tools[code]:.2f} คะแนน "
        f"ใน{thai_list(names)}"
    )


def _tool_name(framework: Framework, code: str) -> str:
    return f"{framework.tool(code).name_th} ({code})"


def _raised(plan, framework: Framework, code: str) -> bool:
    return any(i.number in plan.raised for i in framework.tool_indicators(code))


def _points(plan, framework: Framework, code: str) -> float:
    """Points of the total the plan's rise of the tool's indicators adds."""
    return sum(
        (plan.required[i.number] - plan.before.scores[i.number]) * plan.weight_per_point[i.number]
        for i in framework.tool_indicators(code)
    )
