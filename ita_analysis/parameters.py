"""The parameters of an analysis: the one list the notebooks, the facade, the batch run and the
command line all read.

Each field carries what every door shows of it: ``help`` (the ``run`` option's help), ``option``
(its name, None for no option), ``cli`` (the type the option takes), ``comment`` (the notebook
cell's Thai + English comment lines) and ``example`` (the value the notebook cells hold, as code).
``python -m ita_analysis.parameters`` (``make notebooks``) writes the notebooks' ``parameters``
cells from them; a test fails when a cell drifts from :func:`notebook_cell`.
"""

from __future__ import annotations

import dataclasses
import re
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path

from ita_analysis.filenames import from_portable, is_utf8, portable
from ita_analysis.i18n import N_

NOTEBOOKS_DIR = Path(__file__).resolve().parents[1] / "notebooks"


def _param(
    default=dataclasses.MISSING,
    *,
    option: str | None,
    cli: object = None,
    help: str,
    comment: str,
    example: str | None = None,
):
    """A field with its metadata (see the module's docstring)."""
    meta = {"option": option, "cli": cli, "help": help, "comment": comment, "example": example}
    return field(default=default, metadata=meta)


@dataclass(frozen=True, kw_only=True)
class AnalysisParameters:
    """The parameters of an analysis, in the order every notebook's ``parameters`` cell lists them.

    :meth:`~ita_analysis.facade.Analysis.from_params` takes one, and the batch run gives one to
    each notebook (paths made absolute). File parameters take a path, or None for no such file.
    """

    fiscal_year: int = _param(
        option="--fy",
        cli=str,
        help=N_("Fiscal year (BE) to run, or 'all' for every year in the data."),
        example="2563",
        comment="ปีงบประมาณ พ.ศ. ที่วิเคราะห์ (the fiscal year, Buddhist Era): ปีที่มีกรอบการประเมิน "
        "(a year `ita-analysis frameworks` lists)",
    )
    agency: str | None = _param(
        None,
        option="--agency",
        cli=str | None,
        help=N_("Agency of a report-style table; selects rows where the file has agencies."),
        comment='ชื่อหน่วยงานตามข้อมูล เช่น "สำนักงาน ก.พ." (an agency as the data names it); None: ทุกหน่วยงาน '
        "หรือหน่วยงานเดียว\nถ้าข้อมูลมีหน่วยงานเดียว (None: every agency, or the only one when the data holds one)",
    )
    data: str | Path | list[str | Path] = _param(
        option="--data",
        cli=list[Path] | None,
        help=N_("Score table(s); repeat for several. Default: data/raw/*scores*."),
        comment="ไฟล์คะแนน CSV, TSV, XLSX หรือเอกสารมาตรการปีก่อน (.docx) หนึ่งไฟล์หรือหลายไฟล์ในรายการ\n"
        "(the score table(s): CSV, TSV, XLSX or earlier measures documents; one path or a list)",
        example='["../data/raw/ocsc_scores_2562_2563.csv"]',
    )
    sheet: str | None = _param(
        None,
        option="--sheet",
        cli=str | None,
        help=N_("XLSX sheet name or 0-based index (default: the sheet the workbook opens on, its active visible one)."),
        comment=(
            "ชีตของไฟล์ XLSX: ชื่อชีต หรือลำดับเริ่มจาก 0 (a sheet name or 0-based index); None: ชีตที่ Excel เปิด (as Excel opens)"
        ),
    )
    group: str | None = _param(
        None,
        option="--group",
        cli=str | None,
        help=N_("Column grouping agencies for peers (default: กระทรวง/จังหวัด/ประเภท if present)."),
        comment='คอลัมน์ที่จัดกลุ่มหน่วยงาน เช่น "กระทรวง" (the column grouping agencies: ministry, province);\n'
        "None: กระทรวง/จังหวัด/... ถ้ามี (when present)",
    )
    previous_year: int | None = _param(
        None,
        option="--previous-year",
        cli=int | None,
        help=N_("Comparison year (default FY-1)."),
        comment="ปีที่เปรียบเทียบ พ.ศ. (the comparison year, Buddhist Era); None: ปีก่อนหน้า (fiscal_year - 1)",
    )
    weakness_rule: str = _param(
        "default",
        option="--weakness-rule",
        cli=str,
        help=N_("default, declined, below_pass, below_target or lowest."),
        comment="เกณฑ์จุดอ่อน (weakness rule), one of:\n"
        '  "default"       ลดลงจากปีก่อน ถ้าไม่มีให้ใช้ below_pass (declined; below_pass when nothing declined)\n'
        '  "declined"      คะแนนลดลงจากปีก่อน (the score fell from the previous year)\n'
        '  "below_pass"    ต่ำกว่าเกณฑ์ผ่านของปีนั้น (under the year\'s pass mark)\n'
        '  "below_target"  ต่ำกว่าค่าเป้าหมายของหน่วยงาน (under the agency\'s target: target or targets)\n'
        '  "lowest"        3 ตัวชี้วัดที่คะแนนต่ำสุด (the three lowest indicators)',
    )
    target: float | str | None = _param(
        None,
        option="--target",
        cli=str | None,
        help=N_("The agency's target: a score (95) or grade/rating (AA); overrides --targets."),
        comment='ค่าเป้าหมาย: คะแนน 0-100 เช่น 95 หรือระดับ เช่น "AA" (a target score, or a grade/rating of the year);\n'
        "None: จากไฟล์ targets ถ้ามี (from the targets file, if any)",
    )
    targets: str | Path | None = _param(
        None,
        option="--targets",
        cli=Path | None,
        help=N_("Targets file: agency, fiscal_year, target."),
        comment="ไฟล์ค่าเป้าหมาย (targets file: agency, fiscal_year, target); None: ไม่มี (none)",
        example='"../data/raw/targets.csv"',
    )
    items: str | Path | None = _param(
        None,
        option="--items",
        cli=Path | None,
        help=N_("Item scores: agency, fiscal_year, item, score."),
        comment="ไฟล์คะแนนรายข้อ (item scores: agency, fiscal_year, item, score); None: ประเด็นย่อยจาก notes "
        "(sub-items from notes)",
    )
    notes: str | Path | None = _param(
        None,
        option="--notes",
        cli=Path | None,
        help=N_("Analyst's notes: indicator, sub_item."),
        comment="บันทึกของผู้วิเคราะห์ (the analyst's notes: indicator, sub_item); None: ไม่มี (none)",
        example='"../data/raw/notes_2563.csv"',
    )
    recommendations: str | Path | None = _param(
        None,
        option="--recommendations",
        cli=Path | None,
        help=N_("NACC's recommendations: indicator, recommendation."),
        comment="ข้อเสนอแนะของ ป.ป.ช. (NACC's recommendations: indicator, recommendation); None: ไม่มี (none)",
        example='"../data/raw/recommendations_2563.csv"',
    )
    plan: str | Path | None = _param(
        None,
        option="--plan",
        cli=Path | None,
        help=N_("Measures plan: indicator, action, responsible[, timeline, kpi]."),
        comment="แผนมาตรการ (the measures plan: indicator, action, responsible[, timeline, kpi]); None: ไม่มี (none)",
        example='"../data/raw/plan_2564.csv"',
    )
    target_paragraph: bool = _param(
        True,
        option="--target-paragraph/--no-target-paragraph",
        cli=bool,
        help=N_("Give the measures documents the paragraph on what the target takes (the plan to it in words)."),
        comment="ย่อหน้าแผนสู่ค่าเป้าหมายในเอกสารมาตรการ (the paragraph on what the target takes); False: ไม่ใส่ (left out)",
    )
    output_dir: str | Path | None = _param(
        None,
        option=None,
        help=N_("Where outputs are written (the run gives each agency its folder)."),
        comment="โฟลเดอร์ที่บันทึกตารางและกราฟ (where tables and charts are written); None: แสดงผลอย่างเดียว (show only)",
    )

    @classmethod
    def names(cls) -> list[str]:
        """The parameter names, in order."""
        return [f.name for f in fields(cls)]

    @classmethod
    def path_names(cls) -> list[str]:
        """The parameters that name files or folders (their type allows a Path)."""
        return [f.name for f in fields(cls) if "Path" in str(f.type)]

    @classmethod
    def from_cell(cls, namespace: Mapping[str, object]) -> AnalysisParameters:
        """The parameters a notebook's ``parameters`` cell set (``globals()``; other names ignored);
        paths as :meth:`cell_values` wrote them are read back."""
        paths = cls.path_names()
        values = {name: namespace[name] for name in cls.names() if name in namespace}
        return cls(**{k: _each(from_portable, v) if k in paths else v for k, v in values.items()})

    def cell_values(self) -> dict:
        """The parameters as a notebook's cell and JSON hold them: a path whose name is not UTF-8
        as a ``file://`` URI of its bytes (:func:`ita_analysis.filenames.portable`), which
        :meth:`from_cell` reads back; every other value as it is."""
        paths = self.path_names()
        values = dataclasses.asdict(self)
        return {k: _each(_portable_or_none, v) if k in paths else v for k, v in values.items()}


