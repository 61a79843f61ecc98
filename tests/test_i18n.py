"""The Thai catalog in step with the code, and the help pages in the chosen language.

The messages are extracted from the package's source as ``make messages`` extracts them (Babel, with
the project's babel.cfg); every one must have a Thai translation in the catalog, neither fuzzy nor
obsolete, with the same placeholders as its English. The Thai wording the tests look for is written
here by hand, not read from the catalog.
"""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from tests.cli_run import run_in_process

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "ita_analysis"
CATALOG = PACKAGE / "locale" / "th" / "LC_MESSAGES" / "ita_analysis.po"
THAI_LOCALE = {"ITA_ANALYSIS_LANG": "", "LC_ALL": "", "LC_MESSAGES": "", "LANG": "th_TH.UTF-8"}


def extracted() -> dict[str, list[str]]:
    """Each message marked in the package's source (msgid; its plural's too) -> where it is."""
    with (ROOT / "babel.cfg").open(encoding="utf-8") as config:
        method_map, options_map = parse_mapping_cfg(config)
    found: dict[str, list[str]] = {}
    for filename, lineno, message, _comments, _context in extract_from_dir(PACKAGE, method_map, options_map):
        for text in message if isinstance(message, tuple) else (message,):
            if text:
                found.setdefault(text, []).append(f"{filename}:{lineno}")
    return found


def catalog():
    with CATALOG.open("rb") as handle:
        return read_po(handle, locale="th", domain="ita_analysis")


def test_the_extraction_finds_the_messages_of_the_code():
    found = extracted()
    # a help text (N_), a message (_), a plural (ngettext), in three stages of the package
    assert "Error:" in found
    assert "Show this message and exit." in found
    assert "{where}, row {row}" in found


def test_every_message_of_the_code_has_its_thai():
    messages = catalog()
    translated = {}
    for m in messages:
        if m.id and not m.fuzzy:
            ids = m.id if isinstance(m.id, tuple) else (m.id,)
            strings = m.string if isinstance(m.string, tuple) else (m.string,)
            for text in ids:
                translated[text] = all(strings)
    missing = {text: where for text, where in extracted().items() if not translated.get(text)}
    assert not missing, "no Thai (or a fuzzy one) in the catalog; run `make messages` and fill them in: " + str(missing)


def test_the_catalog_holds_no_obsolete_or_fuzzy_message():
    messages = catalog()
    assert not messages.obsolete, list(messages.obsolete)
    assert not [m.id for m in messages if m.id and m.fuzzy]
    unused = [m.id for m in messages if m.id and (m.id if isinstance(m.id, str) else m.id[0]) not in extracted()]
    assert not unused, "in the catalog, no longer in the code: " + str(unused)


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_the_thai_has_the_placeholders_of_the_english():
    differ = []
    for m in catalog():
        if not m.id:
            continue
        ids = m.id if isinstance(m.id, tuple) else (m.id,)
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        wanted = set().union(*map(placeholders, ids))
        differ += [(m.id, s) for s in strings if s and placeholders(s) != wanted]
    assert not differ


def test_placeholders_are_read_as_the_code_fills_them():
    assert placeholders("{where}, row {row}") == {"where", "row"}
    assert placeholders("{n:,} agencies; {{literal}}") == {"n"}


def test_no_thai_digits_in_the_messages():
    thai_digits = re.compile("[๐-๙]")
    offending = []
    for m in catalog():
        ids = m.id if isinstance(m.id, tuple) else (m.id,)
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        # Thai digits only where the English has them too (an example of what may be typed)
        if not any(thai_digits.search(i) for i in ids if i):
            offending += [s for s in strings if s and thai_digits.search(s)]
    assert not offending


# The help pages


def test_the_main_help_is_thai_with_lang_th():
    ran = run_in_process("--lang", "th", "--help")
    assert ran.returncode == 0
    assert "วิเคราะห์คะแนนการประเมินคุณธรรมและความโปร่งใส (ITA)" in ran.stdout
    assert "ภาษาของข้อความและคำอธิบาย" in ran.stdout  # --lang's own help
    assert "แสดงปีงบประมาณที่มีกรอบการประเมิน" in ran.stdout  # a command's line
    assert "คำสั่ง" in ran.stdout and "ตัวเลือก" in ran.stdout  # the panels' titles
    assert "scores into analysis" not in ran.stdout


def test_a_command_help_is_thai_on_a_thai_locale():
    ran = run_in_process("run", "--help", env=THAI_LOCALE)
    assert ran.returncode == 0
    assert "ประมวลผลโน้ตบุ๊กด้วย papermill" in ran.stdout
    assert "ปีงบประมาณ (พ.ศ.) ที่จะประมวลผล" in ran.stdout  # --fy, from the analysis parameters
    assert "แสดงคำอธิบายนี้แล้วจบการทำงาน" in ran.stdout  # --help
    assert "--notebook-limit" in ran.stdout  # option names as they are


@pytest.mark.parametrize("env", [{}, {"ITA_ANALYSIS_LANG": "en", "LANG": "th_TH.UTF-8"}, {"LANG": "C.UTF-8"}])
def test_the_help_is_english_otherwise(env):
    ran = run_in_process("run", "--help", env={"ITA_ANALYSIS_LANG": "", "LC_ALL": "", "LANG": "", **env})
    assert "Execute the notebooks with papermill" in ran.stdout
    assert "Show this message and exit." in ran.stdout
    assert "ประมวลผลโน้ตบุ๊ก" not in ran.stdout


def test_lang_en_wins_over_a_thai_locale_and_the_next_page_follows_the_next_choice():
    assert "Tool scores, weighted total" in run_in_process("--lang", "en", "--help", env=THAI_LOCALE).stdout
    assert "คะแนนรายเครื่องมือ คะแนนรวมถ่วงน้ำหนัก" in run_in_process("--lang", "th", "--help").stdout
    assert "Tool scores, weighted total" in run_in_process("--help").stdout  # English again, as written


def test_a_language_other_than_th_or_en_is_a_usage_error():
    ran = run_in_process("--lang", "fr", "frameworks")
    assert ran.returncode == 2
    assert "choose th or en, not 'fr'" in ran.stderr
