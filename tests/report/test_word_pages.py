"""The Word file's length against the PDF's: the sample measures document written as .docx and as
.pdf, the .docx laid out by LibreOffice (headless, converted to PDF), and the pages of both counted.

A Word file that keeps too much together runs pages longer than the PDF, with pages left nearly
empty; within one page of the PDF is what a reader should get.

LibreOffice lays the Word file out with Sarabun standing in for "TH Sarabun New" (see
tests/libreoffice.py), so the Word file is measured in the PDF's font.
"""

from __future__ import annotations

import subprocess

import pytest
from libreoffice import libreoffice_pdf, pages, sample_documents, tool

from ita_analysis.report.fonts import FAMILY


@pytest.mark.slow  # LibreOffice lays out the Word file
def test_word_file_runs_within_one_page_of_the_pdf(tmp_path):
    soffice = tool("soffice", "libreoffice")
    pdfinfo, pdffonts = tool("pdfinfo"), tool("pdffonts")
    pdf, docx = sample_documents(tmp_path)
    word_pdf = libreoffice_pdf(soffice, docx, tmp_path)

    fonts = subprocess.run([pdffonts, str(word_pdf)], capture_output=True, text=True, check=True).stdout
    assert f"{FAMILY}-Regular" in fonts, f"LibreOffice did not lay the text out in {FAMILY}:\n{fonts}"
    pdf_pages, word_pages = pages(pdfinfo, pdf), pages(pdfinfo, word_pdf)
    assert pdf_pages >= 3  # the sample document: text, four tables, two charts
    assert abs(word_pages - pdf_pages) <= 1, f"Word file {word_pages} pages, PDF {pdf_pages}"
