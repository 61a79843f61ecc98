"""ita-analysis: ITA scores of Thai public agencies into analysis, charts and documents."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("ita-analysis")
except PackageNotFoundError:  # running from a source tree without installing
    __version__ = "0.0.0"
