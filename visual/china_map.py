"""China's province outlines and prefecture-level city centres, projected for an SVG map.

The geometry is vendored in ``visual/geo/`` (ECharts 4.9.0's map data, Apache-2.0;
``tools/vendor_china_map.py`` says how it was taken). Provinces come as SVG path strings in a
1000-unit-wide frame, so the pages draw them without any map library.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from policykg.loaders.provinces import PROVINCES

WIDTH = 1000.0
_WEST, _EAST, _NORTH, _SOUTH = 73.0, 135.5, 53.8, 17.5  # mainland and Hainan; the South China Sea islands are cut
_X_SCALE = math.cos(math.radians(36))                    # equirectangular, true to scale at the country's middle
_SCALE = WIDTH / ((_EAST - _WEST) * _X_SCALE)
HEIGHT = round((_NORTH - _SOUTH) * _SCALE, 1)
_CITY_SUFFIXES = ("市", "地区", "盟", "自治州", "林区")


@dataclass(frozen=True)
class ProvinceShape:
    name: str          # full name (广东省), or the map's own name for 台湾, 香港, 澳门
    path: str          # SVG path data in the WIDTH x HEIGHT frame
    centre: tuple[float, float]


def project(lon: float, lat: float) -> tuple[float, float]:
    """Longitude/latitude to x/y in the map's frame (y grows southwards)."""
    return round((lon - _WEST) * _X_SCALE * _SCALE, 1), round((_NORTH - lat) * _SCALE, 1)


@cache
def province_shapes() -> tuple[ProvinceShape, ...]:
    """Every province outline of the vendored map, named as the graph names provinces."""
    data = json.loads(_geo_text("china_provinces.json"))
    scale = data.get("UTF8Scale") or 1024
    full_name = {province.short: name for name, province in PROVINCES.items()}
    shapes = []
    for feature in data["features"]:
        geometry = feature["geometry"]
        polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        offsets = geometry["encodeOffsets"] if geometry["type"] == "MultiPolygon" else [geometry["encodeOffsets"]]
        parts = []
        for rings, ring_offsets in zip(polygons, offsets, strict=True):
            for ring, offset in zip(rings, ring_offsets, strict=True):
                points = [project(lon, lat) for lon, lat in _decode_ring(ring, offset, scale)]
                parts.append("M" + "L".join(f"{x:g},{y:g}" for x, y in _thin(points)) + "Z")
        short = feature["properties"]["name"]
        shapes.append(ProvinceShape(name=full_name.get(short, short), path="".join(parts),
                                    centre=project(*feature["properties"]["cp"])))
    return tuple(shapes)


@cache
def city_points() -> dict[str, tuple[float, float]]:
    """The centre of each prefecture-level city in the map's frame, by the map's short name (东莞)."""
    data = json.loads(_geo_text("china_city_points.json"))
    return {name: project(lon, lat) for name, (lon, lat) in data["cities"]}


def city_point(name: str) -> tuple[float, float] | None:
    """Where a city of the graph (东莞市, 恩施土家族苗族自治州) lies on the map, None when the map lacks it."""
    points = city_points()
    if name in points:
        return points[name]
    for suffix in _CITY_SUFFIXES:
        if name.endswith(suffix) and name[: -len(suffix)] in points:
            return points[name[: -len(suffix)]]
    candidates = [short for short in points if len(short) >= 2 and name.startswith(short)]
    return points[max(candidates, key=len)] if candidates else None


def map_frame() -> dict[str, Any]:
    """The frame and the province outlines, as the pages' map script reads them."""
    return {"width": WIDTH, "height": HEIGHT,
            "provinces": [{"name": s.name, "path": s.path, "centre": list(s.centre)} for s in province_shapes()]}


def _decode_ring(encoded: str, offset: list[int], scale: float) -> list[tuple[float, float]]:
    """ECharts' map encoding: each coordinate a zigzag-encoded delta in two UTF-16 characters."""
    x, y = offset
    points = []
    for i in range(0, len(encoded) - 1, 2):
        dx, dy = ord(encoded[i]) - 64, ord(encoded[i + 1]) - 64
        x += (dx >> 1) ^ -(dx & 1)
        y += (dy >> 1) ^ -(dy & 1)
        points.append((x / scale, y / scale))
    return points


def _thin(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Drop points closer than half a unit to the last kept one (invisible at any size the pages use)."""
    kept = points[:1]
    for point in points[1:]:
        if abs(point[0] - kept[-1][0]) + abs(point[1] - kept[-1][1]) >= 0.5:
            kept.append(point)
    return kept


def _geo_text(name: str) -> str:
    return resources.files("policykg.visual").joinpath("geo", name).read_text(encoding="utf-8")
