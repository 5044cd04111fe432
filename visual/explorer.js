// The explorer page: an overview of the store (map, heat map, documents), search, named queries,
// graph visuals and entity profiles over the policykg HTTP API. Plain DOM code, no build step; every
// text from the graph is inserted as text (never as HTML); every word of the page's own comes from
// PolicyText (visual/ui_text.js), so the page shows one language at a time.
(function () {
  "use strict";

  var t = PolicyText.t;
  var KIND_COLORS = { agency: "#4e79a7", measure: "#f28e2b", cluster: "#c9a227", city: "#5a9e99", topic: "#59a14f",
                      province: "#b07aa1", target: "#e15759", document: "#9c755f" };
  var PAGE = 50;              // measures of an agency profile per page
  var view = null;
  var current = null;         // the profile shown: [kind, key], opened again when the language changes
  var lastTable = null;       // [query name, rows]

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
    var span = el("span", { "class": "tag" }, t("kind." + kind));
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
    box.appendChild(el("div", { "class": "error" }, t("error", { message: error.message })));
  }

  // A topic as this language names it: the Chinese label, or the code in English.
  var topicLabels = {};
  function topicName(code) {
    if (PolicyText.lang() === "en") return code.replace(/_/g, " ");
    return topicLabels[code] || code;
  }
  function shortTopic(code) {
    var name = topicName(code);
    return PolicyText.lang() === "en" ? name : name.split(/[\/(（]/)[0];
  }

  // --- overview ------------------------------------------------------------------------------------

  var overviewData = null;

  function loadOverview() {
    var filters = {};
    ["topic", "role", "agency_type"].forEach(function (name) {
      var input = $("map-filters").elements[name];
      if (input && input.value) filters[name] = input.value;
    });
    return getJSON("/overview", filters).then(function (data) {
      overviewData = data;
      data.topics.forEach(function (topic) { topicLabels[topic.code] = topic.label; });
      drawOverview();
      return data;
    }).catch(function (error) { showError($("overview-map"), error); });
  }

  function fillSelect(select, options, value) {
    select.textContent = "";
    options.forEach(function (option) { select.appendChild(el("option", { "value": option[0] }, option[1])); });
    select.value = value || "";
  }

  function drawOverview() {
    var data = overviewData;
    if (!data) return;
    $("overview-totals").textContent = t("overview.totals", data.totals);
    fillSelect($("filter-topic"), [["", t("filter.all")]].concat(data.topics.map(function (topic) {
      return [topic.code, topicName(topic.code)];
    })), data.filters.topic);
    fillSelect($("filter-role"), ["any", "lead", "co", "responsible"].map(function (role) {
      return [role === "any" ? "" : role, t("role." + role)];
    }), data.filters.role === "any" ? "" : data.filters.role);
    fillSelect($("filter-agency-type"), [["", t("filter.all")]].concat(data.agency_types.map(function (type) {
      return [type.code, PolicyText.lang() === "en" ? type.code.replace(/_/g, " ") : type.label];
    })), data.filters.agency_type);
    var drawn = PolicyMapView.draw($("overview-map"), { frame: data.frame, provinces: data.provinces,
                                                         cities: data.cities },
      { t: t, focus: "data", labelCities: 12, onProvince: openProvince, onCity: function (city) { openEntity("city", city); } });
    PolicyMapView.drawScale($("overview-scale"), drawn.max, t);
    drawMatrix(data);
    drawDocuments(data);
  }

  // Topics down, provinces across; a cell's shade is its share of the largest cell.
  function drawMatrix(data) {
    var box = $("overview-matrix");
    box.textContent = "";
    var provinces = [], topics = [], cells = {}, max = 0;
    data.matrix.forEach(function (row) {
      if (provinces.indexOf(row.province) < 0) provinces.push(row.province);
      cells[row.province + "|" + row.topic] = row.measures;
      max = Math.max(max, row.measures);
    });
    data.topics.forEach(function (topic) { if (topic.measures) topics.push(topic.code); });
    var table = el("table", { "id": "matrix-table" });
    var head = el("tr");
    head.appendChild(el("th", {}, t("filter.topic")));
    provinces.forEach(function (province) {
      var th = el("th", { "class": "province", "data-province": province }, province);
      th.addEventListener("click", function () { openProvince(province); });
      head.appendChild(th);
    });
    table.appendChild(head);
    topics.forEach(function (code) {
      var tr = el("tr");
      tr.appendChild(el("th", { "title": topicName(code) }, shortTopic(code)));
      provinces.forEach(function (province) {
        var value = cells[province + "|" + code] || 0;
        var td = el("td", { "class": "cell", "data-province": province, "data-topic": code }, value || "");
        td.style.background = PolicyMapView.shade(value, max);
        if (value && value / max > 0.45) td.style.color = "#fff";
        td.addEventListener("click", function () { openProvince(province, code); });
        tr.appendChild(td);
      });
      table.appendChild(tr);
    });
    box.appendChild(table);
  }

  function drawDocuments(data) {
    var box = $("overview-documents");
    box.textContent = "";
    var table = el("table", { "id": "documents-table" });
    var head = el("tr");
    ["col.province", "col.level", "col.year", "col.documents", "col.measures"].forEach(function (key) {
      head.appendChild(el("th", {}, t(key)));
    });
    table.appendChild(head);
    data.documents.forEach(function (row) {
      var tr = el("tr");
      [row.province || t("kind.province") + "—", row.level ? t("level." + row.level) : t("unknown"),
       row.year || t("unknown"), row.documents, row.measures].forEach(function (value) { tr.appendChild(el("td", {}, value)); });
      table.appendChild(tr);
    });
    box.appendChild(table);
  }

  $("map-filters").addEventListener("change", loadOverview);

  // --- graph -------------------------------------------------------------------------------------

  function drawGraph(kind, params) {
    var box = $("graph");
    box.setAttribute("data-stabilized", "0");
    return getJSON("/visual/" + kind + "/data", params).then(function (data) {
      $("graph-heading").removeAttribute("data-i18n");
      $("graph-heading").textContent = data.heading;
      PolicyGraphView.drawLegend($("graph-legend"), data.legend);
      PolicyGraphView.drawNotes($("graph-notes"), data.notes);
      if (view) view.network.destroy();
      view = PolicyGraphView.draw(box, data, { onSelect: function (node) { openEntity(node.kind, node.key, node); } });
      $("graph-filter").value = "";
      $("graph-count").textContent = t("graph.count", { shown: data.nodes.length, total: data.total_nodes });
      $("work").scrollIntoView();
      return data;
    }).catch(function (error) { showError($("graph-notes"), error); });
  }

  $("graph-filter").addEventListener("input", function (event) {
    if (!view) return;
    $("graph-count").textContent = t("graph.visible", { shown: view.filter(event.target.value) });
  });

  // --- search ------------------------------------------------------------------------------------

  $("search-form").addEventListener("submit", function (event) {
    event.preventDefault();
    var q = $("search-q").value.trim();
    if (!q) return;
    var list = $("search-results");
    list.textContent = "";
    $("search-status").textContent = t("search.running");
    getJSON("/search", { q: q, limit: 100 }).then(function (page) {
      $("search-status").textContent = t("search.count", { n: page.count }) + (page.has_more ? t("search.more") : "");
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
    box.removeAttribute("data-i18n");
    box.textContent = "";
    var heading = el("h3", { "id": "profile-title", "data-kind": kind });
    heading.appendChild(tag(kind));
    heading.appendChild(document.createTextNode(title));
    box.appendChild(heading);
    return box;
  }

  function evidence(text) { return text ? el("div", { "class": "evidence" }, t("evidence", { text: text })) : null; }

  function appendAll(parent, nodes) { nodes.forEach(function (n) { if (n) parent.appendChild(n); }); }

  function openEntity(kind, key, node) {
    var handlers = { agency: openAgency, measure: openMeasure, city: openCity, cluster: openCluster,
                     topic: openTopic, province: openProvince };
    current = [kind, key];
    if (handlers[kind]) return handlers[kind](key);
    var box = profileBox(kind, node ? node.label || node.key : key);
    if (node && node.title) box.appendChild(el("div", { "class": "evidence" }, node.title));
    return Promise.resolve();
  }

  function targetItem(target) {
    var item = el("li", { "class": "target" }, target.text);
    var where = [target.doc_id, target.province, target.qualifier].filter(Boolean);
    if (target.start !== null && target.start !== undefined) {
      where.push(t("target.where", { doc_id: "", province: "", start: target.start, end: target.end })
        .replace(/^[\s·]+/, ""));
    }
    if (where.length) item.appendChild(el("div", { "class": "muted" }, where.join(" · ")));
    return item;
  }

  function roleItem(m) {
    var item = el("li");
    item.appendChild(el("span", { "class": "muted" }, "[" + t("role." + m.role) + "] "));
    item.appendChild(entityLink("measure", m.id, m.title || m.id));
    item.appendChild(el("span", { "class": "muted" }, " " + m.id));
    appendAll(item, [evidence(m.evidence)]);
    return item;
  }

  function openAgency(name) {
    drawGraph("agency", { agency: name });
    return getJSON("/agencies/" + encodeURIComponent(name), { limit: PAGE }).then(function (a) {
      var box = profileBox("agency", a.agency);
      box.appendChild(el("div", { "class": "muted" }, [a.agency_type_label || a.agency_type || "", a.province || "",
        t("agency.counts", { lead: a.lead_count, co: a.co_count, responsible: a.responsible_count })].join(" · ")));
      box.appendChild(el("h3", {}, t("agency.measures", { total: a.measure_rows })));
      var list = el("ol", { "id": "profile-measures" });
      a.measures.forEach(function (m) { list.appendChild(roleItem(m)); });
      box.appendChild(list);
      var status = el("div", { "class": "muted", "id": "profile-measures-shown" });
      box.appendChild(status);
      var shown = a.measures.length;
      function showCount() { status.textContent = t("agency.shown", { shown: shown, total: a.measure_rows }); }
      showCount();
      if (shown < a.measure_rows) {
        var more = el("button", { "type": "button", "class": "more", "id": "profile-more" }, t("agency.more"));
        more.addEventListener("click", function () {
          getJSON("/agencies/" + encodeURIComponent(name), { limit: PAGE, offset: shown }).then(function (page) {
            page.measures.forEach(function (m) { list.appendChild(roleItem(m)); });
            shown += page.measures.length;
            showCount();
            if (shown >= a.measure_rows || !page.measures.length) more.remove();
          }).catch(function (error) { showError(status, error); });
        });
        status.appendChild(more);
      }
      if (a.targets && a.targets.length) {
        box.appendChild(el("h3", {}, t("agency.targets")));
        var targets = el("ul", { "id": "profile-targets" });
        a.targets.forEach(function (target) { targets.appendChild(targetItem(target)); });
        box.appendChild(targets);
      }
      if (a.partners.length) {
        box.appendChild(el("h3", {}, t("agency.partners")));
        var partners = el("ul");
        a.partners.forEach(function (p) {
          var item = el("li");
          item.appendChild(entityLink("agency", p.agency));
          item.appendChild(el("span", { "class": "muted" }, " " + t("agency.shared", { n: p.shared_measures })));
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
      box.appendChild(el("h3", {}, t("measure.roles")));
      var roles = el("ul", { "id": "profile-roles" });
      m.roles.forEach(function (r) {
        var item = el("li");
        item.appendChild(el("span", { "class": "muted" }, "[" + t("role." + r.role) + "] "));
        item.appendChild(entityLink("agency", r.agency));
        if (r.written && r.written !== r.agency) item.appendChild(el("span", { "class": "muted" }, t("measure.written", { text: r.written })));
        appendAll(item, [evidence(r.evidence)]);
        roles.appendChild(item);
      });
      box.appendChild(roles);
      if (m.topics.length) {
        box.appendChild(el("h3", {}, t("measure.topics")));
        var topics = el("ul");
        m.topics.forEach(function (topic) {
          var item = el("li");
          item.appendChild(entityLink("topic", topic.code, topicName(topic.code)));
          item.appendChild(el("span", { "class": "muted" }, " " + t("measure.keyword", { text: topic.keyword || "" })));
          appendAll(item, [evidence(topic.evidence)]);
          topics.appendChild(item);
        });
        box.appendChild(topics);
      }
      if (m.targets.length) {
        box.appendChild(el("h3", {}, t("measure.targets")));
        var targets = el("ul");
        m.targets.forEach(function (target) { targets.appendChild(targetItem(target)); });
        box.appendChild(targets);
      }
      if (m.places.length) {
        box.appendChild(el("h3", {}, t("measure.places")));
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
        box.appendChild(el("h3", {}, t("measure.text")));
        box.appendChild(el("div", { "class": "evidence" }, m.text));
      }
    }).catch(function (error) { showError($("profile"), error); });
  }

  function openCity(name) {
    drawGraph("query", { query: "city_profile", city: name });
    return getJSON("/cities/" + encodeURIComponent(name)).then(function (c) {
      var box = profileBox("city", c.city);
      box.appendChild(el("div", { "class": "muted" }, c.province || ""));
      box.appendChild(el("h3", {}, t("city.clusters")));
      var clusters = el("ul", { "id": "profile-clusters" });
      c.clusters.forEach(function (cluster) { clusters.appendChild(el("li", {}, cluster)); });
      if (!c.clusters.length) clusters.appendChild(el("li", { "class": "muted" }, t("city.none")));
      box.appendChild(clusters);
      box.appendChild(el("h3", {}, t("city.measures")));
      var list = el("ul", { "id": "profile-city-measures" });
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
        item.appendChild(document.createTextNode(t("cluster.in")));
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
      var box = profileBox("topic", topicName(code));
      box.appendChild(el("h3", {}, t("topic.leaders")));
      var list = el("ul");
      page.items.forEach(function (a) {
        var item = el("li");
        item.appendChild(entityLink("agency", a.agency));
        item.appendChild(el("span", { "class": "muted" }, " " + t("topic.count", { n: a.measure_count })));
        (a.examples || []).slice(0, 1).forEach(function (m) { appendAll(item, [evidence(m.role_evidence)]); });
        list.appendChild(item);
      });
      box.appendChild(list);
    }).catch(function (error) { showError($("profile"), error); });
  }

  function openProvince(name, topic) {
    current = ["province", name];
    var box = profileBox("province", name);
    box.appendChild(el("div", { "class": "muted" }, t("province.note")));
    return drawGraph("province", { province: name, topic: topic });
  }

  // --- parameter forms (named queries and visuals) ---------------------------------------------------

  function paramLabel(p) {
    var name = PolicyText.has("param." + p.name) ? t("param." + p.name) : p.name;
    var text = name + (p.required ? t("param.required") : "");
    // The parameters' help is the English of the query files: shown with the English page only.
    if (PolicyText.lang() === "en" && p.help) text += " — " + p.help;
    return text;
  }

  function paramInputs(box, params) {
    var kept = formValues(box);
    box.textContent = "";
    params.forEach(function (p) {
      if (p.type === "offset") return;
      var label = el("label", {}, paramLabel(p));
      var input;
      if (p.choices && p.choices.length) {
        input = el("select", { "name": p.name });
        if (!p.required) input.appendChild(el("option", { "value": "" }, ""));
        p.choices.forEach(function (c) {
          input.appendChild(el("option", { "value": c }, PolicyText.has("role." + c) ? t("role." + c) : c));
        });
        if (p["default"]) input.value = p["default"];
      } else {
        input = el("input", { "type": "text", "name": p.name });
        if (p["default"] !== null && p["default"] !== undefined) input.value = p["default"];
      }
      if (kept[p.name] !== undefined) input.value = kept[p.name];
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
    // The query's own description is English: the Chinese page names the query only.
    $("query-answers").textContent = PolicyText.lang() === "en" ? q.answers : "";
    paramInputs($("query-params"), q.params);
  }
  $("query-name").addEventListener("change", showQuery);

  $("query-form").addEventListener("submit", function (event) {
    event.preventDefault();
    var name = $("query-name").value;
    var params = formValues($("query-params"));
    $("table-heading").removeAttribute("data-i18n");
    $("table-heading").textContent = t("table.heading.of", { name: name });
    getJSON("/queries/" + encodeURIComponent(name), params).then(function (result) {
      lastTable = [name, result.rows];
      drawTable($("table-box"), result.rows);
      drawGraph("query", Object.assign({ query: name }, params));
    }).catch(function (error) { showError($("table-box"), error); });
  });

  var kinds = {};
  getJSON("/visual").then(function (list) {
    list.forEach(function (k) {
      if (k.kind === "query" || k.kind === "map") return;
      kinds[k.kind] = k;
      $("visual-kind").appendChild(el("option", { "value": k.kind, "data-i18n": "visualkind." + k.kind },
                                      t("visualkind." + k.kind)));
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
    if (Array.isArray(value)) return value.length + " × " + (value.length ? summary(value[0]) : "");
    if (typeof value === "object") return summary(value);
    return String(value);
  }

  // A nested value in one line: its first fields, cut.
  function summary(value) {
    if (value === null || typeof value !== "object") return String(value);
    var text = Object.keys(value).slice(0, 3).map(function (key) { return key + ": " + value[key]; }).join(", ");
    return text.length > 80 ? text.slice(0, 79) + "…" : text;
  }

  function drawTable(box, rows) {
    box.textContent = "";
    if (!rows.length) { box.appendChild(el("div", { "class": "muted" }, t("table.none"))); return; }
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
    box.appendChild(el("div", { "class": "muted" }, t("table.rows", { n: rows.length })));
  }

  // --- language ------------------------------------------------------------------------------------

  $("lang-switch").addEventListener("click", function () { PolicyText.setLang(PolicyText.other()); });
  PolicyText.onChange(function () {
    drawOverview();
    showQuery();
    showKind();
    if (view) $("graph-count").textContent = t("graph.visible", { shown: view.filter($("graph-filter").value) });
    if (lastTable) {
      $("table-heading").textContent = t("table.heading.of", { name: lastTable[0] });
      drawTable($("table-box"), lastTable[1]);
    }
    if (current) openEntity(current[0], current[1]);
  });
  PolicyText.apply(document);
  loadOverview();

  window.policykgExplorer = { openEntity: openEntity, drawGraph: drawGraph, view: function () { return view; } };
})();
