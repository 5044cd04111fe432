// Draws the map of China as SVG: provinces coloured by measures, cities as points (size = clusters and
// measures) linked to their clusters. Shared by the explorer's overview and the standalone cluster map.
// Geometry comes from the page's data (visual/china_map.py), so nothing is fetched.
(function (global) {
  "use strict";

  var SVG = "http://www.w3.org/2000/svg";
  var EMPTY = "#eeeeee", LOW = [222, 235, 247], HIGH = [8, 69, 148];

  function svg(tag, attrs, text) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function shade(value, max) {
    if (!value) return EMPTY;
    var f = max > 0 ? Math.sqrt(value / max) : 1;
    return "rgb(" + LOW.map(function (low, i) { return Math.round(low + (HIGH[i] - low) * f); }).join(",") + ")";
  }

  function cityRadius(city, unit) { return unit * (2.5 + 1.6 * Math.sqrt(city.cluster_count + city.measures)); }

  // draw(container, data, options): data = {frame, provinces: [{province, measures}], cities: [...]};
  // options: t(key, values) for the words shown, onProvince(name), onCity(name), focus (a province to zoom to),
  // labelCities (how many of the largest cities carry their name; the rest on hover), clusters (draw the links).
  function draw(container, data, options) {
    options = options || {};
    var t = options.t || function (key) { return key; };
    container.textContent = "";
    var frame = data.frame;
    var counts = {};
    var max = 0;
    (data.provinces || []).forEach(function (p) { counts[p.province] = p.measures; max = Math.max(max, p.measures); });
    var root = svg("svg", { "viewBox": "0 0 " + frame.width + " " + frame.height, "class": "pkg-map",
                            "role": "img", "aria-label": t("map.aria") });
    root.style.width = "100%";
    root.style.height = "100%";
    container.appendChild(root);
    var shapes = svg("g", { "class": "pkg-provinces" });
    root.appendChild(shapes);
    var byName = {};
    frame.provinces.forEach(function (p) {
      var count = counts[p.name] || 0;
      var path = svg("path", { "d": p.path, "fill": shade(count, max), "stroke": "#ffffff", "stroke-width": "0.8",
                               "data-province": p.name, "data-measures": String(count), "class": "pkg-province",
                               "vector-effect": "non-scaling-stroke" });
      path.appendChild(svg("title", {}, p.name + " · " + t("map.measures", { n: count })));
      if (options.onProvince && count) {
        path.style.cursor = "pointer";
        path.addEventListener("click", function () { options.onProvince(p.name); });
      }
      shapes.appendChild(path);
      byName[p.name] = { shape: p, path: path, count: count };
    });
    // The part shown: one province, the provinces holding measures ("data"), or the whole frame.
    var box = null;
    var focus = options.focus === "data" ? Object.keys(byName).filter(function (name) { return byName[name].count; })
                                         : options.focus && byName[options.focus] ? [options.focus] : [];
    focus.forEach(function (name) {
      var b = byName[name].path.getBBox();
      box = box ? { x: Math.min(box.x, b.x), y: Math.min(box.y, b.y),
                    x2: Math.max(box.x2, b.x + b.width), y2: Math.max(box.y2, b.y + b.height) }
                : { x: b.x, y: b.y, x2: b.x + b.width, y2: b.y + b.height };
    });
    var view = [0, 0, frame.width, frame.height];
    if (box) {
      var pad = Math.max(box.x2 - box.x, box.y2 - box.y) * 0.1;
      view = [box.x - pad, box.y - pad, box.x2 - box.x + 2 * pad, box.y2 - box.y + 2 * pad];
      root.setAttribute("viewBox", view.join(" "));
    }
    // One unit = one screen pixel, so that marks and words keep their size however far the map is zoomed.
    var width = container.clientWidth || 800, height = container.clientHeight || 600;
    var unit = Math.max(view[2] / width, view[3] / height);
    var cities = (data.cities || []).filter(function (c) { return c.x !== null && c.y !== null; });
    cities.sort(function (a, b) { return (b.cluster_count + b.measures) - (a.cluster_count + a.measures); });
    var marks = svg("g", { "class": "pkg-cities" });
    root.appendChild(marks);
    cities.forEach(function (c) {
      var r = cityRadius(c, unit);
      var group = svg("g", { "class": "pkg-city", "data-city": c.city });
      if (options.clusters && c.clusters.length) {
        var ring = r + 10 * unit + c.clusters.length * 0.6 * unit;
        c.clusters.forEach(function (name, i) {
          var angle = 2 * Math.PI * i / c.clusters.length - Math.PI / 2;
          var x = c.x + Math.cos(angle) * ring, y = c.y + Math.sin(angle) * ring;
          group.appendChild(svg("line", { "x1": c.x, "y1": c.y, "x2": x, "y2": y, "stroke": "#b8860b",
                                          "stroke-opacity": "0.6", "stroke-width": 0.8 * unit }));
          var dot = svg("circle", { "cx": x, "cy": y, "r": 3 * unit, "fill": "#edc948", "stroke": "#8a6d00",
                                    "stroke-width": 0.6 * unit, "class": "pkg-cluster", "data-cluster": name });
          dot.appendChild(svg("title", {}, t("map.cluster", { name: name, city: c.city })));
          group.appendChild(dot);
        });
      }
      var dot = svg("circle", { "cx": c.x, "cy": c.y, "r": r, "fill": "#e15759", "fill-opacity": "0.85",
                                "stroke": "#ffffff", "stroke-width": unit });
      dot.appendChild(svg("title", {}, c.city + " · " + t("map.city", { clusters: c.cluster_count, measures: c.measures })
                                       + (c.clusters.length ? "\n" + c.clusters.join("、") : "")));
      group.appendChild(dot);
      if (options.onCity) {
        group.style.cursor = "pointer";
        group.addEventListener("click", function (event) { event.stopPropagation(); options.onCity(c.city); });
      }
      marks.appendChild(group);
    });
    // Words last, over every mark: provinces first, then the largest cities, each only where it overlaps
    // no word already placed (the rest are named on hover).
    var words = svg("g", { "class": "pkg-labels", "pointer-events": "none" });
    root.appendChild(words);
    var placed = [];
    function place(text, x, y, size, attrs) {
      var w = text.length * size * 0.95, h = size * 1.2;
      var rect = [x - (attrs.anchor === "middle" ? w / 2 : 0), y - h, w, h];
      var clash = placed.some(function (p) {
        return rect[0] < p[0] + p[2] && p[0] < rect[0] + rect[2] && rect[1] < p[1] + p[3] && p[1] < rect[1] + rect[3];
      });
      if (clash) return false;
      placed.push(rect);
      words.appendChild(svg("text", { "x": x, "y": y, "text-anchor": attrs.anchor || "start", "font-size": size,
                                       "font-weight": attrs.bold ? "bold" : "normal", "fill": attrs.fill,
                                       "stroke": "#ffffff", "stroke-width": 3 * unit, "paint-order": "stroke",
                                       "class": attrs.cls }, text));
      return true;
    }
    frame.provinces.forEach(function (p) {
      var count = counts[p.name] || 0;
      var single = options.focus && options.focus !== "data";
      if (count && (!single || p.name === options.focus)) place(p.name + " " + count, p.centre[0], p.centre[1] - 14 * unit, 14 * unit,
                       { anchor: "middle", bold: true, fill: "#1b1b1b", cls: "pkg-province-label" });
    });
    var labelled = 0, most = options.labelCities === undefined ? 10 : options.labelCities;
    cities.forEach(function (c) {
      if (labelled >= most) return;
      var r = cityRadius(c, unit);
      if (place(c.city, c.x + r + 3 * unit, c.y + 4 * unit, 12 * unit, { fill: "#5a0000", cls: "pkg-city-label" })) labelled++;
    });
    container.setAttribute("data-provinces", String(Object.keys(counts).length));
    container.setAttribute("data-cities", String(cities.length));
    return { svg: root, max: max };
  }

  // The colour scale under the map: from the lightest to the darkest shade, with the largest count.
  function drawScale(box, max, t) {
    box.textContent = "";
    var bar = document.createElement("span");
    bar.className = "pkg-map-scale";
    bar.style.background = "linear-gradient(to right, " + shade(1e-9, 1) + ", " + shade(1, 1) + ")";
    box.appendChild(document.createTextNode(t("map.scale") + " 0 "));
    box.appendChild(bar);
    box.appendChild(document.createTextNode(" " + max));
  }

  global.PolicyMapView = { draw: draw, drawScale: drawScale, shade: shade };
})(window);
