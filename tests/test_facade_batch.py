"""The figures of a batch of agencies computed at once (Analysis.prepared, compute.agency.agency_years)
are each agency's own: the same tables, the same CSV bytes, the same document, as one agency at a time."""

from __future__ import annotations

import dataclasses
import math

import pandas as pd
import pytest

from ita_analysis.compute.agency import agency_year, agency_years
from ita_analysis.facade import Analysis, AnalysisParameters
from ita_analysis.synthetic import agency_names, synth_items, synth_scores

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
TABLES = ("results", "comparison", "weaknesses", "trend", "peers", "peer_groups", "target_gap", "item_priorities")
N = 8


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    """Eight agencies FY2563-2565 that differ as a national table does: 02 without FY2564, 05 with
    FY2565 only, 06 without FY2563; item scores, notes, recommendations, a plan and targets for some
    (a year without every indicator is an input error: not here)."""
    folder = tmp_path_factory.mktemp("batch")
    names = agency_names(N)
    scores = synth_scores(N, (2563, 2564, 2565), groups=True, seed=11)
    a, y = scores["agency"], scores["fiscal_year"]
    drop = ((a == names[1]) & (y == 2564)) | ((a == names[4]) & (y < 2565)) | ((a == names[5]) & (y == 2563))
    scores = scores[~drop]
    paths = {"data": folder / "scores.csv", "items": folder / "items.csv"}
    scores.to_csv(paths["data"], index=False, encoding="utf-8-sig")
    synth_items(scores, seed=3).to_csv(paths["items"], index=False, encoding="utf-8-sig")
    side = {
        "targets": ("agency,fiscal_year,target", [f"{names[0]},2566,95", f"{names[2]},2566,90", f"{names[6]},,85"]),
        "notes": ("agency,fiscal_year,indicator,sub_item", [f"{names[0]},2565,{n},ประเด็น {n}" for n in range(1, 11)]),
        "recommendations": (
            "agency,fiscal_year,indicator,recommendation",
            [f"{names[k]},2565,{n},ข้อเสนอแนะ {n}" for k in (0, 1, 2) for n in range(1, 11)],
        ),
        "plan": (
            "agency,fiscal_year,indicator,action,responsible,timeline,kpi",
            [f"{names[0]},2566,{n},ทำ {n},กอง {n},ทั้งปี,ครบ" for n in (1, 3, 5)],
        ),
    }
    for name, (header, rows) in side.items():
        paths[name] = folder / f"{name}.csv"
        paths[name].write_text("\n".join([header, *rows]) + "\n", encoding="utf-8-sig")
    return paths, names


def _same(one, other) -> None:
    """Two AgencyYear values field by field (tables with their dtypes)."""
    for f in dataclasses.fields(one):
        a, b = getattr(one, f.name), getattr(other, f.name)
        if isinstance(a, pd.DataFrame):
            pd.testing.assert_frame_equal(a, b, obj=f.name)
        elif isinstance(a, dict):
            assert a.keys() == b.keys(), f.name
            for k in a:
                same = a[k] == b[k] or (isinstance(a[k], float) and math.isnan(a[k]) and math.isnan(b[k]))
                assert same and type(a[k]) is type(b[k]), (f.name, k, a[k], b[k])
        else:
            assert a == b, f.name


CHOICES = [
    {},
    *(
        pytest.param(c, marks=pytest.mark.slow)
        for c in (
            {"weakness_rule": "declined", "items": None},
            {"weakness_rule": "lowest", "previous_year": 2563},
            {"weakness_rule": "below_pass"},
            {"weakness_rule": "below_target", "target": "90"},
            {"weakness_rule": "below_target", "target": "ผ่าน", "targets": None},
        )
    ),
]


@pytest.mark.parametrize("choices", CHOICES, ids=lambda c: ",".join(f"{k}={v}" for k, v in c.items()) or "default")
def test_a_batch_of_agencies_has_each_agency_own_figures_and_files(files, choices, tmp_path):
    paths, names = files
    given = {k: str(v) for k, v in paths.items()}
    parameters = AnalysisParameters(fiscal_year=2565, **{**given, "data": [given["data"]], **choices})
    base = Analysis.from_params(parameters)
    asked = [*reversed(names), "no such agency"]
    batch = agency_years(base.year, asked, base.options)
    assert set(batch) == set(names)
    for name in batch:
        _same(batch[name], agency_year(base.year, name, base.options))
    prepared = base.prepared(asked)
    for k, name in enumerate(names):
        one = base.replace(agency=name, output_dir=tmp_path / f"one{k}", charts=(), svg=False)
        many = prepared.replace(agency=name, output_dir=tmp_path / f"many{k}", charts=(), svg=False)
        assert many.own is prepared.batch[name]
        for table in TABLES:
            for a in (one, many):
                output = getattr(a, table)()
                if output.name != "items" or a.items is not None:
                    a.save(output)
        files_one = sorted(p.name for p in (tmp_path / f"one{k}").iterdir())
        assert files_one == sorted(p.name for p in (tmp_path / f"many{k}").iterdir())
        for file in files_one:
            assert (tmp_path / f"one{k}" / file).read_bytes() == (tmp_path / f"many{k}" / file).read_bytes(), file
        assert one.document().__repr__() == many.document().__repr__()


def test_a_copy_with_other_choices_lets_the_batch_go(files):
    paths, names = files
    prepared = Analysis.from_params(AnalysisParameters(fiscal_year=2565, data=[str(paths["data"])])).prepared(names)
    assert prepared.replace(agency=names[0], output_dir="x", digits="thai").batch is prepared.batch
    assert prepared.replace(weakness_rule="lowest").batch is None
    assert prepared.replace(plan=pd.DataFrame()).batch is None
    assert prepared.replace(fiscal_year=2564).batch is None


def test_a_batch_fails_where_one_of_its_agencies_fails_alone(files):
    """below_target without a target for some agencies: the batch raises what the agency alone
    raises (the worker then computes its agencies one by one, see SharedData.prepare)."""
    paths, names = files
    given = {k: str(v) for k, v in paths.items() if k != "data"}
    base = Analysis.from_params(
        AnalysisParameters(fiscal_year=2565, data=[str(paths["data"])], weakness_rule="below_target", **given)
    )
    with pytest.raises(ValueError, match=names[1]):
        agency_year(base.year, names[1], base.options)
    with pytest.raises(ValueError, match=names[1]):
        agency_years(base.year, names, base.options)
    assert set(agency_years(base.year, [names[0], names[2], names[6]], base.options)) == {names[0], names[2], names[6]}
