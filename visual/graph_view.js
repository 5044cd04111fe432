// Draws a policykg graph (GET /visual/{kind}/data, or the JSON embedded in a rendered page) with vis-network.
// Shared by the standalone pages and the explorer. No dependencies besides vis-network; no network access.
(function (global) {
  "use strict";

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  // The legend: one swatch per colour (a dot for node kinds, a bar for edge kinds).
  function drawLegend(box, legend) {
    box.textContent = "";
    (legend || []).forEach(function (entry) {
      var item = el("span", { "class": "pkg-legend-item" });
      var swatch = el("span", { "class": entry.shape === "edge" ? "pkg-swatch-edge" : "pkg-swatch-node" });
      swatch.style.background = entry.color;
      item.appendChild(swatch);
      item.appendChild(document.createTextNode(entry.label));
      box.appendChild(item);
    });
  }

  function drawNotes(box, notes) {
    box.textContent = "";
    (notes || []).forEach(function (note) { box.appendChild(el("div", { "class": "pkg-note" }, note)); });
  }

  // Draws `data` into `container`; options.onSelect(node) is called when a node is clicked.
  // Returns {network, nodes, edges, filter(text)}.
  function draw(container, data, options) {
    options = options || {};
    var nodes = new vis.DataSet(data.nodes.map(function (n) { return Object.assign({}, n); }));
    var edges = new vis.DataSet(data.edges.map(function (e, i) { return Object.assign({ id: "e" + i }, e); }));
    var network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options || {});
    container.setAttribute("data-nodes", String(data.nodes.length));
    container.setAttribute("data-stabilized", "0");
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({ physics: { enabled: false } });
      container.setAttribute("data-stabilized", "1");
    });
    if (!data.nodes.length) container.setAttribute("data-stabilized", "1");
    network.on("click", function (params) {
      if (params.nodes.length && options.onSelect) options.onSelect(nodes.get(params.nodes[0]));
    });

    // Filter: keep the nodes whose label, key or group contains the text, and their neighbours.
    function filter(text) {
      text = (text || "").trim();
      var keep = {};
      data.nodes.forEach(function (n) {
        if (!text || [n.label, n.key, n.group_label].join(" ").indexOf(text) >= 0) keep[n.id] = true;
      });
      if (text) {
        data.edges.forEach(function (e) {
          if (keep[e.from] === true || keep[e.to] === true) { keep[e.from] = keep[e.from] || 1; keep[e.to] = keep[e.to] || 1; }
        });
      }
      nodes.update(data.nodes.map(function (n) { return { id: n.id, hidden: !keep[n.id] }; }));
      var shown = data.nodes.filter(function (n) { return keep[n.id]; }).length;
      container.setAttribute("data-visible", String(shown));
      return shown;
    }
    return { network: network, nodes: nodes, edges: edges, filter: filter };
  }

  global.PolicyGraphView = { draw: draw, drawLegend: drawLegend, drawNotes: drawNotes };
})(window);
