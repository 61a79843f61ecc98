"""What the notebooks show besides the analysis itself: readable tables under Thai column labels
(:mod:`ita_analysis.report.labels`), one-line errors and a line saying which agency the charts are about.

A notebook calls :func:`setup_notebook` in its first code cell; :meth:`Output.show` shows its table
with :func:`show_table`; the cell that builds the analysis ends with :func:`show_agency`.
"""

from __future__ import annotations

import html
import math
from collections.abc import Collection

import pandas as pd

from ita_analysis.errors import InputError, ItaError
from ita_analysis.i18n import gettext as _
from ita_analysis.i18n import language
from ita_analysis.report.labels import column_label, status_text
from ita_analysis.report.word_fit import pieces_of
from ita_analysis.thai.wrap import KNOWN_WORDS, display_width, known_words

WRAPPED = {
    "indicator_name": 11, "rule_th": 10, "sub_items": 22, "recommendation": 22, "text": 22, "reason": 10,
    "action": 22, "responsible": 10, "kpi": 14,
}  # fmt: skip
"""Columns of running text -> the width (in em) they wrap at, one line per line of the value."""

CONTEXT = ("agency", "fiscal_year", "previous_year", "framework_status", "rule", "sub_items_source")
"""Columns said once above a table when every row holds the same value."""

MAX_ROWS = 200  # rows a notebook shows of a table (a national table holds 83,000 indicator rows)

NOWRAP = '<span style="white-space: nowrap">{}</span>'
WHOLE_WORD_CELLS = 7  # a header's words up to this wide stay whole; a longer run may break inside
NOTE_STYLE = "white-space: pre-wrap; word-break: normal; overflow-wrap: normal;"
"""A note's lines as written, wrapped between words (JupyterLab breaks printed text anywhere)."""


def labelled(table: pd.DataFrame) -> pd.DataFrame:
    """The table's first :data:`MAX_ROWS` rows with Thai column labels."""
    return table.head(MAX_ROWS).rename(columns={c: column_label(str(c)) for c in table.columns})


def said_once(table: pd.DataFrame) -> tuple[pd.DataFrame, str]:
    """The table without the :data:`CONTEXT` columns that hold one value in every row (of two or
    more rows), and those values in one line ("หน่วยงาน สำนักงาน ก.พ. · ปีงบประมาณ 2563")."""
    if len(table) < 2:
        return table, ""
    same = [c for c in CONTEXT if c in table.columns and table[c].nunique(dropna=False) == 1]
    said = [f"{context_label(c)}: {context_value(c, table[c].iloc[0])}" for c in same if pd.notna(table[c].iloc[0])]
    return table.drop(columns=same), " · ".join(said)


def context_label(name: str) -> str:
    """The name of a column said once above a table, in the chosen language: its Thai label, or
    in English its name ("framework status"), so that the line is whole in one language."""
    return column_label(name) if language() == "th" else name.replace("_", " ")


def context_value(name: str, value):
    """A value said once above a table: a framework's status in the chosen language, others as they are."""
    return status_text(value) if name == "framework_status" else value


def _bulleted(value) -> str:
    """A value of several lines (sub-items, one a line) as a bulleted list; one line as it is; the
    words of each line kept whole (:func:`words_html`)."""
    lines = "" if pd.isna(value) else str(value)
    return "\n".join(f"• {words_html(line)}" for line in lines.split("\n")) if "\n" in lines else words_html(lines)


def _is_figure(column: pd.Series) -> bool:
    """Whether a column holds figures (numbers, years, yes/no marks): kept on one line."""
    return pd.api.types.is_numeric_dtype(column) or pd.api.types.is_bool_dtype(column)


def styled(table: pd.DataFrame, *, figures: Collection[str] = ()):
    """The table as a notebook shows it (a pandas Styler): Thai labels, two decimals, no index, what
    every row shares said once above it, every value HTML-escaped. Headers and short texts wrap
    between words only (:func:`words_html`); figures (numeric columns, and the columns named in
    ``figures``) never wrap and are right aligned; text columns wrap and are left aligned, running
    text (:data:`WRAPPED`) at a readable width, so that a wide table fits the page rather than
    scrolling sideways."""
    rest, said = said_once(table.head(MAX_ROWS))
    shown = labelled(rest)
    numbers = [column_label(str(c)) for c in rest.columns if _is_figure(rest[c]) or c in figures]
    yes_no = [c for c in shown.columns if pd.api.types.is_bool_dtype(shown[c])]
    styler = shown.style.hide(axis="index").format(precision=2, na_rep="", escape="html")
    styler = styler.format(lambda v: "ใช่" if v else "", subset=yes_no)  # a mark only where it is true
    styler = styler.format_index(words_html, axis=1, escape="html")
    running = {column_label(name) for name in WRAPPED}
    short_text = [c for c in shown.columns if c not in numbers and c not in yes_no and c not in running]
    styler = styler.format(words_html, subset=short_text, escape="html")
    styler = styler.set_table_styles(
        [
            {"selector": "caption", "props": "text-align: left; padding-bottom: 0.5em;"},
            {"selector": "th", "props": "vertical-align: bottom; white-space: normal;"},
            {"selector": "td", "props": "vertical-align: top;"},
        ]
    )
    # per column rules (td.colN) outrank the table's: figures on one line, text left aligned and wrapped
    nowrap = [{"selector": "td", "props": "white-space: nowrap;"}]
    left = [
        {"selector": "th", "props": "text-align: left;"},
        {"selector": "td", "props": "text-align: left; white-space: normal;"},
    ]
    per_column = {c: list(nowrap if c in numbers else left) for c in shown.columns}
    for name in rest.columns.intersection(list(WRAPPED)):  # a table cell ignores max-width: a width and a minimum
        width = WRAPPED[name]
        wrap = f"white-space: pre-line; width: {width}em; min-width: {round(width * 0.6)}em;"
        # an empty or all-missing text column has a numeric dtype: it is still running text
        per_column[column_label(name)] = [*left, {"selector": "td", "props": wrap}]
        styler = styler.format(_bulleted, subset=[column_label(name)], escape="html")
    styler = styler.set_table_styles(per_column, overwrite=False)
    return styler.set_caption(html.escape(said)) if said else styler


