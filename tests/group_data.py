"""A small province of four agencies (ก1-ก4) and one agency of another (ข1), FY2562-FY2563, whose
every figure the group tests work out by hand.

Each agency's indicators 1-8 share one score ``a``; indicator 9 scores ``b``, indicator 10 ``c``.
Then IIT = EIT = a, OIT = (b + c) / 2 and total = 0.3a + 0.3a + 0.4(b + c)/2 = 0.6a + 0.2b + 0.2c.
"""

from __future__ import annotations

import pandas as pd

from ita_analysis.compute.scoring import score

TOOLS = ["IIT"] * 5 + ["EIT"] * 3 + ["OIT"] * 2
ABC = {
    # FY2562                                  total = 0.6a + 0.2b + 0.2c
    (2562, "ก1"): (80, 90, 90),  # 48 + 18 + 18 = 84.00 B
    (2562, "ก2"): (85, 90, 80),  # 51 + 18 + 16 = 85.00 A
    (2562, "ก3"): (90, 100, 100),  # 54 + 20 + 20 = 94.00 A
    (2562, "ก4"): (70, 60, 60),  # 42 + 12 + 12 = 66.00 C
    (2562, "ข1"): (70, 70, 70),  # 70.00 C
    # FY2563
    (2563, "ก1"): (90, 100, 80),  # 54 + 20 + 16 = 90.00 A
    (2563, "ก2"): (80, 70, 90),  # 48 + 14 + 18 = 80.00 B
    (2563, "ก3"): (95, 100, 100),  # 57 + 20 + 20 = 97.00 AA
    (2563, "ก4"): (60, 50, 40),  # 36 + 10 + 8 = 54.00 E
    (2563, "ข1"): (85, 85, 85),  # 85.00 A
}
PROVINCE = "จังหวัด"
GROUP_OF = {"ก1": "ก", "ก2": "ก", "ก3": "ก", "ก4": "ก", "ข1": "ข"}


def tidy(abc: dict = ABC) -> pd.DataFrame:
    rows = []
    for (year, agency), (a, b, c) in abc.items():
        for n, tool in enumerate(TOOLS, start=1):
            rows.append((agency, year, n, tool, float(a if n <= 8 else b if n == 9 else c)))
    return pd.DataFrame(rows, columns=["agency", "fiscal_year", "indicator", "tool", "score"])


def summary(abc: dict = ABC) -> pd.DataFrame:
    return score(tidy(abc))


def members(group_of: dict = GROUP_OF, years=(2562, 2563), kind: str = PROVINCE) -> pd.DataFrame:
    rows = [(a, y, kind, g) for y in years for a, g in group_of.items()]
    return pd.DataFrame(rows, columns=["agency", "fiscal_year", "kind", "group"])


def items() -> pd.DataFrame:
    """FY2563 item scores: o35 (indicator 10, 10 items) at 0 for ก2 and ก4, o38 for ก4, o8
    (indicator 9, 33 items) for ก1 and ก2; every other given item 100."""
    zero = {("ก2", "o35"), ("ก4", "o35"), ("ก4", "o38"), ("ก1", "o8"), ("ก2", "o8")}
    rows = []
    for agency in GROUP_OF:
        for item, indicator in (("o8", 9), ("o35", 10), ("o38", 10), ("o40", 10)):
            rows.append((agency, 2563, indicator, item, "", 0.0 if (agency, item) in zero else 100.0))
    return pd.DataFrame(rows, columns=["agency", "fiscal_year", "indicator", "item", "text", "score"])
