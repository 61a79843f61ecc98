"""``run --groups``: each group's tables under <YEAR>/groups/<kind>/<group>/, in the manifest, their
figures those of a hand computation; a group of one agency, a year without a previous one and a group
whose agencies change between years; a failing group failing alone.

The small province (tests/group_data.py) is worked out by hand there: FY2563 totals ก1 90.00,
ก2 80.00, ก3 97.00, ก4 54.00 (FY2562: 84, 85, 94, 66), ข1 85.00 alone in ข.
"""

from __future__ import annotations

import json
import math
import multiprocessing
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pandas as pd
import pytest
from conftest import run_params
from group_data import GROUP_OF, PROVINCE, tidy

from ita_analysis.batch.run import run_year
from ita_analysis.batch.staging import Fingerprint, unchanged_since
from ita_analysis.errors import InputError
from ita_analysis.facade import groups as group_facade
from ita_analysis.facade.group_inputs import group_kinds

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
forked = pytest.mark.skipif(multiprocessing.get_start_method() != "fork", reason="workers must be forked")
ALL = "ทั้งหมด"
TABLES = ["overview.csv", "levels.csv", "ranking.csv", "indicators.csv", "watch.csv", "zero_items.csv"]


def _table(path: Path) -> pd.DataFrame:
    assert path.read_bytes().startswith(b"\xef\xbb\xbf"), f"{path.name} has no BOM"
    return pd.read_csv(path, encoding="utf-8-sig", keep_default_na=False, na_values=[""])


@pytest.fixture(scope="module")
def province_csv(tmp_path_factory) -> Path:
    """The small province as a score table with a จังหวัด column (long: a row per indicator)."""
    table = tidy().drop(columns="tool")
    table.insert(1, PROVINCE, table["agency"].map(GROUP_OF))
    path = tmp_path_factory.mktemp("province") / "scores.csv"
    table.to_csv(path, index=False, encoding="utf-8-sig")
    return path


def _params(data, out, **kw):
    base = dict(fiscal_year=2563, data=[data], out_root=out, groups=(PROVINCE,), agencies=False, documents=False,
                notebook_limit=0, workers=1)  # fmt: skip
    return run_params(**{**base, **kw})


@pytest.fixture(scope="module")
def province_run(province_csv, tmp_path_factory) -> Path:
    return run_year(_params(province_csv, tmp_path_factory.mktemp("out")))


