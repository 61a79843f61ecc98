"""Office archives (.xlsx, .docx) whose parts claim or hold more than the limits, and Word tables whose
cells claim huge spans: each refused before the work with a one-line message naming the file and the
limit (exit code 1, no traceback, memory capped), or read as it is when the claim costs nothing.

A workbook and a document are built as a sender makes them; a part is then added by hand with the
inflated size its headers declare (:func:`office_files.add_raw_part`), true or false, or a table's
XML given ``gridSpan``/``gridBefore``/``gridAfter`` values.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from cli_run import environment, run_bounded, run_in_process
from conftest import FIXTURES, long_rows, write_xlsx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from office_files import add_part, add_raw_part, deflated_zeros, rewrite

from ita_analysis.errors import InputError
from ita_analysis.ingest.archive import check_archive
from ita_analysis.ingest.docx_tables import read_docx, table_grid
from ita_analysis.ingest.grid import read_grid

DOCX = FIXTURES / "ocsc_measures_2564.docx"
GIB = 1 << 30


def refused(*args: object, bounded: bool = False, env: dict[str, str] | None = None) -> str:
    """stderr of a command that must stop with a message: exit code 1, no traceback."""
    r = run_bounded(*args, env=env) if bounded else run_in_process(*args, env=env)
    assert r.returncode == 1, r.stdout + r.stderr
    assert "Traceback" not in r.stderr and "MemoryError" not in r.stderr, r.stderr
    return r.stderr


@pytest.fixture(params=["xlsx", "docx"])
def office(request, tmp_path) -> Path:
    """A workbook of scores or a measures document, both read by `validate`."""
    if request.param == "xlsx":
        return write_xlsx(tmp_path / "scores.xlsx", long_rows())
    return Path(shutil.copy(DOCX, tmp_path / "measures.docx"))


def test_the_files_as_built_are_read(office):
    assert run_in_process("validate", office).returncode == 0


# a. what the archive's directory claims ---------------------------------------------------------


def test_a_part_claiming_more_than_the_part_limit(office):
    add_raw_part(office, "media/huge.bin", deflated_zeros(3), declared=3_000_000_000)
    err = refused("validate", office, bounded=True)
    assert (
        f"{office} (part media/huge.bin): expected at most 1,073,741,824 bytes in one part, inflated (this file "
        "has 3,000,000,000); if the file is right, raise the limit with the environment variable "
        "ITA_ANALYSIS_MAX_MEMBER_BYTES"
    ) in err


def test_parts_claiming_more_than_the_archive_limit_together(office):
    for n in range(3):
        add_raw_part(office, f"media/part{n}.bin", deflated_zeros(1), declared=900_000_000)
    err = refused("validate", office, bounded=True)
    assert f"{office}: expected at most 2,147,483,648 bytes in all parts, inflated (this file has 2,7" in err
    assert "ITA_ANALYSIS_MAX_ARCHIVE_BYTES" in err


def test_more_parts_than_the_limit(office):
    for n in range(30):
        add_part(office, f"media/p{n}.txt", b"x")
    count = len(zipfile.ZipFile(office).infolist())
    err = refused("validate", office, env={"ITA_ANALYSIS_MAX_ARCHIVE_MEMBERS": "20"})
    assert f"{office}: expected at most 20 parts in one archive (this file has {count})" in err
    assert run_in_process("validate", office).returncode == 0  # the default passes it


def test_the_limits_are_raised_by_their_variables(office):
    add_raw_part(office, "media/big.bin", deflated_zeros(2), declared=2 << 20)
    env = {"ITA_ANALYSIS_MAX_MEMBER_BYTES": str(1 << 20)}
    assert "at most 1,048,576 bytes in one part" in refused("validate", office, env=env)
    assert run_in_process("validate", office, env={"ITA_ANALYSIS_MAX_MEMBER_BYTES": str(4 << 20)}).returncode == 0


def test_a_part_compressed_otherwise_than_office_does(office):
    add_part(office, "media/packed.bin", b"x" * 1000, method=zipfile.ZIP_BZIP2)
    err = refused("validate", office)
    assert "whose parts are stored or deflated, as Office saves them: its part 'media/packed.bin' uses compression" in (
        err
    )


# b. a part that inflates past what it declares -----------------------------------------------------


def test_a_part_that_inflates_past_its_declared_size_is_refused_within_bounded_memory(office):
    add_raw_part(office, "media/image1.png", deflated_zeros(2500), declared=100)  # 2.4 GiB in 2.6 MB
    assert office.stat().st_size < 4_000_000
    err = refused("validate", office, bounded=True)
    assert (
        f"{office}: expected {'an XLSX workbook' if office.suffix == '.xlsx' else 'a Word .docx document'} whose "
        "parts are the size they declare: its part 'media/image1.png' declares 100 bytes but inflates to more "
        "(the file is damaged, or made to exhaust memory)"
    ) in err


def test_zipfile_stops_a_part_at_its_declared_size_only_when_it_is_read_in_pieces(tmp_path):
    """Why the parts are inflated once to check them: a part read in pieces stops at its declared size,
    but a part read whole (as openpyxl reads the workbook's index and python-docx every part) is
    inflated in one step first. The same lying part: in pieces, a few MB; whole, past a 1 GiB cap."""
    path = write_xlsx(tmp_path / "x.xlsx", long_rows())
    add_raw_part(path, "xl/styles2.xml", deflated_zeros(2000), declared=100)
    script = (
        "import sys, zipfile\n"
        "part = zipfile.ZipFile(sys.argv[1]).open('xl/styles2.xml')\n"
        "if sys.argv[2] == 'pieces':\n"
        "    n = 0\n"
        "    try:\n"
        "        while piece := part.read(1 << 16): n += len(piece)\n"
        "    except zipfile.BadZipFile: pass\n"
        "    peak = [x for x in open('/proc/self/status') if x.startswith('VmHWM')][0].split()[1]\n"
        "    print(n, int(peak) // 1024)\n"
        "else:\n"
        "    part.read()\n"
    )
    cap = f"import resource; resource.setrlimit(resource.RLIMIT_AS, ({GIB}, {GIB}))\n"
    runs = {
        how: subprocess.run([sys.executable, "-c", cap + script, str(path), how], capture_output=True, text=True)
        for how in ("pieces", "whole")
    }
    read, peak_mib = map(int, runs["pieces"].stdout.split())
    assert read <= 100 and peak_mib < 200
    assert "MemoryError" in runs["whole"].stderr
    with pytest.raises(InputError, match="declares 100 bytes but inflates to more"):
        check_archive(path, "an XLSX workbook")


def test_an_honest_archive_passes_and_a_damaged_one_is_left_to_its_reader(tmp_path, office):
    check_archive(office, "a file")
    damaged = tmp_path / "damaged.xlsx"
    damaged.write_bytes(b"PK\x03\x04" + b"\0" * 100)
    check_archive(damaged, "a file")  # no archive: openpyxl's own message says so
    assert "expected a readable XLSX workbook" in refused("validate", damaged)


# c. Word tables whose cells claim huge spans --------------------------------------------------------


def _set(parent, tag: str, value: int) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    element = OxmlElement(tag)
    element.set(qn("w:val"), str(value))
    parent.append(element)


def _claims(table, spans: dict[tuple[int, int], int], before: dict[int, int], after: dict[int, int]) -> None:
    """gridSpan on cells (row, cell), gridBefore and gridAfter on rows, as numbers of any size."""
    rows = table._tbl.tr_lst
    for (r, c), value in spans.items():
        _set(rows[r].tc_lst[c].get_or_add_tcPr(), "w:gridSpan", value)
    for r, value in before.items():
        _set(rows[r].get_or_add_trPr(), "w:gridBefore", value)
    for r, value in after.items():
        _set(rows[r].get_or_add_trPr(), "w:gridAfter", value)


def _table(texts: list[list[str]]):
    from docx import Document

    table = Document().add_table(rows=len(texts), cols=len(texts[0]))
    for r, row in enumerate(texts):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    return table


CLAIM = st.integers(-5, 10**12) | st.integers(0, 40)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    spans=st.dictionaries(st.tuples(st.integers(0, 2), st.integers(0, 2)), CLAIM, max_size=4),
    before=st.dictionaries(st.integers(0, 2), CLAIM, max_size=2),
    after=st.dictionaries(st.integers(0, 2), CLAIM, max_size=2),
    width=st.integers(3, 20_000),
    cells=st.integers(9, 100_000),
)
def test_spans_place_the_cells_or_are_refused_by_the_limits(spans, before, after, width, cells):
    """Each text lands at the column its row's claims put it (gridBefore, then the spans of the cells
    before it); the grid ends at the last text; a row or a table past the limits is refused."""
    texts = [[f"r{r}c{c}" for c in range(3)] for r in range(3)]
    table = _table(texts)
    _claims(table, spans, before, after)
    places = {}
    for r in range(3):
        at = max(before.get(r, 0), 0)
        for c in range(3):
            places[texts[r][c]] = (r, at)
            at += max(spans.get((r, c), 1), 1)
    widths = [max(at for t, (row, at) in places.items() if row == r) + 1 for r in range(3)]
    with environment(ITA_ANALYSIS_MAX_ROW_WIDTH=str(width), ITA_ANALYSIS_MAX_CELLS=str(cells)):
        for r in range(3):  # the rows in order: a row too wide, or the table so far too large
            if widths[r] > width:
                with pytest.raises(InputError) as caught:
                    table_grid(table, "t.docx (table 1)")
                assert str(caught.value) == (
                    f"t.docx (table 1), row {r + 1}: expected at most {width:,} cells in one row (its cells claim to "
                    f"span that many columns) (this file has {widths[r]:,}); if the file is right, raise the limit "
                    "with the environment variable ITA_ANALYSIS_MAX_ROW_WIDTH"
                )
                return
            if (r + 1) * max(widths[: r + 1]) > cells:
                with pytest.raises(InputError, match=rf"^t.docx \(table 1\): expected at most {cells:,} cells \(rows"):
                    table_grid(table, "t.docx (table 1)")
                return
        grid = table_grid(table, "t.docx (table 1)")
    assert grid.shape == (3, max(widths))
    for text, (r, at) in places.items():
        assert grid.iat[r, at] == text
    assert (grid != "").sum().sum() == 9


def _claiming_docx(path: Path, *, span: int = 1, before: int = 0, after: int = 0, last_span: int = 1) -> Path:
    """A document whose one table (a header and two rows) claims spans: ``span`` on the second cell of
    row 2, ``before`` and ``after`` on row 3, ``last_span`` on the last cell of every row, and rows
    merged down (vMerge) with the same claims."""
    from docx import Document

    doc = Document()
    doc.add_paragraph("ตาราง")
    table = doc.add_table(rows=3, cols=3)
    for r in range(3):
        for c in range(3):
            table.cell(r, c).text = f"r{r}c{c}"
    spans = {(r, 2): last_span for r in range(3)}
    spans[(1, 1)] = span
    _claims(table, spans, {2: before}, {2: after})
    for r in (1, 2):
        _set(table._tbl.tr_lst[r].tc_lst[0].get_or_add_tcPr(), "w:vMerge", "continue" if r == 2 else "restart")
    doc.save(path)
    return path


def test_huge_trailing_claims_cost_nothing(tmp_path):
    path = _claiming_docx(tmp_path / "trailing.docx", after=2_000_000_000, last_span=2_000_000_000)
    assert read_docx(path).tables[0].grid.shape == (3, 3)
    r = run_bounded("validate", path)
    assert r.returncode == 1 and "Traceback" not in r.stderr  # no score table, told as such
    assert "expected a table of ITA scores" in r.stderr


@pytest.mark.parametrize(("claim", "found"), [({"span": 2_000_000_000}, "2,000,000,002"),
                                              ({"before": 4_000_000_000}, "4,000,000,003")])  # fmt: skip
def test_a_huge_span_or_gridbefore_is_refused_before_the_row_is_built(tmp_path, claim, found):
    path = _claiming_docx(tmp_path / "huge.docx", **claim)
    row = 2 if "span" in claim else 3
    err = refused("validate", path, bounded=True)
    assert (
        f"{path} (table 1), row {row}: expected at most 16,384 cells in one row (its cells claim to span that many "
        f"columns) (this file has {found}); if the file is right, raise the limit with the environment variable "
        "ITA_ANALYSIS_MAX_ROW_WIDTH"
    ) in err


# d. XML parts read whole into a tree -----------------------------------------------------------------


def test_a_word_body_past_the_xml_limit_is_refused_before_python_docx_reads_it(tmp_path):
    """A body of millions of empty paragraphs (40 MiB of XML in a few hundred KB) would take about
    twenty times its size as python-docx's tree."""
    path = Path(shutil.copy(DOCX, tmp_path / "long.docx"))
    rewrite(path, "word/document.xml", lambda xml: xml.replace("<w:body>", "<w:body>" + "<w:p/>" * 7_000_000, 1))
    assert path.stat().st_size < 1_000_000
    err = refused("validate", path, bounded=True)
    assert (
        f"{path} (part word/document.xml): expected at most 33,554,432 bytes in one XML part read whole, inflated"
    ) in err
    assert "ITA_ANALYSIS_MAX_XML_BYTES" in err