def _each(convert, value):
    """``convert`` applied to a value, or to each item of a list or tuple of them."""
    return type(value)(convert(v) for v in value) if isinstance(value, list | tuple) else convert(value)


def _portable_or_none(value):
    """A path whose name is not UTF-8 as :func:`~ita_analysis.filenames.portable` writes it; any
    other value (None, a UTF-8 path as str or Path) as it is."""
    return portable(value) if isinstance(value, str | Path) and not is_utf8(str(value)) else value


def notebook_cell() -> str:
    """The source of the notebooks' ``parameters`` cell: every field, its comment and its value. A
    notebook may add its own parameters after these (05_plan: the what-if's starting values)."""
    lines = []
    for f in fields(AnalysisParameters):
        lines += [f"# {line}" for line in f.metadata["comment"].splitlines()]
        value = f.metadata["example"] or (f'"{f.default}"' if isinstance(f.default, str) else repr(f.default))
        lines.append(f"{f.name} = {value}")
    return "\n".join(lines) + "\n"


def own_lines(cell: str) -> str:
    """What a notebook's parameters cell adds after the analysis parameters: the lines after the
    last field's assignment."""
    last = f"{fields(AnalysisParameters)[-1].name} = "
    lines = cell.splitlines(keepends=True)
    at = max((k for k, line in enumerate(lines) if line.startswith(last)), default=len(lines) - 1)
    return "".join(lines[at + 1 :])


