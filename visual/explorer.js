// The explorer page: search, named queries, graph visuals and entity profiles over the policykg HTTP API.
// Plain DOM code, no build step; every text from the graph is inserted as text (never as HTML).
(function () {
  "use strict";

  var KIND_LABELS = { agency: "部门", measure: "措施", cluster: "集群", city: "城市", topic: "主题",
                      province: "省份", target: "目标", document: "文件" };
  var KIND_COLORS = { agency: "#4e79a7", measure: "#f28e2b", cluster: "#c9a227", city: "#5a9e99", topic: "#59a14f",
                      province: "#b07aa1", target: "#e15759", document: "#9c755f" };
  var ROLE_LABELS = { lead: "牵头", co: "配合/参与", responsible: "责任单位" };
  var view = null;

  function $(id) { return document.getElementById(id); }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function getJSON(path, params) {
    var query = new URLSearchParams();
    Object.keys(params || {}).forEach(function (key) {
      if (params[key] !== undefined && params[key] !== null && String(params[key]).trim() !== "") {
        query.set(key, params[key]);
      }
    });
    var url = path + (query.toString() ? "?" + query.toString() : "");
    return fetch(url).then(function (response) {
      return response.json().then(function (body) {
        if (!response.ok) throw new Error(body.detail ? JSON.stringify(body.detail) : response.statusText);
        return body;
      });
    });
  }

  function tag(kind) {
    var span = el("span", { "class": "tag" }, KIND_LABELS[kind] || kind);
    span.style.background = KIND_COLORS[kind] || "#888";
    return span;
  }

  // A button that opens the profile of a named thing.
  function entityLink(kind, key, label) {
    var button = el("button", { "class": "entity-link", "type": "button", "data-kind": kind, "data-key": key },
                    label || key);
    button.addEventListener("click", function () { openEntity(kind, key); });
    return button;
  }

  function showError(box, error) {
    box.textContent = "";
    box.appendChild(el("div", { "class": "error" }, "出错：" + error.message));
  }

  // --- graph -------------------------------------------------------------------------------------

  function drawGraph(kind, params) {
    var box = $("graph");
    box.setAttribute("data-stabilized", "0");
    return getJSON("/visual/" + kind + "/data", params).then(function (data) {
      $("graph-heading").textContent = data.heading;
      PolicyGraphView.drawLegend($("graph-legend"), data.legend);
      PolicyGraphView.drawNotes($("graph-notes"), data.notes);
      if (view) view.network.destroy();
      view = PolicyGraphView.draw(box, data, { onSelect: function (node) { openEntity(node.kind, node.key, node); } });
      $("graph-filter").value = "";
      $("graph-count").textContent = "显示 " + data.nodes.length + " / " + data.total_nodes + " 个节点";
      return data;
    }).catch(function (error) { showError($("graph-notes"), error); });
  }

  $("graph-filter").addEventListener("input", function (event) {
    if (!view) return;
    var shown = view.filter(event.target.value);
    $("graph-count").textContent = "显示 " + shown + " 个节点";
  });

  // --- search ------------------------------------------------------------------------------------

  $("search-form").addEventListener("submit", function (event) {
    event.preventDefault();
    var q = $("search-q").value.trim();
    if (!q) return;
    var list = $("search-results");
    list.textContent = "";
    $("search-status").textContent = "搜索中…";
    getJSON("/search", { q: q, limit: 100 }).then(function (page) {
      $("search-status").textContent = page.count + " 条结果" + (page.has_more ? "（还有更多）" : "");
      page.items.forEach(function (hit) {
        var item = el("li", { "class": "hit", "data-kind": hit.kind });
        item.appendChild(tag(hit.kind));
        item.appendChild(entityLink(hit.kind, hit.key, hit.name));
        if (hit.province) item.appendChild(el("span", { "class": "muted" }, " · " + hit.province));
        list.appendChild(item);
      });
    }).catch(function (error) { showError($("search-status"), error); });
  });

  // --- profiles ----------------------------------------------------------------------------------

  function profileBox(kind, title) {
    var box = $("profile");
    box.className = "";
    box.textContent = "";
    var heading = el("h3", { "id": "profile-title", "data-kind": kind });
    heading.appendChild(tag(kind));
    heading.appendChild(document.createTextNode(title));
    box.appendChild(heading);
    return box;
  }

  function evidence(text) { return text ? el("div", { "class": "evidence" }, "来源句：" + text) : null; }

  function appendAll(parent, nodes) { nodes.forEach(function (n) { if (n) parent.appendChild(n); }); }

  function openEntity(kind, key, node) {
    var handlers = { agency: openAgency, measure: openMeasure, city: openCity, cluster: openCluster,
                     topic: openTopic, province: openProvince };
    if (handlers[kind]) return handlers[kind](key);
    var box = profileBox(kind, node ? node.label : key);
    if (node && node.title) box.appendChild(el("div", { "class": "evidence" }, node.title));
    return Promise.resolve();
  }

  function openAgency(name) {
    drawGraph("agency", { agency: name });
    return getJSON("/agencies/" + encodeURIComponent(name)).then(function (a) {
      var box = profileBox("agency", a.agency);
      box.appendChild(el("div", { "class": "muted" }, [a.agency_type_label || a.agency_type || "", a.province || "",
        "牵头 " + a.lead_count + " · 配合 " + a.co_count + " · 责任 " + a.responsible_count].join(" · ")));
      box.appendChild(el("h3", {}, "承担的措施" + (a.measure_count > a.measures.length
        ? "（前 " + a.measures.length + " 条，共 " + a.measure_count + " 项）" : "")));
      var list = el("ul", { "id": "profile-measures" });
      a.measures.forEach(function (m) {
        var item = el("li");
        item.appendChild(el("span", { "class": "muted" }, "[" + (ROLE_LABELS[m.role] || m.role) + "] "));
        item.appendChild(entityLink("measure", m.id, m.title || m.id));
        item.appendChild(el("span", { "class": "muted" }, " " + m.id));
        appendAll(item, [evidence(m.evidence)]);
        list.appendChild(item);
      });
      box.appendChild(list);
      if (a.partners.length) {
        box.appendChild(el("h3", {}, "合作部门"));
        var partners = el("ul");
        a.partners.forEach(function (p) {
          var item = el("li");
          item.appendChild(entityLink("agency", p.agency));
          item.appendChild(el("span", { "class": "muted" }, " 共同措施 " + p.shared_measures));
          partners.appendChild(item);
        });
        box.appendChild(partners);
      }
    }).catch(function (error) { showError($("profile"), error); });
  }

  function openMeasure(id) {
    drawGraph("query", { query: "measure", id: id });
    return getJSON("/measures/" + encodeURIComponent(id)).then(function (m) {
      var box = profileBox("measure", m.title || m.id);
      var doc = m.document || {};
      box.appendChild(el("div", { "class": "muted" }, [m.id, doc.title, doc.doc_number, doc.issued, m.province]
        .filter(Boolean).join(" · ")));
      if (m.section) box.appendChild(el("div", { "class": "muted" }, m.section));
      box.appendChild(el("h3", {}, "责任部门"));
      var roles = el("ul", { "id": "profile-roles" });
      m.roles.forEach(function (r) {
        var item = el("li");
        item.appendChild(el("span", { "class": "muted" }, "[" + (ROLE_LABELS[r.role] || r.role) + "] "));
        item.appendChild(entityLink("agency", r.agency));
        if (r.written && r.written !== r.agency) item.appendChild(el("span", { "class": "muted" }, "（原文：" + r.written + "）"));
        appendAll(item, [evidence(r.evidence)]);
        roles.appendChild(item);
      });
      box.appendChild(roles);
      if (m.topics.length) {
        box.appendChild(el("h3", {}, "主题"));
        var topics = el("ul");
        m.topics.forEach(function (t) {
          var item = el("li");
          item.appendChild(entityLink("topic", t.code, t.label || t.code));
          item.appendChild(el("span", { "class": "muted" }, " 关键词「" + (t.keyword || "") + "」"));
          appendAll(item, [evidence(t.evidence)]);
          topics.appendChild(item);
        });
        box.appendChild(topics);
      }
      if (m.targets.length) {
        box.appendChild(el("h3", {}, "量化目标"));
        var targets = el("ul");
        m.targets.forEach(function (t) { targets.appendChild(el("li", {}, t.text)); });
        box.appendChild(targets);
      }
      if (m.places.length) {
        box.appendChild(el("h3", {}, "地点"));
        var places = el("ul");
        m.places.forEach(function (p) {
          var item = el("li");
          item.appendChild(p.kind === "city" ? entityLink("city", p.name) : el("span", {}, p.name));
          appendAll(item, [evidence(p.evidence)]);
          places.appendChild(item);
        });
        box.appendChild(places);
      }
      if (m.text) {
        box.appendChild(el("h3", {}, "措施原文"));
        box.appendChild(el("div", { "class": "evidence" }, m.text));
      }
    }).catch(function (error) { showError($("profile"), error); });
  }

  function openCity(name) {
    drawGraph("query", { query: "city_profile", city: name });
    return getJSON("/cities/" + encodeURIComponent(name)).then(function (c) {
      var box = profileBox("city", c.city);
      box.appendChild(el("div", { "class": "muted" }, c.province || ""));
      if (c.clusters.length) {
        box.appendChild(el("h3", {}, "产业集群"));
        box.appendChild(el("div", {}, c.clusters.join("、")));
      }
      box.appendChild(el("h3", {}, "提到该城市的措施"));
      var list = el("ul");
      c.measures.forEach(function (m) {
        var item = el("li");
        item.appendChild(entityLink("measure", m.id, m.title || m.id));
        appendAll(item, [evidence(m.evidence)]);
        list.appendChild(item);
      });
      box.appendChild(list);
    }).catch(function (error) { showError($("profile"), error); });
  }

  function openCluster(key) {
    var province = key.indexOf("/") > 0 ? key.slice(0, key.indexOf("/")) : "";
    drawGraph("clusters", { province: province });
    return getJSON("/clusters", { province: province, limit: 500 }).then(function (page) {
      var rows = page.items.filter(function (r) { return r.cluster_key === key; });
      var box = profileBox("cluster", rows.length ? rows[0].cluster : key);
      var list = el("ul");
      rows.forEach(function (r) {
        var item = el("li");
        item.appendChild(document.createTextNode("位于 "));
        item.appendChild(entityLink("city", r.city));
        item.appendChild(el("span", { "class": "muted" }, " · " + (r.doc_id || "")));
        appendAll(item, [evidence(r.evidence)]);
        list.appendChild(item);
      });
      box.appendChild(list);
    }).catch(function (error) { showError($("profile"), error); });
  }

  function openTopic(code) {
    drawGraph("topic", { topic: code });
    return getJSON("/topics/" + encodeURIComponent(code) + "/agencies", { limit: 50 }).then(function (page) {
      var box = profileBox("topic", code);
      box.appendChild(el("h3", {}, "牵头部门"));
      var list = el("ul");
      page.items.forEach(function (a) {
        var item = el("li");
        item.appendChild(entityLink("agency", a.agency));
        item.appendChild(el("span", { "class": "muted" }, " 牵头措施 " + a.measure_count));
        (a.examples || []).slice(0, 1).forEach(function (m) { appendAll(item, [evidence(m.role_evidence)]); });
        list.appendChild(item);
      });
      box.appendChild(list);
    }).catch(function (error) { showError($("profile"), error); });
  }

  function openProvince(name) {
    var box = profileBox("province", name);
    box.appendChild(el("div", { "class": "muted" }, "部门责任网络：节点大小 = 加权度中心性，颜色 = 部门类型"));
    return drawGraph("province", { province: name });
  }

  // --- parameter forms (named queries and visuals) ---------------------------------------------------

  function paramInputs(box, params) {
    box.textContent = "";
    params.forEach(function (p) {
      if (p.type === "offset") return;
      var label = el("label", {}, p.name + (p.required ? " *" : "") + (p.help ? " — " + p.help : ""));
      var input;
      if (p.choices && p.choices.length) {
        input = el("select", { "name": p.name });
        if (!p.required) input.appendChild(el("option", { "value": "" }, ""));
        p.choices.forEach(function (c) { input.appendChild(el("option", { "value": c }, c)); });
        if (p["default"]) input.value = p["default"];
      } else {
        input = el("input", { "type": "text", "name": p.name });
        if (p["default"] !== null && p["default"] !== undefined) input.value = p["default"];
      }
      label.appendChild(input);
      box.appendChild(label);
    });
  }

  function formValues(box) {
    var values = {};
    box.querySelectorAll("input, select").forEach(function (input) {
      if (input.value.trim() !== "") values[input.name] = input.value.trim();
    });
    return values;
  }

  var queries = {};
  getJSON("/queries").then(function (list) {
    list.forEach(function (q) {
      queries[q.name] = q;
      $("query-name").appendChild(el("option", { "value": q.name }, q.name));
    });
    showQuery();
  });

  function showQuery() {
    var q = queries[$("query-name").value];
    if (!q) return;
    $("query-answers").textContent = q.answers;
    paramInputs($("query-params"), q.params);
  }
  $("query-name").addEventListener("change", showQuery);

  $("query-form").addEventListener("submit", function (event) {
    event.preventDefault();
    var name = $("query-name").value;
    var params = formValues($("query-params"));
    $("table-heading").textContent = "查询结果：" + name;
    getJSON("/queries/" + encodeURIComponent(name), params).then(function (result) {
      drawTable($("table-box"), result.rows);
      drawGraph("query", Object.assign({ query: name }, params));
    }).catch(function (error) { showError($("table-box"), error); });
  });

  var kinds = {};
  getJSON("/visual").then(function (list) {
    list.forEach(function (k) {
      kinds[k.kind] = k;
      if (k.kind !== "query") $("visual-kind").appendChild(el("option", { "value": k.kind }, k.kind + " — " + k.shows));
    });
    showKind();
  });

  function showKind() {
    var k = kinds[$("visual-kind").value];
    if (k) paramInputs($("visual-params"), k.params);
  }
  $("visual-kind").addEventListener("change", showKind);

  $("visual-form").addEventListener("submit", function (event) {
    event.preventDefault();
    drawGraph($("visual-kind").value, formValues($("visual-params")));
  });

  // --- result table ------------------------------------------------------------------------------

  function cellText(value) {
    if (value === null || value === undefined) return "";
    if (typeof value === "object") return JSON.stringify(value);
    return String(value);
  }

  function drawTable(box, rows) {
    box.textContent = "";
    if (!rows.length) { box.appendChild(el("div", { "class": "muted" }, "没有结果")); return; }
    var columns = [];
    rows.forEach(function (row) { Object.keys(row).forEach(function (c) { if (columns.indexOf(c) < 0) columns.push(c); }); });
    var table = el("table", { "id": "result-table" });
    var head = el("tr");
    columns.forEach(function (c) { head.appendChild(el("th", {}, c)); });
    table.appendChild(head);
    rows.forEach(function (row) {
      var tr = el("tr");
      columns.forEach(function (c) {
        var td = el("td");
        var kind = { agency: "agency", source: "agency", target: "agency", city: "city", measure_id: "measure" }[c];
        if (kind && typeof row[c] === "string") td.appendChild(entityLink(kind, row[c]));
        else td.textContent = cellText(row[c]);
        tr.appendChild(td);
      });
      table.appendChild(tr);
    });
    box.appendChild(table);
    box.appendChild(el("div", { "class": "muted" }, rows.length + " 行"));
  }

  window.policykgExplorer = { openEntity: openEntity, drawGraph: drawGraph, view: function () { return view; } };
})();
