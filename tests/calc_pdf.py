"""A workbook printed by LibreOffice Calc (headless, converted to PDF), and the PDF's pages read back.

LibreOffice lays the sheets out in the font they ask for, "TH Sarabun New", which no package
installs: it gets a private fontconfig file, the system's configuration plus the Sarabun files
bundled by fontpkg-sarabun standing in for it (as tests/report/test_word_pages.py does for Word),
and a private profile, so that parallel runs do not share one.

Without LibreOffice's spreadsheet filter (Debian: libreoffice-calc-nogui) or poppler's tools the
calling test is skipped on a developer's machine and fails in CI, where .ci/run installs them.
"""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
from pathlib import Path

from libreoffice import convert_to_pdf
from poppler_check import require_poppler, unavailable


def calc_pdf(xlsx: Path, work: Path) -> Path:
    """``xlsx`` printed to PDF by LibreOffice Calc, in a folder of ``work``."""
    require_poppler("pdftotext", "pdfinfo")
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        unavailable("LibreOffice (soffice) not installed; .ci/run installs it")
    work.mkdir(parents=True, exist_ok=True)
    done, pdf = convert_to_pdf(soffice, xlsx, work, "pdf")
    if "source file could not be loaded" in done.stderr:  # Writer alone: no spreadsheet filter
        unavailable("LibreOffice Calc (libreoffice-calc-nogui) not installed; .ci/run installs it")
    assert done.returncode == 0 and pdf.is_file(), f"LibreOffice failed: {done.stdout}\n{done.stderr}"
    return pdf


def page_texts(pdf: Path) -> list[str]:
    """The text of each page (pdftotext, one call a page)."""
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    texts = []
    for page in range(1, pages + 1):
        cmd = ["pdftotext", "-f", str(page), "-l", str(page), "-layout", str(pdf), "-"]
        texts.append(subprocess.run(cmd, capture_output=True, text=True, check=True).stdout)
    return texts


def base_text(text: str) -> str:
    """``text`` without spaces and combining marks (Thai vowels above and below, tone marks):
    pdftotext puts a Thai glyph's marks where it finds them, sometimes after the next letter."""
    return "".join(ch for ch in text if not ch.isspace() and not unicodedata.category(ch).startswith("M"))
