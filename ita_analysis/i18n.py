"""Thai and English for what the package says to people: gettext catalogs managed with Babel.

Messages are written in English in the code, wrapped in :func:`gettext` (imported as ``_``) or
:func:`ngettext`; their Thai is in ``locale/th/LC_MESSAGES/ita_analysis.po``, read through Babel
when first needed (no compiled ``.mo`` to keep in step). A message with placeholders is translated
first and filled after: ``_("{count} agencies").format(count=n)``. A text that is written before
the language is known (a module's constant, an option's help) is marked with :func:`N_` for the
catalog and translated where it is shown (``Problem.__str__``, the help pages).

The language is Thai when ``ITA_ANALYSIS_LANG`` says ``th`` (``--lang th`` sets it, so that worker
processes and notebook kernels follow), or, without it, when the locale (``LC_ALL``,
``LC_MESSAGES``, ``LANG``) is Thai; English otherwise.
"""

from __future__ import annotations

import functools
import gettext as gettext_module
import io
import os
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

LANGUAGES = ("th", "en")
DOMAIN = "ita_analysis"
LOCALE_DIR = Path(__file__).parent / "locale"
LANG_VARIABLE = "ITA_ANALYSIS_LANG"


def language() -> str:
    """``th`` or ``en``, from ``ITA_ANALYSIS_LANG`` or else the locale's variables."""
    chosen = os.environ.get(LANG_VARIABLE, "").strip().lower()
    if chosen:
        return "th" if chosen.startswith("th") else "en"
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable, "")
        if value:
            return "th" if value.lower().startswith("th") else "en"
    return "en"


def catalog_path(lang: str) -> Path:
    """The ``.po`` file of a language."""
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


@functools.cache
def translations(lang: str) -> gettext_module.NullTranslations:
    """The translations of ``lang`` (English: the messages as written)."""
    path = catalog_path(lang)
    if lang == "en" or not path.is_file():
        return gettext_module.NullTranslations()
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=lang, domain=DOMAIN)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return gettext_module.GNUTranslations(compiled)


def gettext(message: str) -> str:
    """``message`` in the chosen language (an empty one stays empty: not the catalog's header)."""
    return translations(language()).gettext(message) if message else message


def ngettext(singular: str, plural: str, count: int) -> str:
    """The singular or plural of a message for ``count``, in the chosen language."""
    return translations(language()).ngettext(singular, plural, count)


def N_(message: str) -> str:
    """``message`` as it is, marked for the catalog: translated later, where it is shown."""
    return message


def choose(lang: str) -> None:
    """Make ``lang`` (``th`` or ``en``) the language of this process and of the processes it starts
    (workers, notebook kernels), through ``ITA_ANALYSIS_LANG``."""
    if lang not in LANGUAGES:
        raise ValueError(lang)
    os.environ[LANG_VARIABLE] = lang
