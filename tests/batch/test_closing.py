"""The end of a run: its wall time, the agencies done and failed, the slowest by its own time, the
documents by their paths (or the agencies' folders, the first ten of a year), printed once the
progress bar is gone. The years here are made up (a manifest as the run writes it), so no notebook runs."""

from __future__ import annotations

import io
import json
from pathlib import Path

from ita_analysis.batch.closing import YearEnd, closing_lines
from ita_analysis.cli.common import LiteralConsole

AGENCY = "สำนักงาน ก.พ."


def _year(out: Path, year: int, agencies: list[str], *, failed=(), documents=True, warnings=()) -> YearEnd:
    """A year folder as the run leaves it: each agency's folder (named as the agency, with its
    documents), manifest.json with the summary."""
    folder = out / str(year)
    names = {}
    for a in agencies:
        names[a] = a.replace(".", "")
        (folder / names[a]).mkdir(parents=True)
        for doc in ("measures.xlsx", "measures.pdf", "measures.docx") if documents else ():
            (folder / names[a] / doc).write_bytes(b"")
    done = [a for a in agencies if a not in failed]
    manifest = {
        "agencies": names,
        "warnings": list(warnings),
        "failed": [{"agency": a, "step": "documents", "message": "ValueError: x", "brief": "ValueError: x"}
                   for a in failed],
        "summary": {"agencies": len(agencies), "done": len(done), "failed": len(failed), "failures": len(failed),
                    "overview_failures": 0, "retried": 0, "seconds": 8.7,
                    "slowest": [{"agency": agencies[0], "seconds": 6.25}]},
    }  # fmt: skip
    (folder / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    return YearEnd.read(year, folder)


def _texts(years, seconds=9.4) -> list[str]:
    return [line.text for line in closing_lines(years, seconds)]


def test_one_agency_names_each_document(tmp_path):
    year = _year(tmp_path, 2563, [AGENCY])
    folder = tmp_path / "2563" / "สำนักงาน กพ"
    assert _texts([year]) == [
        f"FY2563: 1 agency: 1 done, 0 failed, in 8.7 s; slowest: '{AGENCY}' 6.25 s",
        f"FY2563: the documents of '{AGENCY}':",
        f"  {folder / 'measures.xlsx'}",
        f"  {folder / 'measures.pdf'}",
        f"  {folder / 'measures.docx'}",
        f"FY2563: outputs in {tmp_path / '2563'}",
        "Run finished in 9.4 s (wall time).",
    ]


def test_without_documents_the_agency_folder(tmp_path):
    year = _year(tmp_path, 2563, [AGENCY], documents=False)
    assert _texts([year])[1] == f"FY2563: the outputs of '{AGENCY}' are in {tmp_path / '2563' / 'สำนักงาน กพ'}"


def test_many_agencies_list_the_first_ten_folders(tmp_path):
    agencies = [f"เทศบาลตำบล {k:02d}" for k in range(1, 14)]  # 13 agencies, 2 of them failed
    year = _year(tmp_path, 2564, agencies, failed=("เทศบาลตำบล 05", "เทศบาลตำบล 13"))
    lines = _texts([year])
    assert lines[0].startswith("FY2564: 13 agencies: 11 done, 2 failed, in 8.7 s")
    assert lines[1] == f"FY2564: failures in {tmp_path / '2564' / 'errors.csv'}"
    assert lines[2] == "FY2564: the folders of the 11 agencies done:"
    shown = [f"  {tmp_path / '2564' / a}" for a in agencies if a not in ("เทศบาลตำบล 05", "เทศบาลตำบล 13")][:10]
    assert lines[3:13] == shown and "เทศบาลตำบล 05" not in "".join(lines[3:13])
    assert lines[13] == f"  ... and 1 more in {tmp_path / '2564'} (the first 10 are listed)"
    assert lines[-1] == "Run finished in 9.4 s (wall time)."


def test_every_year_gives_its_folders_and_the_run_its_totals(tmp_path):
    """--fy all: one agency's folder per year (not its documents), then the run's totals."""
    years = [_year(tmp_path, 2562, [AGENCY]), _year(tmp_path, 2563, [AGENCY, "กรม ข"], failed=("กรม ข",))]
    lines = _texts(years, 61.25)
    assert "FY2562: the folder of the 1 agency done:" in lines
    assert f"  {tmp_path / '2562' / 'สำนักงาน กพ'}" in lines and f"  {tmp_path / '2563' / 'สำนักงาน กพ'}" in lines
    assert not any("measures" in line for line in lines)
    assert lines[-1] == (
        "Run finished in 61.2 s (wall time): 2 fiscal years run, agencies done 2 and failed 1 (counted in each "
        "year); 0 unchanged."
    )


def test_warnings_the_first_five_then_where_the_others_are(tmp_path):
    warnings = [f"plan.csv: warning {k}" for k in range(1, 8)]
    lines = _texts([_year(tmp_path, 2563, [AGENCY], warnings=warnings)])
    log = tmp_path / "2563" / "run.log"
    assert lines[:7] == [
        f"FY2563: 7 warnings, listed in {log}:",
        *(f"  plan.csv: warning {k}" for k in range(1, 6)),
        f"  ... and 2 more in {log}",
    ]


def test_skipped_years_say_so_and_count_for_nothing(tmp_path):
    years = [
        YearEnd(2562, tmp_path / "2562", unchanged_since="2026-12-01T02:00:00+00:00"),
        _year(tmp_path, 2563, [AGENCY]),
    ]
    lines = _texts(years)
    assert lines[0] == "FY2562: unchanged since 2026-12-01T02:00:00+00:00, skipped; --force to redo"
    assert (
        lines[-1] == "Run finished in 9.4 s (wall time): 1 fiscal year run, agencies done 1 and failed 0; 1 unchanged."
    )


def test_in_thai(tmp_path, monkeypatch):
    monkeypatch.setenv("ITA_ANALYSIS_LANG", "th")
    lines = _texts([_year(tmp_path, 2563, [AGENCY], warnings=["plan.csv: x"])])
    assert lines[0] == f"ปีงบประมาณ 2563: คำเตือน 1 รายการ (บันทึกไว้ใน {tmp_path / '2563' / 'run.log'}):"
    assert lines[2] == f"ปีงบประมาณ 2563: 1 หน่วยงาน: สำเร็จ 1 ไม่สำเร็จ 0 ใช้เวลา 8.7 วินาที ช้าที่สุด: '{AGENCY}' 6.25 วินาที"
    assert lines[3] == f"ปีงบประมาณ 2563: เอกสารของ '{AGENCY}':"
    assert lines[-1] == "ประมวลผลเสร็จในเวลา 9.4 วินาที (เวลาจริงทั้งหมด)"


def test_the_summary_comes_after_the_progress_bar_is_gone(tmp_path, monkeypatch):
    """On a terminal, nothing of the bar is drawn after the closing lines (a console that records
    what the terminal got)."""
    from ita_analysis.batch import run as batch_run
    from ita_analysis.cli import run as cli_run

    def run_year(params, progress, fingerprint):
        progress(0, 3)
        for done in (1, 2, 3):
            progress(done, 3)
        return _year(params.out_root, params.analysis.fiscal_year, [AGENCY]).folder

    terminal = io.StringIO()
    console = LiteralConsole(file=terminal, force_terminal=True, width=120, stderr=True)
    monkeypatch.setattr(cli_run, "err", console)
    monkeypatch.setattr(batch_run, "run_year", run_year)
    params = _params(tmp_path)
    cli_run._run_years(params, [2563], force=True)
    text = terminal.getvalue()
    closing = text.index("FY2563: 1 agency: 1 done")
    assert "━" in text[:closing]  # the bar was drawn while the run went ...
    assert "━" not in text[closing:] and "3/3" not in text[closing:]  # ... and not after the summary
    assert text.rstrip().endswith("(wall time).")


def _params(out: Path):
    from conftest import SAMPLE, run_params

    return run_params(fiscal_year=2563, data=[SAMPLE], out_root=out)
