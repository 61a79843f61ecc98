"""File helpers: folder names made from agency names, and file checksums."""

from __future__ import annotations

import errno
import os

import pytest

from ita_analysis.files import atomic_path, remove_tree, safe_folder_name, sha256_file, write_new


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


def test_atomic_path_replaces_a_link_never_what_it_points_at(tmp_path):
    outside = tmp_path / "outside.txt"
    outside.write_text("not ours", encoding="utf-8")
    (tmp_path / "out").mkdir()
    target = tmp_path / "out" / "summary.csv"
    target.symlink_to(outside)
    with atomic_path(target) as tmp:
        assert tmp.parent.parent == target.parent and tmp.name == target.name  # in a private folder beside it
        assert oct(tmp.parent.stat().st_mode & 0o777) == oct(0o700)
        tmp.write_text("ours", encoding="utf-8")
    assert not target.is_symlink() and target.read_text(encoding="utf-8") == "ours"
    assert outside.read_text(encoding="utf-8") == "not ours"
    assert os.listdir(tmp_path / "out") == ["summary.csv"]


def test_atomic_path_errors_name_the_file_and_leave_nothing(tmp_path):
    target = tmp_path / "measures.pdf"
    target.write_text("previous", encoding="utf-8")
    with pytest.raises(OSError) as info:
        with atomic_path(target) as tmp:
            tmp.write_text("half", encoding="utf-8")
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))  # as a write of a full disk says it
    assert (info.value.errno, info.value.filename) == (errno.ENOSPC, str(target))
    assert os.listdir(tmp_path) == ["measures.pdf"] and target.read_text(encoding="utf-8") == "previous"


def test_write_new_never_writes_through_a_link(tmp_path):
    outside = tmp_path / "outside.txt"
    outside.write_text("not ours", encoding="utf-8")
    (tmp_path / "draft").symlink_to(outside)
    with pytest.raises(FileExistsError):
        write_new(tmp_path / "draft", b"ours")
    assert outside.read_text(encoding="utf-8") == "not ours"
    write_new(tmp_path / "new", b"ours")
    assert (tmp_path / "new").read_bytes() == b"ours"


def test_remove_tree_removes_a_link_as_a_link(tmp_path):
    kept = tmp_path / "kept"
    (kept / "sub").mkdir(parents=True)
    (kept / "sub" / "f.txt").write_text("x", encoding="utf-8")
    (tmp_path / "link").symlink_to(kept)
    assert remove_tree(tmp_path / "link") is None and (kept / "sub" / "f.txt").exists()
    assert remove_tree(kept) is None and not kept.exists()
    assert remove_tree(tmp_path / "never there") is None


def test_write_csv_bytes_written_out_by_hand(tmp_path):
    """Every kind of column an agency's tables hold, with the bytes expected cell by cell: numbers
    in their shortest form, missing cells empty, formula-like text defused, quotes doubled, CRLF."""
    import numpy as np
    import pandas as pd

    from ita_analysis.files import write_csv

    df = pd.DataFrame(
        {
            "score": [85.0, np.nan, 0.1 + 0.2],
            "rank": [1, 2, 3],
            "flag": [True, False, True],
            "note": ["=1+1", None, 'say "hi", then go'],
            "name": pd.array(["กรม ก", None, "ข"], dtype="string"),
            "year": pd.array([2563, None, 2565], dtype="Int64"),
        }
    )
    expected = (
        "\ufeffscore,rank,flag,note,name,year\r\n"
        "85.0,1,True,'=1+1,กรม ก,2563\r\n"
        ",2,False,,,\r\n"
        '0.30000000000000004,3,True,"say ""hi"", then go",ข,2565\r\n'
    )
    assert write_csv(df, tmp_path / "t.csv").read_bytes() == expected.encode("utf-8")
    when = pd.DataFrame({"day": pd.to_datetime(["2024-01-02"])})  # left to pandas: the same text
    assert write_csv(when, tmp_path / "d.csv").read_bytes() == "\ufeffday\r\n2024-01-02\r\n".encode()
