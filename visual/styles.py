"""Colours and Chinese legend labels shared by every visual."""

from __future__ import annotations

KIND_COLORS = {
    "agency": "#4e79a7",
    "measure": "#f28e2b",
    "topic": "#59a14f",
    "target": "#e15759",
    "city": "#76b7b2",
    "cluster": "#edc948",
    "province": "#b07aa1",
    "document": "#9c755f",
}

KIND_LABELS = {
    "agency": "部门",
    "measure": "措施",
    "topic": "主题",
    "target": "目标",
    "city": "地级市",
    "cluster": "产业集群",
    "province": "省份",
    "document": "文件",
}

ROLE_COLORS = {"lead": "#d62728", "co": "#1f77b4", "responsible": "#7f7f7f"}
ROLE_LABELS = {"lead": "牵头", "co": "配合/参与", "responsible": "责任单位"}

EDGE_COLORS = {
    "partner": "#8c8c8c",
    "lead-co": "#d62728",
    "co-co": "#1f77b4",
    "lead-lead": "#9467bd",
    "located_in": "#bab0ac",
    "in_province": "#d4a6c8",
    "about": "#59a14f",
    "has_target": "#e15759",
    "similar": "#ff9da7",
    "of_province": "#d4a6c8",
}

EDGE_LABELS = {
    "partner": "共同承担措施",
    "lead-co": "牵头—配合",
    "co-co": "共同配合",
    "lead-lead": "共同牵头",
    "located_in": "集群所在城市",
    "in_province": "城市所属省份",
    "about": "措施主题",
    "has_target": "量化目标",
    "similar": "文本复用（SIMILAR_TO）",
    "of_province": "文件所属省份",
}

# Distinct colours for the agency types of one graph, the most central type first.
TYPE_PALETTE = ("#e6194b", "#3cb44b", "#4363d8", "#f58231", "#911eb4", "#42d4f4", "#f032e6", "#bfef45",
                "#fabed4", "#469990", "#dcbeff", "#9a6324", "#800000", "#aaffc3", "#808000", "#ffd8b1",
                "#000075", "#ff6f00", "#ffe119", "#00bfa5")
UNKNOWN_TYPE_COLOR = "#c7c7c7"
OTHER_TYPES_LABEL = "其他类型"


def agency_type_colors(codes: list[str]) -> dict[str, str]:
    """A distinct colour per agency type code, in the order given; unknown types grey, types past the palette grey."""
    colors: dict[str, str] = {}
    known = [code for code in dict.fromkeys(codes) if code and code != "unknown"]
    for index, code in enumerate(known):
        colors[code] = TYPE_PALETTE[index] if index < len(TYPE_PALETTE) else UNKNOWN_TYPE_COLOR
    colors["unknown"] = UNKNOWN_TYPE_COLOR
    return colors


def agency_type_label(code: str | None) -> str:
    """The Chinese label of an agency type code, from data/agency_types.tsv (the code when not listed)."""
    if not code or code == "unknown":
        return "类型未知"
    from policykg.graph.record_writer import agency_type_labels

    return agency_type_labels().get(code, code)