_CELL = re.compile(r'(# %% tags=\["parameters"\]\n)(.*?)(\n# %%)', re.S)


def notebook_scripts(folder: Path = NOTEBOOKS_DIR) -> list[Path]:
    """The notebooks' paired scripts (``0*.py``), in order."""
    return sorted(folder.glob("0*.py"))


def cell_in_script(text: str) -> str:
    """The ``parameters`` cell's source in a notebook's paired script (jupytext percent format)."""
    match = _CELL.search(text)
    if match is None:
        raise ValueError("no parameters cell")
    return match.group(2).rstrip("\n") + "\n"


def write_notebooks(folder: Path = NOTEBOOKS_DIR) -> list[Path]:
    """Write every notebook's parameters cell from :class:`AnalysisParameters` (the paired script,
    then ``jupytext --sync`` for the .ipynb); returns the scripts changed."""
    changed = []
    for script in notebook_scripts(folder):
        text = script.read_text(encoding="utf-8")
        cell = cell_in_script(text)
        new = _CELL.sub(lambda m, c=cell: m.group(1) + notebook_cell() + own_lines(c) + m.group(3), text, count=1)
        if new != text:
            script.write_text(new, encoding="utf-8")
            changed.append(script)
        subprocess.run([Path(sys.executable).with_name("jupytext"), "--sync", "--quiet", script], check=True)
    return changed


if __name__ == "__main__":
    for path in write_notebooks():
        print(f"wrote the parameters cell of {path.name}")
