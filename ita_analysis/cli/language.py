"""The language of the command line: ``--lang th|en`` and help pages in the chosen language.

Typer takes a command's help, and each option's, when the commands are defined (at import), before
``--lang`` or the locale can be read. So the help texts are written in English, marked with ``N_``
for the catalog, and translated when a help page is shown: :class:`TranslatedCommand` and
:class:`TranslatedGroup` put the texts of the chosen language in place while they format the page,
and the English back after, so that the next page (another language in the same process) starts
from the English again.
"""

from __future__ import annotations

from contextlib import ExitStack, contextmanager

import typer
from typer._click.exceptions import UsageError
from typer.core import TyperArgument, TyperCommand, TyperGroup

from ita_analysis.cli.click_texts import speak_typer, usage_error_text, usage_line
from ita_analysis.i18n import LANGUAGES, N_, choose
from ita_analysis.i18n import gettext as _

# The texts of typer's own on a help page that it cannot translate itself
HELP_OPTION = N_("Show this message and exit.")
PANELS = {"argument": N_("Arguments"), "option": N_("Options"), "command": N_("Commands")}


@contextmanager
def _translated(thing, panel: str):
    """``thing`` (a command or a parameter) with its help, short help and panel title translated."""
    saved = {name: getattr(thing, name, None) for name in ("help", "short_help", "rich_help_panel")}
    for name in ("help", "short_help"):
        if saved[name]:
            setattr(thing, name, _(saved[name]))
    if hasattr(thing, "rich_help_panel"):
        thing.rich_help_panel = _(saved["rich_help_panel"] or panel)
    try:
        yield
    finally:
        for name, value in saved.items():
            if hasattr(thing, name):
                setattr(thing, name, value)


@contextmanager
def translated_help(command, ctx):
    """The command, its parameters (the help option too) and subcommands in the chosen language."""
    with ExitStack() as stack:
        stack.enter_context(_translated(command, PANELS["command"]))
        for param in command.get_params(ctx):
            kind = "argument" if isinstance(param, TyperArgument) else "option"
            stack.enter_context(_translated(param, PANELS[kind]))
        for sub in getattr(command, "commands", {}).values():
            stack.enter_context(_translated(sub, PANELS["command"]))
        yield


class TranslatedCommand(TyperCommand):
    """A command whose help page, usage line and usage errors are in the chosen language."""

    def get_usage(self, ctx) -> str:
        return usage_line(super().get_usage(ctx))

    def parse_args(self, ctx, args: list[str]) -> list[str]:
        with usage_errors_translated():
            return super().parse_args(ctx, args)

    def invoke(self, ctx):
        with usage_errors_translated():
            return super().invoke(ctx)

    def format_help(self, ctx, formatter) -> None:
        with translated_help(self, ctx):
            super().format_help(ctx, formatter)


class TranslatedGroup(TyperGroup):
    """The group of commands, its help page in the chosen language.

    ``--lang`` is taken before the group's options are parsed, so that ``--help`` beside it (which
    click shows as soon as it reads it) is in that language too; a value other than th or en is
    left for :func:`set_language` to refuse."""

    def get_usage(self, ctx) -> str:
        return usage_line(super().get_usage(ctx))

    def parse_args(self, ctx, args: list[str]) -> list[str]:
        lang = given_language(args)
        if lang in LANGUAGES:
            choose(lang)
        speak_typer()  # typer's own texts in the language chosen (or the locale's)
        with usage_errors_translated():
            return super().parse_args(ctx, args)

    def resolve_command(self, ctx, args: list[str]):
        with usage_errors_translated():
            return super().resolve_command(ctx, args)

    def format_help(self, ctx, formatter) -> None:
        with translated_help(self, ctx):
            super().format_help(ctx, formatter)


@contextmanager
def usage_errors_translated():
    """A usage error raised inside, its message in the chosen language (typer writes it in English)."""
    try:
        yield
    except UsageError as exc:
        english = exc.format_message()
        said = usage_error_text(english)
        if said == english:
            raise
        raise UsageError(said, ctx=exc.ctx) from exc


def given_language(args: list[str]) -> str | None:
    """The value of ``--lang`` among the group's options (before the command's name), lower case."""
    for k, arg in enumerate(args):
        if arg.startswith("--lang="):
            return arg.partition("=")[2].strip().lower()
        if arg == "--lang":
            return args[k + 1].strip().lower() if k + 1 < len(args) else None
        if not arg.startswith("-"):
            return None  # the command's name: its arguments are not the group's
    return None


def set_language(value: str | None) -> str | None:
    """``--lang``: the language chosen for this run and the processes it starts (workers, kernels)."""
    if value is None:
        return None
    lang = value.strip().lower()
    if lang not in LANGUAGES:
        raise typer.BadParameter(_("choose th or en, not '{value}'").format(value=value), param_hint="--lang")
    choose(lang)
    speak_typer()
    return lang


LANG_HELP = N_("Language of messages and help: th (Thai) or en (English); default: the locale (ITA_ANALYSIS_LANG).")
