"""Vendor the China map geometry the overview and the cluster map draw (visual/geo/).

The geometry is Apache ECharts 4.9.0's map data, from the npm package ``echarts@4.9.0``
(Apache-2.0; ECharts 5 no longer ships maps): ``map/json/china.json`` (province outlines,
ECharts' compressed encoding) is copied as it is, and from ``map/json/china-cities.json``
(367 prefecture-level outlines, 1.2 MB) only each city's name and centre point are kept.
Nothing is fetched at run time: the files are package data of ``policykg.visual``.

    npm pack echarts@4.9.0 && python tools/vendor_china_map.py echarts-4.9.0.tgz
"""

from __future__ import annotations

import json
import sys
import tarfile
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "visual" / "geo"
SOURCE = "npm echarts@4.9.0"


def main(tarball: str) -> None:
    with tarfile.open(tarball) as archive:
        def read(name: str) -> bytes:
            member = archive.extractfile(f"package/{name}")
            assert member is not None, name
            return member.read()

        OUT.mkdir(parents=True, exist_ok=True)
        (OUT / "china_provinces.json").write_bytes(read("map/json/china.json"))
        cities = json.loads(read("map/json/china-cities.json"))
        points = {"source": f"{SOURCE} map/json/china-cities.json (name and cp of each feature)",
                  "cities": [[f["properties"]["name"], f["properties"]["cp"]] for f in cities["features"]]}
        (OUT / "china_city_points.json").write_text(json.dumps(points, ensure_ascii=False), encoding="utf-8")
        (OUT / "LICENSE-echarts.txt").write_bytes(
            f"The files of this folder are derived from {SOURCE}, licensed as follows.\n\n".encode()
            + read("LICENSE") + b"\n\n" + read("NOTICE"))


if __name__ == "__main__":
    main(sys.argv[1])
