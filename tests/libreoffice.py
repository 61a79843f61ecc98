"""LibreOffice laying out the measures document's Word file, for the tests that compare it with the
PDF (tests/report/test_word_pages.py, test_word_layout.py).

LibreOffice lays the text out in the font the .docx asks for, "TH Sarabun New", which no package
installs. Without a Thai font it falls back to one with other widths, and the layout says little.
So LibreOffice gets a private fontconfig file: the system's configuration, plus the Sarabun files
bundled by fontpkg-sarabun (the same design, and the font of the PDF), standing in for "TH Sarabun
New". Nothing is installed on the machine. :func:`with_font` writes a copy of the .docx that asks
for another font (a system Thai font such as Loma, from Debian's fonts-tlwg-loma-otf).

Without LibreOffice (soffice) or poppler's tools the tests are skipped on a developer's machine
and fail in CI (the environment variable CI set), where .ci/run installs them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

from conftest import AGENCY, sample_analysis
from poppler_check import unavailable

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


def tool(*names: str) -> str:
    """The path of the first of ``names`` on the PATH; skip the test when none is (fail in CI)."""
    for name in names:
        path = shutil.which(name)
        if path:
            return path
    unavailable(f"{' or '.join(names)} not installed; .ci/run installs it")


def pages(pdfinfo: str, pdf: Path) -> int:
    out = subprocess.run([pdfinfo, str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in out.splitlines() if line.startswith("Pages:")))


def sample_document(folder: Path):
    """The sample's measures document, with its two charts saved in ``folder``, as the run makes it."""
    an = sample_analysis().replace(agency=AGENCY, output_dir=None, charts=DOCUMENT_CHARTS)
    figures = {**an.results().figures, **an.comparison().figures}
    paths = {name: charts.save_figure(fig, folder / name, svg=False)[0] for name, fig in figures.items()}
    return an.document(AGENCY, charts=paths)


def sample_documents(folder: Path) -> tuple[Path, Path]:
    """The sample's measures.pdf and measures.docx, with their two charts, as the run writes them."""
    doc = sample_document(folder)
    return write_pdf(doc, folder / "measures.pdf"), write_docx(doc, folder / "measures.docx")


def with_font(docx: Path, family: str, out: Path) -> Path:
    """A copy of ``docx`` at ``out`` whose text asks for ``family`` instead of the official font."""
    with zipfile.ZipFile(docx) as old, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = old.read(info)
            if info.filename.endswith(".xml"):
                data = data.replace(escape(THAI_FONT).encode(), escape(family).encode())
            new.writestr(info.filename, data)
    return out


def pdf_text(pdf: Path) -> str:
    """The text of a PDF as poppler's pdftotext reads it, in reading order."""
    done = subprocess.run([tool("pdftotext"), str(pdf), "-"], capture_output=True, text=True, check=True)
    return done.stdout


def libreoffice_pdf(soffice: str, docx: Path, work: Path) -> Path:
    """``docx`` converted to PDF by LibreOffice with a private profile (parallel runs do not share
    one) and the private fontconfig file described above."""
    done, pdf = convert_to_pdf(soffice, docx, work, f"word-{docx.stem}")
    assert done.returncode == 0 and pdf.is_file(), f"LibreOffice failed: {done.stdout}\n{done.stderr}"
    return pdf


def convert_to_pdf(soffice: str, source: Path, work: Path, folder: str) -> tuple[subprocess.CompletedProcess, Path]:
    """LibreOffice's conversion of ``source`` (a Word file or a workbook) to PDF in ``work/folder``,
    with a private profile and fontconfig file: the finished process and the PDF's path."""
    (work / "fc-cache").mkdir(exist_ok=True)
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
    out = work / folder
    profile = f"-env:UserInstallation={(work / 'profile').as_uri()}"
    cmd = [soffice, profile, "--headless", "--norestore", "--convert-to", "pdf", "--outdir", str(out), str(source)]
    env = {**os.environ, "FONTCONFIG_FILE": str(conf)}
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=CONVERT_TIMEOUT)
    return done, out / f"{source.stem}.pdf"
