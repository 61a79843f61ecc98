"""What the charts take from a framework about its tools: their order, colours, Thai names, the most
each can add to the total. The summary columns that hold their scores are named by
:func:`~ita_analysis.frameworks.tool_column` and :func:`~ita_analysis.frameworks.weighted_column`."""

from __future__ import annotations

from ita_analysis.frameworks import Framework
from ita_analysis.report.charts.style import TOOL_PALETTE
from ita_analysis.thai.normalize import normalize_text


def _palette(framework: Framework) -> list[tuple[str, str]]:
    codes = framework.tool_codes
    if len(codes) > len(TOOL_PALETTE):
        raise ValueError(
            f"framework {framework.fiscal_year} has {len(codes)} tools; the charts tell at most "
            f"{len(TOOL_PALETTE)} apart by colour"
        )
    return list(TOOL_PALETTE[: len(codes)])


def tool_colours(framework: Framework) -> dict[str, str]:
    """Fill colour of each tool code, by the tool's position in the framework (:data:`TOOL_PALETTE`)."""
    return {code: fill for code, (fill, _) in zip(framework.tool_codes, _palette(framework), strict=True)}


def tool_text_colours(framework: Framework) -> dict[str, str]:
    """Colour of text written on each tool's fill."""
    return {code: text for code, (_, text) in zip(framework.tool_codes, _palette(framework), strict=True)}


def max_points(framework: Framework) -> dict[str, float]:
    """Most each tool can add to the total (weight x 100 points), free of float noise (0.55 x 100 is 55)."""
    return {code: round(framework.max_weighted(code), 9) for code in framework.tool_codes}


def tool_names(framework: Framework) -> dict[str, str]:
    """How a chart's legend names each tool: its Thai name from the framework file (the code when
    the file gives no Thai name), as a manager reads it, rather than the code."""
    return {t.code: normalize_text(t.name_th) or t.code for t in framework.tools}
