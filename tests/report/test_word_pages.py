"""The Word file's length against the PDF's: the sample measures document written as .docx and as
.pdf, the .docx laid out by LibreOffice (headless, converted to PDF), and the pages of both counted.

A Word file that keeps too much together runs pages longer than the PDF, with pages left nearly
empty; within one page of the PDF is what a reader should get.

LibreOffice lays the text out in the font the .docx asks for, "TH Sarabun New", which no package
installs. Without a Thai font it falls back to one with other widths, and the count says little. So
LibreOffice gets a private fontconfig file: the system's configuration, plus the Sarabun files
bundled by fontpkg-sarabun (the same design, and the font of the PDF), standing in for "TH Sarabun
New". Nothing is installed on the machine, and the Word file is measured in the PDF's font.

Without LibreOffice (soffice) or poppler's pdfinfo/pdffonts the test is skipped on a developer's
machine and fails in CI (the environment variable CI set), where .ci/run installs them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from conftest import AGENCY, sample_analysis

from ita_analysis.batch.params import DOCUMENT_CHARTS
from ita_analysis.report import charts
from ita_analysis.report.fonts import FAMILY, sarabun_file
from ita_analysis.report.pdf import write_pdf
from ita_analysis.report.word import THAI_FONT, write_docx

CONVERT_TIMEOUT = 300  # seconds: LibreOffice's first start with a new profile is slow on a busy machine

FONTS_CONF = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <dir>{font_dir}</dir>
  <cachedir>{cache_dir}</cachedir>
  <alias binding="same"><family>{asked}</family><prefer><family>{family}</family></prefer></alias>
</fontconfig>
"""


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def _tool(*names: str) -> str:
    """The path of the first of ``names`` on the PATH; skip the test when none is (fail in CI)."""
    for name in names:
        path = shutil.which(name)
        if path:
            return path
    message = f"{' or '.join(names)} not installed; .ci/run installs it"
    if _in_ci():
        pytest.fail(f"{message} (CI is set)", pytrace=False)
    pytest.skip(message)


def _pages(pdfinfo: str, pdf: Path) -> int:
    out = subprocess.run([pdfinfo, str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in out.splitlines() if line.startswith("Pages:")))


def _sample_documents(folder: Path) -> tuple[Path, Path]:
    """The sample's measures.pdf and measures.docx, with their two charts, as the run writes them."""
    an = sample_analysis().replace(agency=AGENCY, output_dir=None, charts=DOCUMENT_CHARTS)
    figures = {**an.results().figures, **an.comparison().figures}
    paths = {name: charts.save_figure(fig, folder / name, svg=False)[0] for name, fig in figures.items()}
    doc = an.document(AGENCY, charts=paths)
    return write_pdf(doc, folder / "measures.pdf"), write_docx(doc, folder / "measures.docx")


def _libreoffice_pdf(soffice: str, docx: Path, work: Path) -> Path:
    """``docx`` converted to PDF by LibreOffice with a private profile (parallel runs do not share
    one) and the private fontconfig file described above."""
    (work / "fc-cache").mkdir()
    conf = work / "fonts.conf"
    conf.write_text(
        FONTS_CONF.format(
            font_dir=escape(str(sarabun_file().parent)),
            cache_dir=escape(str(work / "fc-cache")),
            asked=escape(THAI_FONT),
            family=escape(FAMILY),
        ),
        encoding="utf-8",
    )
    out = work / "word"
    cmd = [
        soffice,
        f"-env:UserInstallation={(work / 'profile').as_uri()}",
        "--headless",
        "--norestore",
        "--convert-to",
        "pdf",
        "--outdir",
        str(out),
        str(docx),
    ]
    env = {**os.environ, "FONTCONFIG_FILE": str(conf)}
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=CONVERT_TIMEOUT)
    pdf = out / f"{docx.stem}.pdf"
    assert done.returncode == 0 and pdf.is_file(), f"LibreOffice failed: {done.stdout}\n{done.stderr}"
    return pdf


@pytest.mark.slow  # LibreOffice lays out the Word file
def test_word_file_runs_within_one_page_of_the_pdf(tmp_path):
    soffice = _tool("soffice", "libreoffice")
    pdfinfo, pdffonts = _tool("pdfinfo"), _tool("pdffonts")
    pdf, docx = _sample_documents(tmp_path)
    word_pdf = _libreoffice_pdf(soffice, docx, tmp_path)

    fonts = subprocess.run([pdffonts, str(word_pdf)], capture_output=True, text=True, check=True).stdout
    assert f"{FAMILY}-Regular" in fonts, f"LibreOffice did not lay the text out in {FAMILY}:\n{fonts}"
    pdf_pages, word_pages = _pages(pdfinfo, pdf), _pages(pdfinfo, word_pdf)
    assert pdf_pages >= 3  # the sample document: text, four tables, two charts
    assert abs(word_pages - pdf_pages) <= 1, f"Word file {word_pages} pages, PDF {pdf_pages}"