def test_a_workbooks_sheets_are_read_in_pieces_so_only_its_other_xml_parts_are_held_to_the_xml_limit(tmp_path):
    path = write_xlsx(tmp_path / "scores.xlsx", long_rows() + [["หน่วยงานอื่น", 2563, 1, 80]] * 3000)
    with zipfile.ZipFile(path) as archive:
        sizes = {i.filename: i.file_size for i in archive.infolist()}
    sheet = sizes.pop("xl/worksheets/sheet1.xml")
    largest = max(sizes, key=sizes.get)
    assert sheet > 2 * sizes[largest]
    with environment(ITA_ANALYSIS_MAX_XML_BYTES=str(sizes[largest] - 1)):
        with pytest.raises(InputError, match=rf"\(part {largest}\): expected at most .* bytes in one XML part"):
            read_grid(path)
    with environment(ITA_ANALYSIS_MAX_XML_BYTES=str(sizes[largest])):
        assert read_grid(path).shape == (3021, 4)  # the sheet, larger, is read in pieces


def test_a_directory_claiming_more_parts_than_the_limit_is_refused_before_zipfile_reads_it(office):
    data = bytearray(office.read_bytes())
    end = data.rindex(b"PK\x05\x06")
    data[end + 8 : end + 12] = (60_000).to_bytes(2, "little") * 2  # parts on this disk, parts in all
    office.write_bytes(bytes(data))
    err = refused("validate", office)
    assert f"{office}: expected at most 10,000 parts in one archive (this file has 60,000)" in err


def test_a_zip64_directory_gives_its_count_in_its_own_record(tmp_path):
    many = tmp_path / "many.xlsx"
    with zipfile.ZipFile(many, "w") as archive:  # a zip64 directory: its own record gives the count
        for n in range(70_000):
            archive.writestr(f"{n}", b"")
    assert f"{many}: expected at most 10,000 parts in one archive (this file has 70,000)" in refused("validate", many)
