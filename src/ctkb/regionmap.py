"""The region map of the actor directory: a static SVG drawn at build time.

Boundaries come from Natural Earth (public domain), packaged by npm's world-atlas; d3-geo
projects them (``node/render-map.mjs``). Countries with actors link to their pages and show how
many actors are listed. No tile server, no script: the map works offline and prints.
"""

from __future__ import annotations

import json

import pycountry
from markupsafe import Markup

from ctkb import nodejs

CONTEXT = ("BZ", "CR", "PA", "US", "CU", "CO", "JM", "HT", "DO", "GT", "HN", "SV", "NI", "MX")
"""Countries drawn in grey around the ones with actors."""
EXTENT = (-106.0, 9.0, -81.5, 24.5)
"""West, south, east, north: southern and central Mexico and Central America (the north of Mexico is cut)."""
LABEL_AT = {"MX": (-100.0, 21.8), "GT": (-90.6, 15.9), "HN": (-86.7, 14.9), "SV": (-89.3, 12.9), "NI": (-85.1, 12.6)}
"""Where labels sit (longitude, latitude), so El Salvador's does not cover its neighbours'."""


def region_map(countries: list[dict[str, str]], title: str) -> Markup:
    """The map as inline SVG; each entry of `countries` has code, name, href and count."""
    request = {
        "width": 760,
        "height": 560,
        "title": title,
        "extent": EXTENT,
        "context": [_numeric(code) for code in CONTEXT],
        "countries": [
            {
                "numeric": _numeric(entry["code"]),
                "name": entry["name"],
                "label": f"{entry['name']}: {entry['count']}",
                "count": entry["count"],
                "href": entry["href"],
                "anchor": LABEL_AT.get(entry["code"]),
            }
            for entry in countries
        ],
    }
    svg = nodejs.run("render-map.mjs", json.dumps(request), "the region map")
    return Markup(svg)  # noqa: S704 - our script escapes every text it writes


def _numeric(code: str) -> int:
    """ISO 3166-1 numeric code, which world-atlas uses as feature id."""
    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        raise ValueError(f"unknown country code {code}")
    return int(country.numeric)
