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

UNKNOWN_TYPE_COLOR = "#c7c7c7"

# Agency types drawn in one colour per family: 60 types in distinct colours cannot be told apart, and a
# network showed its least central types grey as "unknown" once the palette ran out. Every type of
# data/agency_types.tsv is in a family; only an agency without a type is grey.
TYPE_FAMILIES: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    ("industry", "#d62728", "工业、发展改革与商务",
     ("industry_it", "development_reform", "commerce", "energy", "state_assets", "grain_reserves")),
    ("finance", "#ff7f0e", "财政、金融与税务",
     ("finance", "taxation", "central_bank", "banking_insurance_regulation", "securities_regulation",
      "financial_regulation", "foreign_exchange", "customs", "statistics", "audit")),
    ("science", "#2ca02c", "科技、教育与人才",
     ("science_tech", "education", "human_resources", "intellectual_property")),
    ("market", "#9467bd", "市场监管与质量", ("market_regulation", "drug_regulation")),
    ("resources", "#17becf", "资源、环境与建设",
     ("natural_resources", "ecology_environment", "housing_construction", "transport", "water_resources",
      "forestry", "emergency", "communications", "urban_management", "postal", "meteorology", "fire_rescue")),
    ("rural", "#bcbd22", "农业农村", ("agriculture", "rural_revitalization")),
    ("society", "#e377c2", "文化、卫生与社会",
     ("culture_tourism", "radio_tv", "sports", "health", "healthcare_security", "civil_affairs", "ethnic_religious",
      "veterans", "public_security", "justice", "foreign_affairs")),
    ("government", "#1f3b73", "政府、党委与协调机构",
     ("local_government", "central_government", "general_office", "government_services", "leading_group", "party")),
    ("associations", "#8c564b", "行业协会、工会与群团", ("industry_association", "trade_union", "mass_organization")),
)
OTHER_FAMILY = ("other", "#7f7f7f", "其他类型")
_FAMILY_OF = {code: family for family in TYPE_FAMILIES for code in family[3]}


def type_family(code: str | None) -> tuple[str, str, str]:
    """(family key, colour, Chinese label) of an agency type code; grey "类型未知" when there is no type."""
    if not code or code == "unknown":
        return ("unknown", UNKNOWN_TYPE_COLOR, "类型未知")
    family = _FAMILY_OF.get(code, OTHER_FAMILY)
    return family[0], family[1], family[2]


def agency_type_label(code: str | None) -> str:
    """The Chinese label of an agency type code, from data/agency_types.tsv (the code when not listed)."""
    if not code or code == "unknown":
        return "类型未知"
    from policykg.graph.record_writer import agency_type_labels

    return agency_type_labels().get(code, code)
