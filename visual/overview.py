"""What the store holds, for the explorer's overview and the cluster map: documents by province,
level and year, measures per province (filtered by topic, role and agency type), the province x
topic matrix, and the cities tied to clusters or measures placed on the map of China."""

from __future__ import annotations

from typing import Any

from policykg.queries.catalogue import ReadStore, run_query
from policykg.visual.china_map import city_point, map_frame

ROLES = ("any", "lead", "co", "responsible")


def overview(store: ReadStore, topic: str | None = None, role: str = "any",
             agency_type: str | None = None) -> dict[str, Any]:
    """The overview's data; ``topic``, ``role`` and ``agency_type`` filter the measures the map counts."""
    documents = run_query(store, "documents_overview", {})
    provinces = run_query(store, "province_measures", {"topic": topic, "role": role, "agency_type": agency_type})
    return {
        "filters": {"topic": topic, "role": role, "agency_type": agency_type},
        "totals": {"documents": sum(row["documents"] for row in documents),
                   "measures": sum(row["measures"] for row in documents),
                   "provinces": len({row["province"] for row in documents if row["province"]})},
        "documents": documents,
        "provinces": provinces,
        "matrix": run_query(store, "province_topic_matrix", {}),
        "topics": run_query(store, "topics", {}),
        "agency_types": run_query(store, "agency_types", {}),
        "cities": placed_cities(store),
    }


def placed_cities(store: ReadStore, province: str | None = None) -> list[dict[str, Any]]:
    """The cities tied to clusters or measures, each with its x/y on the map (null when the map lacks it)."""
    cities = run_query(store, "city_points", {"province": province})
    for city in cities:
        point = city_point(city["city"])
        city["x"], city["y"] = point if point else (None, None)
    return cities


def cluster_map(store: ReadStore, province: str | None = None, topic: str | None = None) -> dict[str, Any]:
    """The cluster map's data: the frame with province outlines, measures per province, the placed cities."""
    return {"frame": map_frame(), "province": province, "topic": topic,
            "provinces": run_query(store, "province_measures", {"topic": topic, "role": "any", "agency_type": None}),
            "cities": placed_cities(store, province)}
