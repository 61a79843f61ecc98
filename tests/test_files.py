"""File helpers: folder names made from agency names, and file checksums."""

from __future__ import annotations

import pytest

from ita_analysis.files import safe_folder_name, sha256_file


@pytest.mark.parametrize(
    ("name", "folder"),
    [
        ("สำนักงาน ก.พ.", "สำนักงาน ก.พ"),  # Thai kept; a final dot is not allowed on Windows
        ("เทศบาลตำบล ก/ข", "เทศบาลตำบล ก_ข"),
        ('a<b>c:d"e\\f|g?h*i', "a_b_c_d_e_f_g_h_i"),
        ("CON", "_CON"),
        ("lpt1.txt", "_lpt1.txt"),
        ("..", "agency"),
        ("  กรม  (x)  ทดลอง ", "กรม (x) ทดลอง"),  # spaces as the data's names have them, normalised
        # 64 Thai letters are 192 bytes: with a "_<n>" suffix still under 200 bytes
        ("ก" * 100, "ก" * 64),
        ("A" * 100, "A" * 80),  # Latin letters: 80 characters
        ("ก" * 63 + "กี่", "ก" * 63),  # never a letter without its marks: the last cluster goes whole
        # braces and format fields never reach a path formatter; runs of "_" fold into one
        ("กรม{agency}", "กรม_agency_"),
        ("{0}{output_dir}", "_0_output_dir_"),
        ("%s $HOME 'x' `y`", "_s _HOME _x_ _y_"),
        ("-rf", "rf"),
        ("ชื่อ\x07ตัว\x1b", "ชื่อตัว"),  # control characters are dropped on reading
        ("nul .txt", "_nul .txt"),
    ],
)
def test_safe_folder_name(name, folder):
    assert safe_folder_name(name) == folder


def test_safe_folder_names_are_unique_ignoring_case():
    taken: set[str] = set()
    assert [safe_folder_name(n, taken) for n in ("Dept", "dept", "DEPT", "ก/ข", "ก_ข")] == [
        "Dept", "dept_2", "DEPT_3", "ก_ข", "ก_ข_2",
    ]  # fmt: skip


def test_sha256_file(tmp_path):
    path = tmp_path / "abc.txt"
    path.write_bytes(b"abc")
    assert sha256_file(path) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"  # FIPS 180-2 example
    path.write_bytes(b"")
    assert sha256_file(path) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
