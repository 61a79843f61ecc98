"""Typer's own texts on the command line, in the chosen language.

A usage error ("No such option: --data", "Missing option '--fy'."), the usage line above it and
the error panel are typer's (and the click it bundles), written in English. :func:`speak_typer`
sets typer's texts in the chosen language, and :func:`usage_error_text` and :func:`usage_line`
translate its usage errors and usage line by their known English forms (listed here for the
catalog); anything else is left as typer writes it.
"""

from __future__ import annotations

import re

import typer.rich_utils as rich_utils

from ita_analysis.i18n import N_
from ita_analysis.i18n import gettext as _

# typer's texts, set as its module's constants in the chosen language
RICH_TEXTS = {
    "ERRORS_PANEL_TITLE": N_("Error"),
    "ABORTED_TEXT": N_("Aborted."),
    "RICH_HELP": N_("Try '{command_path} {help_option}' for help."),
    "REQUIRED_LONG_STRING": N_("[required]"),
    "DEFAULT_STRING": N_("[default: {}]"),
}
# typer's usage errors as it writes them -> the text in the catalog (named groups as placeholders)
USAGE_ERRORS = (
    (r"No such option: (?P<name>.+?)(?: \(Possible options: (?P<options>.+)\))?", N_("No such option: {name}")),
    (r"Missing option (?P<hint>.+)\.", N_("Missing option {hint}.")),
    (r"Missing argument (?P<hint>.+)\.", N_("Missing argument {hint}.")),
    (r"Missing parameter: (?P<hint>.+)", N_("Missing parameter: {hint}")),
    (r"Invalid value for (?P<hint>.+?): (?P<message>.*)", N_("Invalid value for {hint}: {message}")),
    (r"Got unexpected extra arguments? \((?P<args>.*)\)", N_("Got unexpected extra argument ({args})")),
    (r"No such command '(?P<name>.+?)'\.(?: Did you mean '(?P<guess>.+)'\?)?", N_("No such command '{name}'.")),
)
POSSIBLE = N_("(Possible options: {options})")
GUESS = N_("Did you mean '{guess}'?")
USAGE = N_("Usage:")


def speak_typer() -> None:
    """Typer's panel title, help hint and marks in the chosen language from now on."""
    for name, text in RICH_TEXTS.items():
        setattr(rich_utils, name, _(text))


def usage_error_text(message: str) -> str:
    """A usage error of typer's in the chosen language (as it is when its form is not known)."""
    for pattern, text in USAGE_ERRORS:
        found = re.fullmatch(pattern, message, flags=re.S)
        if found:
            parts = found.groupdict()
            said = _(text).format(**{k: v for k, v in parts.items() if k not in ("options", "guess")})
            if parts.get("options"):
                said += " " + _(POSSIBLE).format(options=parts["options"])
            if parts.get("guess"):
                said += " " + _(GUESS).format(guess=parts["guess"])
            return said
    return message


def usage_line(line: str) -> str:
    """Typer's usage line ("Usage: ita-analysis run [OPTIONS]") with its first word translated."""
    head = "Usage:"
    return _(USAGE) + line[len(head) :] if line.startswith(head) else line
