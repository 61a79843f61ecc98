"""Problems found in input, reported the way a person finds them in a spreadsheet."""

from __future__ import annotations

from dataclasses import dataclass

from ita_analysis import filenames
from ita_analysis.i18n import gettext as _


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or worth a warning) in an input file.

    ``row`` is the row number as a spreadsheet shows it (the first line of the file is row 1);
    None when the problem concerns the file or a group of rows as a whole.
    """

    file: str
    row: int | None
    column: str | None
    value: str | None
    expected: str

    def __str__(self) -> str:
        """The problem in the chosen language: the frame here, ``expected`` from the catalog when it is
        one of its messages as written (a constant marked with ``N_``) or already translated."""
        where = filenames.shown(self.file)  # a file name that is not UTF-8 with its bytes as \xff
        if self.row is not None:
            where = _("{where}, row {row}").format(where=where, row=self.row)
        if self.column:
            where = _("{where}, column '{column}'").format(where=where, column=self.column)
        expected = _(self.expected)
        if self.value is not None:
            shown = self.value if len(self.value) <= 60 else self.value[:57] + "..."
            return _("{where}: value '{value}': expected {expected}").format(
                where=where, value=shown, expected=expected
            )
        return _("{where}: expected {expected}").format(where=where, expected=expected)


class ItaError(Exception):
    """Base of the errors the CLI shows as a message (exit code 1) rather than a traceback.

    ``attempt_kept`` says, for an error that ended a yearly run, where the failed attempt was kept
    and that the previous outputs are untouched (set by the run's staging); None otherwise.
    """

    attempt_kept: str | None = None


class FrameworkError(ItaError):
    """A framework file is missing or malformed, or a year has none."""


class InputError(ItaError):
    """One or more input files have problems; ``problems`` lists all of them."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))