def words_html(value: object) -> str:
    """A header or a short text cell (already HTML-escaped) whose words never break: each piece of
    :func:`ita_analysis.thai.wrap.known_words` that is a known word or at most
    :data:`WHOLE_WORD_CELLS` cells wide stays on one line, so that a browser's Thai breaker does not
    split "จุดอ่อน" into "จุด|อ่อน" or "งบประมาณ" into "งบ|ประมาณ"; a line may break at the
    spaces, between the words, and inside a longer run of words the list does not know."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    text = " ".join(str(value).split())
    parts = []
    for k, (before, word) in enumerate(pieces_of(text, known_words(text))):
        whole = NOWRAP.format(word) if word in KNOWN_WORDS or display_width(word) <= WHOLE_WORD_CELLS else word
        parts.append((before or ("<wbr>" if k else "")) + whole)  # a space, or a break between Thai words
    return "".join(parts)


def plain(table: pd.DataFrame) -> str:
    """The labelled table as plain text, for where only text is kept: lines of at most 80
    characters (pandas splits a wide table into blocks), long text cut, so that no line is
    wrapped by the viewer, inside a number or elsewhere; figures with two decimals."""
    shown = labelled(table)
    for name in shown.columns:  # figures among text (a what-if's grade row): two decimals too
        if pd.api.types.is_object_dtype(shown[name]):
            shown[name] = shown[name].map(lambda v: f"{v:.2f}" if isinstance(v, float) else v)
    options = ("display.width", 80, "display.max_columns", None, "display.max_colwidth", 40)
    with pd.option_context(*options, "display.float_format", "{:.2f}".format):
        return repr(shown)


def table_bundle(table: pd.DataFrame, *, above: str = "", figures: Collection[str] = ()) -> dict[str, str]:
    """What a notebook displays of a table: the styled HTML (:func:`styled`) and the plain text
    (:func:`plain`), after the note ``above`` (:func:`note_bundle`) when there is one."""
    note = note_bundle(above) if above else {"text/html": "", "text/plain": ""}
    return {
        "text/html": note["text/html"] + styled(table, figures=figures).to_html(),
        "text/plain": "\n".join(part for part in (note["text/plain"], plain(table)) if part),
    }


def note_bundle(text: str) -> dict[str, str]:
    """A line (or lines) of text as a notebook displays it: HTML whose lines wrap between words
    only (a printed line, shown as preformatted text, wraps at any character: "6|7.90"), and the
    text itself where only text is kept."""
    return {"text/html": f'<div style="{NOTE_STYLE}">{html.escape(text)}</div>', "text/plain": text}


def show_note(text: str) -> None:
    """Display a note (:func:`note_bundle`)."""
    from IPython.display import display

    display(note_bundle(text), raw=True)


def show_table(table: pd.DataFrame) -> None:
    """Display a table: styled HTML in JupyterLab, the labelled text where only text is kept."""
    from IPython.display import display

    if len(table.columns) == 0:
        return
    if len(table) > MAX_ROWS:
        show_note(_("the first {shown} of {total:,} rows").format(shown=MAX_ROWS, total=len(table)))
    display(table_bundle(table), raw=True)


def agency_line(analysis) -> str:
    """One line (in the chosen language) on whose charts are shown: the only agency in the data, taken
    because ``agency`` is None; or, with several agencies and no ``agency``, how to see one
    agency's charts. Empty when the analyst named the agency."""
    if getattr(analysis, "agency_from_data", False):
        return _("agency = None and the data holds one agency: showing {agency}").format(agency=analysis.agency)
    if analysis.agency is None and (n := len(analysis.agencies())) > 1:
        return _(
            "the data holds {n:,} agencies and the charts show their mean: set agency for one agency's charts"
        ).format(n=n)
    return ""


def show_agency(analysis) -> None:
    """Show :func:`agency_line` when there is something to say."""
    if line := agency_line(analysis):
        show_note(line)


def error_lines(exc: BaseException) -> list[str]:
    """The message the command line gives for an input or framework error, line by line."""
    if isinstance(exc, InputError):
        return [_("{n} problem(s) found:").format(n=len(exc.problems)), *(f"  - {p}" for p in exc.problems)]
    return [f"{_('Error:')} {exc}"]


def _show_message(shell, etype, value, tb, tb_offset=None) -> list[str]:
    """IPython's handler for ItaError: the error's message as its output, no traceback."""
    stb = ["\x1b[31m" + line + "\x1b[0m" if k == 0 else line for k, line in enumerate(error_lines(value))]
    shell._showtraceback(etype, value, stb)  # what IPython's showtraceback does with its own lines
    return stb


def setup_notebook() -> None:
    """Make the running IPython show input and framework errors (ItaError) as the command line
    does: the message, not a traceback. Other errors keep their traceback. Does nothing outside
    IPython."""
    try:
        from IPython import get_ipython
    except ImportError:
        return
    shell = get_ipython()
    if shell is not None:
        shell.set_custom_exc((ItaError,), _show_message)