def test_the_groups_folders_and_manifest(province_run):
    folder = province_run / "groups"
    assert sorted(p.name for p in folder.iterdir()) == sorted([PROVINCE, ALL])
    assert sorted(p.name for p in (folder / PROVINCE).iterdir()) == ["ก", "ข"]
    for sub in (folder / PROVINCE / "ก", folder / PROVINCE / "ข", folder / ALL / ALL):
        assert sorted(p.name for p in sub.iterdir()) == sorted([*TABLES, "manifest.json"])
    manifest = json.loads((province_run / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["groups"] == {
        f"{ALL}/{ALL}": f"groups/{ALL}/{ALL}",
        f"{PROVINCE}/ก": f"groups/{PROVINCE}/ก",
        f"{PROVINCE}/ข": f"groups/{PROVINCE}/ข",
    }
    assert manifest["agencies"] == {}  # --no-agencies: the year's tables and the groups' only
    assert f"groups/{PROVINCE}/ก/ranking.csv" in manifest["files"]
    assert manifest["parameters"]["groups"] == [PROVINCE] and manifest["summary"]["groups_done"] == 3
    own = json.loads((folder / PROVINCE / "ก" / "manifest.json").read_text(encoding="utf-8"))
    assert own["kind"] == PROVINCE and own["group"] == "ก" and own["failed"] == []
    assert not [p for p in province_run.iterdir() if p.is_dir() and p.name != "groups"]  # no agency folder
    log = (province_run / "run.log").read_text(encoding="utf-8")
    assert f"group {PROVINCE}/ก group tables" in log and "3 group(s): 3 done, 0 failed" in log


def test_the_figures_of_the_small_province_by_hand(province_run):
    g = province_run / "groups" / PROVINCE / "ก"
    o = _table(g / "overview.csv").iloc[0]
    # totals 90, 80, 97, 54: mean 80.25, median (80 + 90) / 2, two at 85 or above
    assert (o["n"], o["mean"], o["median"], o["n_at_pass"], o["share_at_pass"]) == (4, 80.25, 85.0, 2, 50.0)
    # sample sd: squares 95.0625 + 0.0625 + 280.5625 + 689.0625 = 1064.75; / 3 = 354.92; root 18.84
    assert (o["sd"], o["min"], o["max"]) == (18.84, 54.0, 97.0)
    # FY2562 84, 85, 94, 66: mean 82.25, median 84.5, two at the pass mark
    assert (o["mean_previous"], o["median_previous"], o["share_at_pass_previous"]) == (82.25, 84.5, 50.0)
    assert (o["change_mean"], o["change_median"], o["change_share_at_pass"]) == (-2.0, 0.5, 0.0)
    assert (o["all_n"], o["all_mean"], o["all_share_at_pass"]) == (5, 81.2, 60.0)  # 406 / 5; 90, 97, 85
    ranking = _table(g / "ranking.csv")
    assert ranking[["rank", "agency", "total", "change"]].values.tolist() == [
        [1, "ก3", 97.0, 3.0], [2, "ก1", 90.0, 6.0], [3, "ก2", 80.0, -5.0], [4, "ก4", 54.0, -12.0],
    ]  # fmt: skip
    ind = _table(g / "indicators.csv").set_index("indicator")
    # indicator 1 (a): 90, 80, 95, 60; 9 (b): 100, 70, 100, 50; 10 (c): 80, 90, 100, 40; two below 85 each
    assert ind.loc[[1, 9, 10], "mean"].tolist() == [81.25, 80.0, 77.5]
    assert ind.loc[[1, 9, 10], "share_below"].tolist() == [50.0, 50.0, 50.0]
    watch = _table(g / "watch.csv").set_index("agency")
    assert sorted(watch.index) == ["ก2", "ก4"]
    assert watch.loc["ก2", "gap"] == 5.0 and bool(watch.loc["ก2", "fell_below"])  # 85 the year before
    assert watch.loc["ก4", "gap"] == 31.0 and bool(watch.loc["ก4", "below_two_years"])
    levels = _table(g / "levels.csv").set_index("level")["count"]
    assert (levels["AA"], levels["A"], levels["B"], levels["E"]) == (1, 1, 1, 1)


def test_a_group_of_one_agency(province_run):
    o = _table(province_run / "groups" / PROVINCE / "ข" / "overview.csv").iloc[0]
    assert o["n"] == 1 and o["mean"] == 85.0 and math.isnan(o["sd"]) and "one_agency" in o["notes"]
    assert _table(province_run / "groups" / PROVINCE / "ข" / "ranking.csv")["rank"].tolist() == [1]


def test_the_national_group(province_run):
    o = _table(province_run / "groups" / ALL / ALL / "overview.csv").iloc[0]
    assert (o["kind"], o["group"], o["n"], o["mean"], o["median"], o["share_at_pass"]) == (
        ALL,
        ALL,
        5,
        81.2,
        85.0,
        60.0,
    )


def test_a_year_without_a_previous_one(province_csv, tmp_path):
    year = run_year(_params(province_csv, tmp_path, fiscal_year=2562))
    o = _table(year / "groups" / PROVINCE / "ก" / "overview.csv").iloc[0]
    assert "no_previous_year" in o["notes"] and math.isnan(o["change_mean"]) and o["mean"] == 82.25
    assert _table(year / "groups" / PROVINCE / "ก" / "ranking.csv")["change"].isna().all()


def test_a_mapping_file_whose_groups_change_between_years(province_csv, tmp_path):
    """ก4 is in เขต 1 in FY2562 and in เขต 2 in FY2563; the others keep their zone every year."""
    mapping = tmp_path / "zones.csv"
    rows = [
        "ชื่อหน่วยงาน,ปีงบประมาณ,เขต",
        "ก1,,เขต 1",
        "ก2,,เขต 1",
        "ก3,,เขต 2",
        "ข1,,เขต 2",
        "ก4,2562,เขต 1",
        "ก4,2563,เขต 2",
    ]
    mapping.write_text("\n".join(rows) + "\n", encoding="utf-8")
    year = run_year(_params(province_csv, tmp_path / "out", groups=(), group_map=mapping))  # alone: every kind
    assert sorted(p.name for p in (year / "groups").iterdir()) == sorted([ALL, PROVINCE, "เขต"])
    one = _table(year / "groups" / "เขต" / "เขต 1" / "overview.csv").iloc[0]
    # FY2563 ก1 90, ก2 80; FY2562 its members then: ก1 84, ก2 85, ก4 66
    assert (one["n"], one["mean"], one["n_previous"], one["mean_previous"]) == (2, 85.0, 3, 78.33)
    assert (one["n_stayed"], one["n_joined"], one["n_left"]) == (2, 0, 1) and "members_changed" in one["notes"]
    two = _table(year / "groups" / "เขต" / "เขต 2" / "ranking.csv").set_index("agency")
    assert not bool(two.loc["ก4", "in_group_previous"]) and bool(two.loc["ก3", "in_group_previous"])
    assert two.loc["ก4", "change"] == -12.0  # its own change, whatever its group the year before


def test_kinds_asked_for():
    assert group_kinds(["จังหวัด,กระทรวง", "จังหวัด"]) == ("จังหวัด", "กระทรวง")
    assert group_kinds(["จังหวัด", "ALL"]) == ("all",) and group_kinds(None) == ()


def test_a_kind_the_data_does_not_have(province_csv, tmp_path):
    with pytest.raises(InputError) as caught:
        run_year(_params(province_csv, tmp_path, groups=("กระทรวง",)))
    (problem,) = caught.value.problems
    assert problem.value == "กระทรวง" and f"'{PROVINCE}'" in problem.expected
    assert not (tmp_path / "2563").exists()  # nothing written


def test_the_groups_are_part_of_the_fingerprint(province_csv, province_run):
    params = _params(province_csv, province_run.parent)
    assert unchanged_since(Fingerprint.of(params)) is not None  # run again: skipped
    assert unchanged_since(Fingerprint.of(_params(province_csv, province_run.parent, groups=("all",)))) is None
    assert unchanged_since(Fingerprint.of(_params(province_csv, province_run.parent, agencies=True))) is None


@forked
def test_a_failing_group_fails_alone(province_csv, tmp_path, monkeypatch):
    real = group_facade.Group.save_tables

    def broken(self):
        if self.group == "ข":
            raise ValueError("ตารางกลุ่มเสีย")
        return real(self)

    monkeypatch.setattr(group_facade.Group, "save_tables", broken)
    year = run_year(_params(province_csv, tmp_path, workers=2))
    assert year == tmp_path / "2563"  # published
    errors = _table(year / "errors.csv").fillna("")
    assert errors[["agency", "group", "step"]].values.tolist() == [["", f"{PROVINCE}/ข", "group tables"]]
    assert (year / "groups" / PROVINCE / "ก" / "ranking.csv").exists()
    manifest = json.loads((year / "manifest.json").read_text(encoding="utf-8"))
    assert [f["group"] for f in manifest["failed"]] == [f"{PROVINCE}/ข"]
    assert (manifest["summary"]["groups_done"], manifest["summary"]["groups_failed"]) == (2, 1)
    assert "FAILED group จังหวัด/ข group tables: ValueError: ตารางกลุ่มเสีย" in (year / "run.log").read_text("utf-8")


def _round2(x: float) -> float:
    return float(Decimal(repr(x)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory) -> tuple[Path, Path]:
    """60 synthetic agencies in 20 ministries and 77 provinces, FY2563-FY2564, and its FY2564 run."""
    from ita_analysis.synthetic import synth_scores

    folder = tmp_path_factory.mktemp("synth")
    data = folder / "scores.csv"
    synth_scores(60, (2563, 2564), groups=True, seed=3).to_csv(data, index=False, encoding="utf-8-sig")
    year = run_year(_params(data, folder / "out", fiscal_year=2564, groups=("จังหวัด", "กระทรวง")))
    return data, year


def test_every_group_matches_pandas(synthetic):
    """The figures of every province and ministry worked out with pandas from the score table alone
    (tool = mean of its indicators: 1-5, 6-8, 9-10; total = 0.3, 0.3, 0.4 of them, two decimals)."""
    data, year = synthetic
    raw = pd.read_csv(data, encoding="utf-8-sig")
    raw["tool"] = pd.cut(raw["indicator"], [0, 5, 8, 10], labels=["iit", "eit", "oit"])
    tools = raw.groupby(["agency", "fiscal_year", "tool"], observed=True)["score"].mean().unstack()
    totals = (0.3 * tools["iit"] + 0.3 * tools["eit"] + 0.4 * tools["oit"]).map(_round2).rename("total")
    now = totals.xs(2564, level="fiscal_year")
    for kind in ("จังหวัด", "กระทรวง"):
        of = raw[raw["fiscal_year"] == 2564].drop_duplicates("agency").set_index("agency")[kind]
        for group, agencies in of.groupby(of).groups.items():
            folder = year / "groups" / kind / group
            o = _table(folder / "overview.csv").iloc[0]
            t = now[list(agencies)]
            assert o["n"] == len(t)
            assert abs(o["mean"] - t.mean()) <= 0.01 and abs(o["median"] - t.median()) <= 0.01
            assert abs(o["share_at_pass"] - 100 * (t >= 85).mean()) <= 0.01
            ranking = _table(folder / "ranking.csv").set_index("agency")["total"]
            assert (ranking.sort_index() - t.sort_index()).abs().max() <= 0.01
            ind = _table(folder / "indicators.csv").set_index("indicator")
            scores = raw[(raw["fiscal_year"] == 2564) & raw["agency"].isin(agencies)]
            means = scores.groupby("indicator")["score"].mean()
            below = scores.assign(b=scores["score"] < 85).groupby("indicator")["b"].mean() * 100
            assert (ind["mean"] - means).abs().max() <= 0.01 and (ind["share_below"] - below).abs().max() <= 0.01


@pytest.mark.slow  # kernels and documents
def test_few_groups_get_their_notebook_and_report(province_csv, tmp_path):
    year = run_year(_params(province_csv, tmp_path, notebook_limit=50, documents=True, workers=2))
    for sub in (year / "groups" / PROVINCE / "ก", year / "groups" / ALL / ALL):
        names = {p.name for p in sub.iterdir()}
        assert {"06_group.ipynb", "group_report.pdf", "group_report.xlsx", "group_report.docx", *TABLES} <= names
    o = _table(year / "groups" / PROVINCE / "ก" / "overview.csv").iloc[0]  # written by the notebook
    assert (o["n"], o["mean"]) == (4, 80.25)


def test_the_group_notebook_is_paired_and_its_parameters_cell_is_the_list():
    """06_group's parameters: the analysis parameters (`make notebooks` writes them), then its own."""
    import ast

    import jupytext
    import nbformat
    from conftest import ROOT

    from ita_analysis.batch.notebooks import GROUP_NOTEBOOK
    from ita_analysis.parameters import AnalysisParameters, notebook_cell, own_lines

    nb = nbformat.read(ROOT / "notebooks" / GROUP_NOTEBOOK, as_version=4)
    paired = jupytext.read(ROOT / "notebooks" / GROUP_NOTEBOOK.replace(".ipynb", ".py"))
    assert [c.source for c in paired.cells] == [c.source for c in nb.cells]
    assert all(not c.get("outputs") and c.get("execution_count") is None for c in nb.cells if c.cell_type == "code")
    (cell,) = [c.source for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    names = [node.targets[0].id for node in ast.parse(cell).body]
    assert names == [*AnalysisParameters.names(), "group_kind", "group_value", "group_map"]
    assert cell.rstrip("\n") + "\n" == notebook_cell() + own_lines(cell.rstrip("\n") + "\n")
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    assert "Group.from_params(AnalysisParameters.from_cell(globals()), group_kind, group_value" in code


@pytest.mark.slow  # a notebook kernel
def test_the_group_notebook_runs_with_its_own_defaults(tmp_path):
    """As an analyst opens it: the sample data, the group of all its agencies, nothing written."""
    import nbformat
    import papermill as pm
    from conftest import ROOT

    from ita_analysis.batch.notebooks import GROUP_NOTEBOOK, ensure_kernel

    before = sorted(p.name for p in (ROOT / "notebooks").iterdir())
    pm.execute_notebook(ROOT / "notebooks" / GROUP_NOTEBOOK, tmp_path / GROUP_NOTEBOOK, kernel_name=ensure_kernel(),
                        cwd=ROOT / "notebooks", progress_bar=False)  # fmt: skip
    assert sorted(p.name for p in (ROOT / "notebooks").iterdir()) == before
    outputs = [o for c in nbformat.read(tmp_path / GROUP_NOTEBOOK, as_version=4).cells for o in c.get("outputs", [])]
    assert not [o for o in outputs if o.output_type in ("execute_result", "error")]
    shown = "".join(str(o.get("data", {}).get("text/html", "")) for o in outputs)
    assert "one agency" in shown  # the sample's one agency: the group of all is a group of one, and says so


@forked
def test_the_command_line(province_csv, tmp_path, monkeypatch):
    """`run --groups` as typed: a comma list, the year skipped when run again the same, exit 1 naming
    a failing group while the others are written."""
    from cli_run import run_in_process

    args = ["run", "--fy", "2563", "--data", province_csv, "--out", tmp_path, "--groups", f"{PROVINCE},{PROVINCE}",
            "--no-agencies", "--no-documents", "--notebook-limit", "0", "--workers", "1"]  # fmt: skip
    done = run_in_process(*args)
    assert done.returncode == 0, done.stderr
    assert "3 group(s): 3 done, 0 failed" in done.stderr
    assert (tmp_path / "2563" / "groups" / PROVINCE / "ข" / "overview.csv").exists()
    assert "FY2563: unchanged since" in run_in_process(*args).stderr
    real = group_facade.Group.save_tables
    monkeypatch.setattr(group_facade.Group, "save_tables", lambda self: 1 / 0 if self.group == "ก" else real(self))
    failed = run_in_process(*args, "--force")
    assert failed.returncode == 1
    assert f"FY2563: group {PROVINCE}/ก group tables: ZeroDivisionError: division by zero" in failed.stderr
    assert (tmp_path / "2563" / "groups" / PROVINCE / "ข" / "overview.csv").exists()


def test_group_tasks_go_to_the_workers_in_batches(tmp_path):
    """98 groups on 2 workers: batches of at most 10 groups (each computes the year's groups once),
    in order, before the agencies' batches."""
    from ita_analysis.batch.agency_tasks import AgencyBatch, AgencyTask
    from ita_analysis.batch.group_tasks import GroupBatch, GroupTask
    from ita_analysis.batch.tasks import batches
    from ita_analysis.parameters import AnalysisParameters

    p = AnalysisParameters(fiscal_year=2563, data=[])
    groups = [GroupTask(p, ("จังหวัด",), None, "จังหวัด", f"ก{k}", tmp_path / str(k)) for k in range(98)]
    agencies = [AgencyTask(p, "thai", True, True) for _ in range(3)]
    units = batches([*agencies, *groups], 2)
    group_units = [u for u in units if isinstance(u, GroupBatch)]
    assert [len(u.tasks) for u in group_units] == [10] * 9 + [8]
    assert [t for u in group_units for t in u.tasks] == groups
    assert isinstance(units[0], GroupBatch) and isinstance(units[-1], AgencyBatch)


def test_one_group_through_the_facade(province_csv):
    """As the notebook asks for it: the kind and group as typed (spaces, case), one kind computed."""
    from ita_analysis.parameters import AnalysisParameters

    parameters = AnalysisParameters(fiscal_year=2563, data=[province_csv])
    group = group_facade.Group.from_params(parameters, f" {PROVINCE} ", "ก ")
    assert (group.kind, group.group, group.label) == (PROVINCE, "ก", f"{PROVINCE} ก")
    assert group.overview().table.loc[0, "mean"] == 80.25 and group.ranking().table["agency"].tolist()[0] == "ก3"
    assert {"heatmap", "change"} <= set(group.ranking().figures) and "distribution" in group.overview().figures
    assert group.zero_items().table.empty and group.zero_items().notes  # no item scores: said
    with pytest.raises(InputError) as caught:
        group_facade.Group.from_params(parameters, PROVINCE, "ค")
    assert "'ก', 'ข'" in caught.value.problems[0].expected
