"""The Word file's text as its reader sees it: python-docx reads every character of a run, the
invisible word joiners and zero-width spaces that keep a Thai compound whole on a line included
(:mod:`ita_analysis.report.word_breaks`); the tests that compare the file's words with the
document's read them without these, as Word shows them."""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.oxml.ns import qn

from ita_analysis.report.word_breaks import BREAK, NO_BREAK


def read_docx(path: str | Path):
    """The python-docx document of ``path``, its text without :data:`NO_BREAK` and :data:`BREAK`."""
    d = Document(str(path))
    for t in d.element.iter(qn("w:t")):
        if t.text:
            t.text = t.text.replace(NO_BREAK, "").replace(BREAK, "")
    return d
