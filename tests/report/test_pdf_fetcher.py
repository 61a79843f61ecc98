"""The PDF renderer reads only its own assets (the bundled fonts and the document's charts): every other
file and every other kind of URL is refused. No poppler needed: the fetcher is asked directly."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ita_analysis.report.fonts import sarabun_file
from ita_analysis.report.pdf import _fetcher

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16


@pytest.fixture
def place(tmp_path: Path) -> Path:
    """assets/ (an allowed folder, with a Thai sub-folder), chart.png (an allowed file), and around
    them what must stay out of reach."""
    (tmp_path / "assets" / "ภาพ").mkdir(parents=True)
    (tmp_path / "assets" / "a.png").write_bytes(PNG)
    (tmp_path / "assets" / "ภาพ" / "กราฟ 1.png").write_bytes(PNG)
    (tmp_path / "secret.txt").write_text("secret", encoding="utf-8")
    (tmp_path / "assets_more").mkdir()  # a sibling whose name starts like the allowed folder's
    (tmp_path / "assets_more" / "a.png").write_bytes(PNG)
    (tmp_path / "chart.png").write_bytes(PNG)
    (tmp_path / "chart.png.bak").write_bytes(PNG)
    os.symlink(tmp_path / "secret.txt", tmp_path / "assets" / "link.png")
    return tmp_path


def fetcher(place: Path):
    return _fetcher([place / "assets", place / "chart.png"])


@pytest.mark.parametrize("relative", ["assets/a.png", "assets/ภาพ/กราฟ 1.png", "chart.png"])
def test_its_own_assets_are_served(place, relative):
    url = (place / relative).as_uri()  # Thai letters and spaces percent-encoded
    response = fetcher(place).fetch(url)
    assert response.read() == PNG and response.content_type == "image/png"


def test_the_bundled_fonts_are_served():
    font = sarabun_file("Regular")
    response = _fetcher([font.parent]).fetch(font.as_uri())
    assert response.read() == font.read_bytes()


def refused(place: Path) -> dict[str, str]:
    assets = place / "assets"
    return {
        "http": "http://127.0.0.1/a.png",
        "https": "https://example.invalid/a.png",
        "ftp": "ftp://example.invalid/a.png",
        # other schemes whose path names an allowed file: refused for the scheme alone
        "http to an asset's path": f"http://127.0.0.1{assets}/a.png",
        "https to an asset's path": f"https://example.invalid{assets}/a.png",
        "bare path of an asset": str(assets / "a.png"),
        "data image": "data:image/png;base64,iVBORw0KGgo=",
        "data text": "data:text/plain,secret",
        "no scheme": "a.png",  # not resolved against any folder
        "file outside": (place / "secret.txt").as_uri(),
        "system file": "file:///etc/passwd",
        "dot-dot": f"file://{assets}/../secret.txt",  # ../ out of the allowed folder
        "dot-dot twice": f"file://{assets}/ภาพ/../../secret.txt",
        "dot-dot encoded": f"file://{assets}/%2e%2e/secret.txt",
        "dot-dot slash encoded": f"file://{assets}/%2E%2E%2Fsecret.txt",
        "sibling folder": (place / "assets_more" / "a.png").as_uri(),  # its name starts like the allowed one's
        "beside an allowed file": (place / "chart.png.bak").as_uri(),
        "link to outside": (assets / "link.png").as_uri(),  # a link inside the folder to a file outside it
        "the folder itself": assets.as_uri(),
        "missing file": (assets / "missing.png").as_uri(),
    }


@pytest.mark.parametrize("case", list(refused(Path("/x"))))
def test_everything_else_is_refused(place, case):
    with pytest.raises(ValueError, match="^not fetched: "):
        fetcher(place).fetch(refused(place)[case])
