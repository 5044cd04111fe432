// Every word the explorer and the map page show around the data, in one table: Chinese (the default)
// and English. A page holds one language at a time; ?lang=en or the switch in its header changes it.
// Elements carry data-i18n (text), data-i18n-placeholder or data-i18n-title; scripts call PolicyText.t.
(function (global) {
  "use strict";

  var TEXT = {
    "app.title":            ["policykg 产业政策知识图谱", "policykg — industrial-policy knowledge graph"],
    "app.subtitle":         ["跨省纺织服装产业政策 · 部门 / 措施 / 集群 / 城市",
                             "Textile and garment policy across provinces · agencies / measures / clusters / cities"],
    "app.docs":             ["API 文档", "API docs"],
    "app.map":              ["集群地图", "Cluster map"],
    "app.switch":           ["English", "中文"],
    "search.heading":       ["搜索", "Search"],
    "search.placeholder":   ["部门、措施、集群、城市，如 印染", "Agency, measure, cluster or city (as written in Chinese)"],
    "search.button":        ["搜索", "Search"],
    "search.running":       ["搜索中…", "Searching…"],
    "search.count":         ["{n} 条结果", "{n} results"],
    "search.more":          ["（还有更多）", " (more exist)"],
    "visual.heading":       ["图谱视图", "Graph views"],
    "visual.kind":          ["图谱类型", "Graph kind"],
    "visual.button":        ["绘制", "Draw"],
    "query.heading":        ["命名查询", "Named queries"],
    "query.name":           ["查询", "Query"],
    "query.button":         ["运行查询", "Run query"],
    "overview.heading":     ["总览：图谱中有什么", "Overview: what the graph holds"],
    "overview.totals":      ["{documents} 份文件 · {measures} 项措施 · {provinces} 个省份",
                             "{documents} documents · {measures} measures · {provinces} provinces"],
    "overview.map":         ["各省措施数（点击省份查看部门网络，点击城市查看集群与措施）",
                             "Measures per province (click a province for its agency network, a city for its clusters and measures)"],
    "overview.matrix":      ["省份 × 主题 热力图（措施数）", "Province × topic heat map (measures)"],
    "overview.documents":   ["文件：省份 · 层级 · 年份", "Documents by province, level and year"],
    "filter.topic":         ["主题", "Topic"],
    "filter.role":          ["角色", "Role"],
    "filter.agency_type":   ["部门类型", "Agency type"],
    "filter.all":           ["全部", "All"],
    "col.province":         ["省份", "Province"],
    "col.level":            ["层级", "Level"],
    "col.year":             ["年份", "Year"],
    "col.documents":        ["文件", "Documents"],
    "col.measures":         ["措施", "Measures"],
    "level.central":        ["中央", "central"],
    "level.province":       ["省级", "provincial"],
    "level.city":           ["市级", "city"],
    "level.county":         ["县级", "county"],
    "unknown":              ["未知", "unknown"],
    "map.aria":             ["中国地图：各省措施数与城市集群", "Map of China: measures per province and city clusters"],
    "map.measures":         ["{n} 项措施", "{n} measures"],
    "map.city":             ["{clusters} 个集群 · {measures} 项措施", "{clusters} clusters · {measures} measures"],
    "map.cluster":          ["产业集群：{name}（{city}）", "Cluster: {name} ({city})"],
    "map.scale":            ["措施数", "Measures"],
    "map.heading":          ["产业集群地图", "Cluster map"],
    "map.legend":           ["省份颜色 = 措施数；红点 = 城市（大小 = 集群数 + 措施数）；黄点 = 该城市的产业集群",
                             "Province colour = measures; red dot = city (size = clusters + measures); yellow dots = its clusters"],
    "map.select":           ["点击城市查看其产业集群", "Click a city for its industrial clusters"],
    "graph.heading":        ["图谱", "Graph"],
    "graph.filter":         ["筛选节点（名称的一部分）", "Filter nodes (part of a name)"],
    "graph.help":           ["点击节点查看详情与来源句；悬停查看名称、措施标题与来源句。",
                             "Click a node for its details and source sentences; hover for names, titles and sentences."],
    "graph.count":          ["显示 {shown} / {total} 个节点", "Showing {shown} of {total} nodes"],
    "graph.visible":        ["显示 {shown} 个节点", "Showing {shown} nodes"],
    "graph.min_shared":     ["最少共同措施", "Min. shared measures"],
    "profile.heading":      ["详情", "Details"],
    "profile.empty":        ["搜索，或点击地图、热力图或图中的节点。", "Search, or click the map, the heat map or a node of the graph."],
    "table.heading":        ["查询结果", "Query results"],
    "table.heading.of":     ["查询结果：{name}", "Query results: {name}"],
    "table.none":           ["没有结果", "No results"],
    "table.rows":           ["{n} 行", "{n} rows"],
    "error":                ["出错：{message}", "Error: {message}"],
    "evidence":             ["来源句：{text}", "Source sentence: {text}"],
    "kind.agency":          ["部门", "agency"],
    "kind.measure":         ["措施", "measure"],
    "kind.cluster":         ["集群", "cluster"],
    "kind.city":            ["城市", "city"],
    "kind.topic":           ["主题", "topic"],
    "kind.province":        ["省份", "province"],
    "kind.target":          ["目标", "target"],
    "kind.document":        ["文件", "document"],
    "role.lead":            ["牵头", "lead"],
    "role.co":              ["配合/参与", "co-operate"],
    "role.responsible":     ["责任单位", "responsible"],
    "role.any":             ["任一角色", "any role"],
    "agency.counts":        ["牵头 {lead} · 配合 {co} · 责任 {responsible}", "lead {lead} · co {co} · responsible {responsible}"],
    "agency.measures":      ["承担的措施（按文件顺序，共 {total} 项）", "Measures (in document order, {total} in all)"],
    "agency.shown":         ["已显示 {shown} / {total}", "Showing {shown} of {total}"],
    "agency.more":          ["更多", "More"],
    "agency.partners":      ["合作部门", "Partner agencies"],
    "agency.shared":        ["共同措施 {n}", "{n} shared measures"],
    "agency.targets":       ["负责的量化目标", "Targets it owns"],
    "measure.roles":        ["责任部门", "Agencies"],
    "measure.written":      ["（原文：{text}）", " (as written: {text})"],
    "measure.topics":       ["主题", "Topics"],
    "measure.keyword":      ["关键词「{text}」", "keyword “{text}”"],
    "measure.targets":      ["量化目标", "Targets"],
    "measure.places":       ["地点", "Places"],
    "measure.text":         ["措施原文", "Text of the measure"],
    "city.clusters":        ["产业集群", "Industrial clusters"],
    "city.measures":        ["提到该城市的措施", "Measures naming the city"],
    "city.none":            ["没有", "none"],
    "cluster.in":           ["位于 ", "in "],
    "topic.leaders":        ["牵头部门", "Leading agencies"],
    "topic.count":          ["牵头措施 {n}", "{n} measures led"],
    "province.note":        ["部门责任网络：节点大小 = 加权度中心性，颜色 = 部门类型", "Agency network: size = weighted degree, colour = agency type"],
    "target.where":         ["{doc_id} · {province} · 第 {start}–{end} 字", "{doc_id} · {province} · characters {start}–{end}"],
    "param.agency":         ["部门", "agency"],
    "param.province":       ["省份", "province"],
    "param.topic":          ["主题", "topic"],
    "param.role":           ["角色", "role"],
    "param.q":              ["关键词", "text"],
    "param.a":              ["省份 A", "province A"],
    "param.b":              ["省份 B", "province B"],
    "param.year":           ["年份", "year"],
    "param.metric":         ["指标", "metric"],
    "param.city":           ["城市", "city"],
    "param.id":             ["措施编号", "measure id"],
    "param.ids":            ["措施编号列表", "measure ids"],
    "param.measure":        ["措施编号", "measure id"],
    "param.limit":          ["条数", "rows"],
    "param.min_score":      ["最低分数", "min. score"],
    "param.other":          ["另一省份", "other province"],
    "param.province_a":     ["省份 A", "province A"],
    "param.province_b":     ["省份 B", "province B"],
    "param.agency_type":    ["部门类型", "agency type"],
    "param.max_nodes":      ["最多节点数", "max. nodes"],
    "param.query":          ["查询", "query"],
    "param.min_shared":     ["最少共同措施", "min. shared measures"],
    "param.required":       ["（必填）", " (required)"],
    "visualkind.agency":    ["部门：措施与合作部门", "agency: its measures and partners"],
    "visualkind.province":  ["省份：部门责任网络", "province: the agency network"],
    "visualkind.clusters":  ["集群 → 城市 → 省份", "clusters → city → province"],
    "visualkind.topic":     ["主题：牵头、配合部门与目标", "topic: who leads, co-operates, targets"],
    "visualkind.overlap":   ["两省措施文本复用", "text reuse between two provinces"],
    "visualkind.map":       ["集群地图", "cluster map"]
  };

  var LANGS = ["zh", "en"];
  var lang = "zh";
  try {
    var asked = new URLSearchParams(global.location.search).get("lang") || global.localStorage.getItem("policykg.lang");
    if (LANGS.indexOf(asked) >= 0) lang = asked;
  } catch (ignored) { /* no storage: the default */ }

  function t(key, values) {
    var entry = TEXT[key];
    var text = entry ? entry[LANGS.indexOf(lang)] : key;
    Object.keys(values || {}).forEach(function (name) {
      text = text.split("{" + name + "}").join(values[name] === null || values[name] === undefined ? "" : values[name]);
    });
    return text;
  }

  function has(key) { return Object.prototype.hasOwnProperty.call(TEXT, key); }

  function apply(root) {
    root = root || document;
    document.documentElement.setAttribute("lang", lang === "zh" ? "zh-CN" : "en");
    root.querySelectorAll("[data-i18n]").forEach(function (node) { node.textContent = t(node.getAttribute("data-i18n")); });
    root.querySelectorAll("[data-i18n-placeholder]").forEach(function (node) {
      node.setAttribute("placeholder", t(node.getAttribute("data-i18n-placeholder")));
    });
    root.querySelectorAll("[data-i18n-title]").forEach(function (node) {
      node.setAttribute("aria-label", t(node.getAttribute("data-i18n-title")));
    });
  }

  var listeners = [];
  function setLang(next) {
    if (LANGS.indexOf(next) < 0 || next === lang) return;
    lang = next;
    try { global.localStorage.setItem("policykg.lang", lang); } catch (ignored) { /* not kept */ }
    apply(document);
    listeners.forEach(function (listener) { listener(lang); });
  }

  global.PolicyText = {
    t: t, has: has, apply: apply, setLang: setLang,
    lang: function () { return lang; },
    other: function () { return lang === "zh" ? "en" : "zh"; },
    onChange: function (listener) { listeners.push(listener); }
  };
})(window);
