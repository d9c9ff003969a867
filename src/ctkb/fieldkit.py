"""The field kit: the site as an installable web app that a phone keeps for offline use.

Mobile browsers cannot open an unzipped folder of pages, so the offline zip does not help a first
responder with a phone. After the last language is built, this module writes a web app manifest
per language, the app's icons, the list of files of each language's field kit (with its size) and
an offline page, and has Workbox (``node/build-sw.mjs``) generate the service worker.

The service worker is registered only when the reader asks for it ("Save for offline use", in
``ctkb.js``): nothing is cached for a visitor who did not, and "Remove the saved copy" takes it
all away again. Saved, it answers from the network first, so a published update is seen at once,
and from the cache when offline; a page never saved gives the offline page of its language.
It caches the site's own files and nothing else: no analytics, nothing about anyone.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import logging
from dataclasses import dataclass
from pathlib import Path

from ctkb import nodejs
from ctkb.buildcache import cached_text
from ctkb.search import lunr_scripts
from ctkb.text import ui_strings

log = logging.getLogger("mkdocs.plugins.ctkb.summary.fieldkit")  # INFO shown on every build: see ctkb.build

BUDGET = 5_000_000
"""Most bytes a language's field kit may take to download (gzip-compressed, as a web server sends it)."""

KIT_PAGES = (
    "index.html",
    "offline.html",
    "indicators/index.html",
    "indicators/how-to-use.html",
    "indicators/what-to-do-next.html",
    "indicators/ind-*.html",
    "checklists/*.html",
    "checklists/pdf/*.pdf",
    "workflows/*.html",
    "workflows/roles/*.html",
    "forms/*.html",
    "laws/*.html",
    "actors/index.html",
    "actors/countries/*.html",
    "search/search_index.json",
    "manifest.webmanifest",
    "field-kit.json",
)
"""What a language's field kit holds, as patterns in its folder: what a first responder needs."""

ICON_SIZES = (192, 512)
THEME_COLOUR = "#3f51b5"  # Material's indigo, the site's primary colour


@dataclass(frozen=True)
class Kit:
    lang: str
    files: list[str]
    """Paths from the site's root, with forward slashes."""
    download: int
    stored: int


def kit_files(site: Path, lang: str, default: str) -> list[str]:
    """The kit of `lang`: its pages by `KIT_PAGES`, and the shared assets its pages load."""
    folder = site if lang == default else site / lang
    found: set[Path] = set()
    for pattern in KIT_PAGES:
        found.update(path for path in folder.glob(pattern) if path.is_file())
    assets = site / "assets"
    for path in assets.rglob("*"):
        if path.is_file() and path.suffix != ".map" and "lunr" not in path.relative_to(assets).parts:
            found.add(path)
    lunr = assets / "javascripts" / "lunr" / "min"
    for name in lunr_scripts((lang,)):
        if (lunr / name).is_file():
            found.add(lunr / name)
    return sorted(path.relative_to(site).as_posix() for path in found)


def _sizes(site: Path, files: list[str]) -> tuple[int, int]:
    download = stored = 0
    for name in files:
        data = (site / name).read_bytes()
        stored += len(data)
        download += len(gzip.compress(data, compresslevel=6, mtime=0))
    return download, stored


def manifest(lang: str, default: str) -> dict[str, object]:
    """The web app manifest of one language; every address relative, so any sub-path works."""
    ui = ui_strings(lang)["fieldkit"]
    up = "" if lang == default else "../"
    return {
        "name": ui["app_name"],
        "short_name": "ctkb",
        "description": ui["app_description"],
        "lang": lang,
        "dir": "ltr",
        "start_url": "./index.html",
        "scope": f"./{up}",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": THEME_COLOUR,
        "icons": [
            {"src": f"{up}assets/images/icon-{size}.png", "sizes": f"{size}x{size}", "type": "image/png"}
            for size in ICON_SIZES
        ],
    }


def icon(size: int) -> bytes:
    """The app's icon: "ctkb" in white on the site's colour, inside the safe zone of a maskable icon."""
    from PIL import Image, ImageDraw, ImageFont  # Pillow comes with WeasyPrint

    image = Image.new("RGB", (size, size), THEME_COLOUR)
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=size // 4)
    draw.text((size / 2, size / 2), "ctkb", fill="#ffffff", font=font, anchor="mm")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def write_field_kit(site: Path, languages: tuple[str, ...], version: str | None) -> list[Kit]:
    """Manifests, icons, each language's kit list and the service worker, into the built `site`."""
    default = languages[0]
    images = site / "assets" / "images"
    images.mkdir(parents=True, exist_ok=True)
    for size in ICON_SIZES:
        (images / f"icon-{size}.png").write_bytes(icon(size))
    for lang in languages:
        folder = site if lang == default else site / lang
        text = json.dumps(manifest(lang, default), ensure_ascii=False, indent=1)
        (folder / "manifest.webmanifest").write_text(text + "\n", encoding="utf-8")
    kits = []
    for lang in languages:
        prefix = "" if lang == default else f"{lang}/"
        listing = f"{prefix}field-kit.json"  # the kit's own list is part of it, but not of its size
        files = sorted(set(kit_files(site, lang, default)) | {listing})
        download, stored = _sizes(site, [name for name in files if name != listing])
        kit = Kit(lang, files, download, stored)
        data = {"version": version, "files": files, "download": download, "stored": stored}
        (site / listing).write_text(json.dumps(data, indent=0) + "\n", encoding="utf-8")
        kits.append(kit)
        log.info(
            "Field kit (%s): %d files, %.1f MB to download (budget %.0f MB), %.1f MB on the device",
            lang, len(files), download / 1e6, BUDGET / 1e6, stored / 1e6,
        )  # fmt: skip
    offline_pages = [("offline.html" if lang == default else f"{lang}/offline.html") for lang in languages]
    precache = [*offline_pages, *(f"assets/images/icon-{size}.png" for size in ICON_SIZES)]
    config = {"precache": precache, "languages": list(languages), "default": default}
    worker = site / "sw.js"

    def generate() -> str:
        payload = json.dumps({"site": str(site), **config})
        nodejs.run("build-sw.mjs", payload, "the field kit's service worker")
        return worker.read_text(encoding="utf-8")

    # Workbox takes two seconds (it bundles its runtime into sw.js): skip it when nothing it reads changed.
    parts = [
        json.dumps(config),
        (nodejs.SCRIPTS / "build-sw.mjs").read_text(encoding="utf-8"),
        _workbox_version(),
        *(hashlib.sha256((site / name).read_bytes()).hexdigest() for name in precache),
    ]
    worker.write_text(cached_text("service-worker", parts, generate), encoding="utf-8")
    return kits


def _workbox_version() -> str:
    package = nodejs.SCRIPTS.parents[2] / "node_modules" / "workbox-build" / "package.json"
    try:
        return str(json.loads(package.read_text(encoding="utf-8"))["version"])
    except (OSError, ValueError, KeyError):
        return "unknown"  # no cache hit then: Node reports the missing package itself
