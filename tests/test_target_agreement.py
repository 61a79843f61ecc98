"""One plan per agency, year and target, whichever door asks: `ita-analysis target-gap`, the facade
(the notebooks' ``Analysis.target_gap``) and the batch's direct path (``write_agency_outputs``
writing ``target_gap.csv``, what `ita-analysis run` does past the notebook limit); and the same
targets accepted or refused by each (`run --target` among them), across letter years (FY2563,
FY2564), the FY2565 -> FY2566 switch (FY2565 results, measures judged as FY2566 ratings) and
rating years (FY2566, FY2567).

Two agencies are built by hand. Weights (the same in fy2563.toml to fy2568.toml: IIT 0.30 over
indicators 1-5, EIT 0.30 over 6-8, OIT 0.40 over 9-10), so one point of an indicator adds 0.06
(IIT), 0.10 (EIT) or 0.20 (OIT) to the total.

- กรมเก้าห้า: IIT 96 x5, EIT 96 x3, OIT 94 x2: total 0.3*96 + 0.3*96 + 0.4*94 = 28.8 + 28.8 + 37.6
  = 95.20, AA in the letter years, ผ่านดี in the rating years (OIT 94 < 95). Target 95 after FY2565
  or later is ผ่านดีเยี่ยม (every tool at least 95): OIT needs 2 x 95 - 188 = 2 points, the lowest
  first, 9 and 10 from 94 to 95 (2.00 points; total 0.3*96*2 + 0.4*95 = 95.60). Target 95 after
  FY2563/FY2564 is AA, no tool minimum: already reached, no point.
- กรมแปดสิบ: 80 everywhere but OIT 9 = 70, 10 = 90 (OIT mean 80): total 80.00 (B; ต้องปรับปรุง in
  the ratings). No target: the next level (A in FY2564 and FY2565 letters, ผ่าน at 85 in the
  ratings) is 85, 5 points of the total, cheapest in OIT (0.20 each): 25 OIT points, 9 from 70 to
  90 first (20), then 2.5 each: 9 = 10 = 92.50 (total 24 + 24 + 0.4*92.5 = 85.00). Target 95
  after FY2565 or later (ผ่านดีเยี่ยม): every tool up to 95: IIT 5 x 15 = 75, EIT 3 x 15 = 45, OIT
  190 - 160 = 30 (9: 70 -> 95, 10: 90 -> 95), 150.00 points, every indicator at 95.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from ita_analysis.batch.agency_tasks import AgencyTask, write_agency_outputs
from ita_analysis.batch.params import RunParams
from ita_analysis.cli import app
from ita_analysis.compute.target_gap import TargetError, read_target
from ita_analysis.errors import InputError
from ita_analysis.facade import Analysis, AnalysisParameters
from ita_analysis.synthetic import synth_scores

YEARS = (2563, 2564, 2565, 2566, 2567)
HAND = {
    "กรมเก้าห้า": [96.0] * 8 + [94.0, 94.0],
    "กรมแปดสิบ": [80.0] * 8 + [70.0, 90.0],
}
# (year, target): accepted by every door, or refused by every door
ACCEPTED = [(y, t) for y in YEARS for t in ("95", "๘๕")] + [
    (2563, "AA"),
    (2564, "A"),
    (2565, "ผ่านดีเยี่ยม"),
    (2566, "ผ่าน"),
    (2567, "ผ่านดี"),
]
REFUSED = [(2563, "ผ่านดี"), (2564, "ผ่านดีเยี่ยม"), (2565, "AA"), (2566, "A"), (2567, "B"), (2565, "101"), (2566, "AAA")]


@pytest.fixture(scope="module")
def data(tmp_path_factory) -> Path:
    """Six synthetic agencies and the two built by hand, FY2563-FY2567."""
    synth = synth_scores(6, YEARS)[["agency", "fiscal_year", "indicator", "score"]]
    hand = pd.DataFrame(
        [(a, y, n, s) for a, scores in HAND.items() for y in YEARS for n, s in enumerate(scores, start=1)],
        columns=["agency", "fiscal_year", "indicator", "score"],
    )
    path = tmp_path_factory.mktemp("agree") / "scores.csv"
    pd.concat([synth, hand], ignore_index=True).to_csv(path, index=False, encoding="utf-8-sig")
    return path


def _read(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, encoding="utf-8-sig")


def _cli(data: Path, year: int, target: str, out: Path):
    result = CliRunner().invoke(
        app, ["target-gap", "--fy", str(year), "--data", str(data), "--target", target, "--out", str(out)]
    )
    return result, (_read(out) if result.exit_code == 0 else None)


def _facade(data: Path, year: int, target: str | None) -> pd.DataFrame:
    parameters = AnalysisParameters(fiscal_year=year, data=str(data), target=target)
    return Analysis.from_params(parameters).target_gap().table.reset_index(drop=True)


def _batch(data: Path, year: int, target: str | None, folder: Path) -> pd.DataFrame:
    """The direct path's target_gap.csv of every agency, in the data's order (as `run` reads --target)."""
    params = RunParams(AnalysisParameters(fiscal_year=year, data=[data], target=read_target(target, year)))
    tables = []
    for agency in list(dict.fromkeys(pd.read_csv(data, encoding="utf-8-sig")["agency"])):
        out = folder / agency
        out.mkdir(parents=True)
        task = AgencyTask(params.analysis_parameters(agency, out), "arabic", tables=True, documents=False, charts=())
        result = write_agency_outputs(task)
        assert result.failure is None, result.failure
        tables.append(_read(out / "target_gap.csv"))
    return pd.concat([t for t in tables if len(t)], ignore_index=True)


def _same(*tables: pd.DataFrame) -> None:
    first = tables[0].reset_index(drop=True)
    for other in tables[1:]:
        pd.testing.assert_frame_equal(other.reset_index(drop=True), first, check_dtype=False)


def _plan(table: pd.DataFrame, agency: str) -> dict[int, float]:
    mine = table[table["agency"] == agency]
    return dict(zip(mine["indicator"], mine["required_score"], strict=True))


@pytest.mark.parametrize(("year", "target"), ACCEPTED)
def test_every_door_gives_the_same_plan(data, tmp_path, year, target):
    result, cli = _cli(data, year, target, tmp_path / "gap.csv")
    assert result.exit_code == 0, result.output
    _same(cli, _facade(data, year, target), _batch(data, year, target, tmp_path / "run"))
    if target == "95" and year >= 2565:  # judged as FY2566/FY2567 ratings: ผ่านดีเยี่ยม, every tool at least 95
        assert _plan(cli, "กรมเก้าห้า") == {**dict.fromkeys(range(1, 9), 96.0), 9: 95.0, 10: 95.0}
        assert _plan(cli, "กรมแปดสิบ") == dict.fromkeys(range(1, 11), 95.0)
        assert "ผ่านดีเยี่ยม" in result.output
    if target == "95" and year < 2565:  # AA, no tool minimum: 95.20 is there already
        assert _plan(cli, "กรมเก้าห้า") == dict(enumerate(HAND["กรมเก้าห้า"], start=1))


@pytest.mark.parametrize("year", YEARS)
def test_without_a_target_the_plan_is_to_the_next_level(data, tmp_path, year):
    facade = _facade(data, year, None)
    _same(facade, _batch(data, year, None, tmp_path))
    assert _plan(facade, "กรมแปดสิบ") == {**dict.fromkeys(range(1, 9), 80.0), 9: 92.5, 10: 92.5}
    if year >= 2565:  # ผ่านดี by the ratings (OIT 94): the next level is ผ่านดีเยี่ยม, the same 2 points
        assert _plan(facade, "กรมเก้าห้า") == {**dict.fromkeys(range(1, 9), 96.0), 9: 95.0, 10: 95.0}
    else:  # AA in a letter year judged by letters: the top, no plan
        assert "กรมเก้าห้า" not in set(facade["agency"])


@pytest.mark.parametrize(("year", "target"), REFUSED)
def test_every_door_refuses_the_same_targets(data, tmp_path, year, target):
    result, _ = _cli(data, year, target, tmp_path / "gap.csv")
    assert result.exit_code == 2 and "--target" in result.output, result.output
    run = CliRunner().invoke(
        app, ["run", "--fy", str(year), "--data", str(data), "--target", target, "--out", str(tmp_path / "out")]
    )
    assert run.exit_code == 2 and "--target" in run.output, run.output
    assert not (tmp_path / "out").exists()
    with pytest.raises(InputError, match="target"):
        _facade(data, year, target)
    with pytest.raises(TargetError):
        read_target(target, year)
