"""What the PDFs of a worker's documents share (PdfRenderer), and the garbage collection around one."""

from __future__ import annotations

import gc
import re
import subprocess
import weakref

from conftest import AGENCY, sample_analysis
from poppler_check import require_poppler

from ita_analysis.report.pdf import PdfRenderer, collected_once, render_html, user_agent_css, write_pdf


def rules(css: str) -> list[str]:
    """The selectors of a stylesheet's rules, at-rules as their keyword (enough for these sheets)."""
    return [s.strip() for s in re.findall(r"(?:^|})\s*([^{}]+?)\s*\{", css)]


def test_the_user_agent_sheet_loses_only_the_rules_of_every_elements_pseudo_elements():
    from weasyprint.html import UA

    kept = user_agent_css()
    dropped = [
        "::marker",
        "::footnote-call",
        "::footnote-marker",
        "::note-call",
        "::note-marker",
        "::note-callback",
    ]
    whole = [re.sub(r"\s+", " ", s) for s in rules(re.sub(r"/\*.*?\*/", "", UA, flags=re.S))]
    assert all(d in whole for d in dropped)  # WeasyPrint's sheet has them ...
    assert [re.sub(r"\s+", " ", s) for s in rules(kept)] == [s for s in whole if s not in dropped]  # ... we not
    assert "q::before" in kept and "wbr::before" in kept  # a named element's pseudo-element stays


def test_the_document_has_no_list_item_nor_footnote():
    """What the trimmed sheet relies on: nothing in the page makes a marker or a footnote."""
    html = render_html(sample_analysis().document(AGENCY))  # the stylesheet inlined
    assert not re.search(r"<(li|ol|ul|summary|details)\b", html)
    assert not re.search(r"list-item|float\s*:\s*footnote|footnote-display", html)


def pdf_text(path) -> str:
    require_poppler("pdftotext")
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_a_shared_renderer_writes_the_pages_a_new_one_writes(tmp_path):
    a = sample_analysis()
    thai, arabic = a.document(AGENCY), a.document(AGENCY, digits="arabic")
    shared = PdfRenderer()
    for k in range(2):  # the second time from the stylesheets kept
        write_pdf(thai, tmp_path / f"thai{k}.pdf", renderer=shared)
        write_pdf(arabic, tmp_path / f"arabic{k}.pdf", renderer=shared)
    write_pdf(thai, tmp_path / "thai.pdf")
    write_pdf(arabic, tmp_path / "arabic.pdf")
    assert pdf_text(tmp_path / "thai1.pdf") == pdf_text(tmp_path / "thai.pdf") == pdf_text(tmp_path / "thai0.pdf")
    assert pdf_text(tmp_path / "arabic1.pdf") == pdf_text(tmp_path / "arabic.pdf")
    assert "๑" in pdf_text(tmp_path / "thai1.pdf") and "๑" not in pdf_text(tmp_path / "arabic1.pdf")


class Node:
    def __init__(self):
        self.me = self  # a reference cycle: only the cyclic collector frees it


def test_collected_once_frees_the_cycles_made_within_and_turns_the_collector_back_on():
    assert gc.isenabled()
    with collected_once():
        assert not gc.isenabled()
        gone = weakref.ref(Node())
        assert gone() is not None  # no collection within
    assert gc.isenabled() and gone() is None


def test_collected_once_leaves_a_collector_that_was_off_off():
    gc.disable()
    try:
        with collected_once():
            kept = weakref.ref(Node())
        assert not gc.isenabled() and kept() is not None
    finally:
        gc.enable()
    gc.collect()
