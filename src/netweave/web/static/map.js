// netweave network map: you in the middle, people around you. Closer = stronger tie;
// people of one circle (or organization) sit together. Zoom with the wheel or the buttons,
// pan by dragging, hover or tap a dot for who it is. The dots are for the eye and the
// mouse: the page links to the same people as a list, which is what keyboards and screen
// readers use (300 dots in the tab order would only be in the way).
(function () {
  "use strict";
  var NS = "http://www.w3.org/2000/svg";
  var PALETTE = ["#3b4cca", "#e8852f", "#22b3a6", "#dd2590", "#7a5af8", "#13795b", "#c4320a", "#0086c9", "#a15c07"];
  var CIRCLES = ["inner", "close", "active", "wide", "dormant"];

  function el(name, attrs, parent) {
    var node = document.createElementNS(NS, name);
    Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (parent) { parent.appendChild(node); }
    return node;
  }

  function groups(nodes, mode) {
    var counts = {};
    nodes.forEach(function (n) {
      var key = mode === "organization" ? (n.organization || "") : (n.circle || "");
      n.group = key;
      counts[key] = (counts[key] || 0) + 1;
    });
    var keys = Object.keys(counts).filter(function (k) { return k; });
    if (mode === "organization") {
      keys.sort(function (a, b) { return counts[b] - counts[a] || (a < b ? -1 : 1); });
      keys = keys.slice(0, PALETTE.length - 1);
    } else {
      keys.sort(function (a, b) { return CIRCLES.indexOf(a) - CIRCLES.indexOf(b); });
    }
    var colors = {};
    keys.forEach(function (k, i) { colors[k] = PALETTE[i % PALETTE.length]; });
    return { keys: keys, colors: colors, counts: counts };
  }

  function layout(nodes, legend) {
    // Each group gets a slice of the circle in proportion to its size; strength sets the radius.
    var order = legend.keys.concat([""]);
    var members = {};
    nodes.forEach(function (n) {
      if (n.is_me) { n.x = 0; n.y = 0; return; }
      var key = legend.colors[n.group] ? n.group : "";
      (members[key] = members[key] || []).push(n);
    });
    var total = nodes.length - 1 || 1;
    var angle = 0;
    order.forEach(function (key) {
      var list = members[key] || [];
      list.sort(function (a, b) { return b.strength - a.strength || a.id - b.id; });
      var span = 2 * Math.PI * list.length / total;
      list.forEach(function (n, i) {
        var a = angle + span * (i + 0.5) / list.length;
        var r = 70 + (100 - n.strength) * 3.1 + (i % 3) * 9;
        n.x = Math.cos(a) * r;
        n.y = Math.sin(a) * r * 0.8;
      });
      angle += span;
    });
    separate(nodes);
  }

  // Push overlapping dots apart. Only dots in the same or a neighbouring cell of a grid can
  // overlap, so each pass costs about the number of dots, not its square.
  function separate(nodes) {
    var cell = 2 * nodes.reduce(function (m, n) { return Math.max(m, n.r); }, 1) + 2;
    nodes.forEach(function (n, i) { n.k = i; });
    for (var step = 0; step < 30; step++) {
      var grid = {};
      nodes.forEach(function (n) {
        var key = Math.floor(n.x / cell) + "," + Math.floor(n.y / cell);
        (grid[key] = grid[key] || []).push(n);
      });
      nodes.forEach(function (p) {
        var cx = Math.floor(p.x / cell), cy = Math.floor(p.y / cell);
        for (var gx = cx - 1; gx <= cx + 1; gx++) {
          for (var gy = cy - 1; gy <= cy + 1; gy++) {
            (grid[gx + "," + gy] || []).forEach(function (q) { push(p, q); });
          }
        }
      });
    }
  }

  function push(p, q) {
    if (p.k >= q.k) { return; }  // each pair once
    var dx = q.x - p.x, dy = q.y - p.y, d = Math.sqrt(dx * dx + dy * dy) || 0.01;
    var min = p.r + q.r + 2;
    if (d >= min) { return; }
    var shift = (min - d) / 2, ux = dx / d, uy = dy / d;
    if (!p.is_me) { p.x -= ux * shift; p.y -= uy * shift; }
    if (!q.is_me) { q.x += ux * shift; q.y += uy * shift; }
  }

  // Names for you and the strongest ties, each put above, below, right or left of its dot,
  // wherever it overlaps no name already placed (measured as drawn); a name with no free
  // place is left to the hover tip. ``k`` is how many drawing units make a screen pixel once
  // the map is fitted (at least 1): names are 11 pixels high on a phone as on a desktop.
  var LABELLED = 8;
  function label(layer, nodes, k) {
    var wanted = nodes.filter(function (n) { return !n.is_me; })
      .sort(function (a, b) { return b.strength - a.strength || a.id - b.id; })
      .slice(0, LABELLED);
    // your own dot is kept clear too: it is the middle everything is read from
    var placed = nodes.filter(function (n) { return n.is_me; }).map(function (n) {
      return { x0: n.x - n.r, x1: n.x + n.r, y0: n.y - n.r, y1: n.y + n.r };
    });
    nodes.filter(function (n) { return n.is_me; }).concat(wanted).forEach(function (n) {
      var text = el("text", { "class": "node-label", "font-size": 11 * k, "stroke-width": 3 * k }, layer);
      text.textContent = n.is_me ? "You" : n.name.split(" ")[0];
      var gap = n.r + 3 * k, h = 11 * k;
      var spots = [
        [n.x, n.y - gap, "middle"], [n.x, n.y + gap + h, "middle"],
        [n.x + gap, n.y + h / 3, "start"], [n.x - gap, n.y + h / 3, "end"],
      ];
      for (var i = 0; i < spots.length; i++) {
        text.setAttribute("x", spots[i][0]);
        text.setAttribute("y", spots[i][1]);
        text.setAttribute("text-anchor", spots[i][2]);
        var b = text.getBBox();
        var box = { x0: b.x - k, x1: b.x + b.width + k, y0: b.y, y1: b.y + b.height };
        var free = placed.every(function (o) {
          return box.x1 <= o.x0 || o.x1 <= box.x0 || box.y1 <= o.y0 || o.y1 <= box.y0;
        });
        if (free) { placed.push(box); return; }
      }
      layer.removeChild(text);
    });
  }

  // Without a record of their own (`people add NAME --me`), the user is still the middle.
  function withYou(data) {
    if (data.nodes.some(function (n) { return n.is_me; })) { return data; }
    var you = { id: "you", name: "You", is_me: true, strength: 100, circle: null };
    var ties = data.nodes.map(function (n) {
      return { source: "you", target: n.id, kind: "tie", weight: n.strength };
    });
    return { nodes: [you].concat(data.nodes), edges: ties.concat(data.edges) };
  }

  function draw(svg, data) {
    data = withYou(data);
    var mode = svg.dataset.color;
    var nodes = data.nodes;
    var byId = {};
    nodes.forEach(function (n) { n.r = n.is_me ? 12 : 3.5 + n.strength / 11; byId[n.id] = n; });
    var legend = groups(nodes, mode);
    layout(nodes, legend);
    var edgesLayer = svg.querySelector("[data-edges]");
    var nodesLayer = svg.querySelector("[data-nodes]");
    var lines = [];
    data.edges.forEach(function (e) {
      var a = byId[e.source], b = byId[e.target];
      if (!a || !b) { return; }
      if (e.kind === "tie" && e.weight < 45) { return; }  // only strong ties drawn from you
      var line = el("line", { x1: a.x, y1: a.y, x2: b.x, y2: b.y, "class": "edge edge-" + e.kind }, edgesLayer);
      lines.push({ line: line, a: a.id, b: b.id });
    });
    var tip = svg.parentNode.querySelector("[data-tip]");
    nodes.slice().sort(function (a, b) { return a.r - b.r; }).forEach(function (n) {
      var color = n.is_me ? "#1f2a5a" : (legend.colors[n.group] || "#98a2b3");
      var dot = el("circle", { cx: n.x, cy: n.y, r: n.r, fill: color, "class": "node" + (n.is_me ? " node-me" : "") }, nodesLayer);
      function show() {
        tip.hidden = false;
        tip.textContent = "";
        var strong = document.createElement("strong");
        strong.textContent = n.name;
        tip.appendChild(strong);
        var rest = [n.organization, n.circle, n.is_me ? null : "strength " + n.strength].filter(Boolean).join(" · ");
        tip.appendChild(document.createTextNode(rest ? " — " + rest : ""));
        lines.forEach(function (l) { l.line.classList.toggle("edge-hot", l.a === n.id || l.b === n.id); });
        dot.classList.add("node-hot");
      }
      function hide() {
        tip.hidden = true;
        lines.forEach(function (l) { l.line.classList.remove("edge-hot"); });
        dot.classList.remove("node-hot");
      }
      dot.addEventListener("mouseenter", show);
      dot.addEventListener("mouseleave", hide);
      dot.addEventListener("click", function () { if (!n.is_me) { window.location = "/people/" + n.id; } });
    });
    var box = svg.parentNode.querySelector("[data-legend]");
    function entry(color, text) {
      var item = document.createElement("span");
      item.className = "legend-item";
      var swatch = document.createElementNS(NS, "svg");
      swatch.setAttribute("viewBox", "0 0 10 10");
      swatch.setAttribute("class", "swatch");
      el("circle", { cx: 5, cy: 5, r: 5, fill: color }, swatch);
      item.appendChild(swatch);
      item.appendChild(document.createTextNode(text));
      box.appendChild(item);
    }
    legend.keys.forEach(function (k) { entry(legend.colors[k], k + " (" + legend.counts[k] + ")"); });
    // the grey dots: no circle, or (by organization) none known or one of the smaller ones
    var rest = nodes.filter(function (n) { return !n.is_me && !legend.colors[n.group]; }).length;
    if (rest) {
      entry("#98a2b3", (mode === "organization" ? "other or none" : "no circle") + " (" + rest + ")");
    }
    // how far the farthest dot is from you, each way (you are at 0, 0)
    svg.bounds = nodes.reduce(function (b, n) {
      return { halfW: Math.max(b.halfW, Math.abs(n.x) + n.r + 30), halfH: Math.max(b.halfH, Math.abs(n.y) + n.r + 30) };
    }, { halfW: 60, halfH: 60 });
    svg.nodes = nodes;
  }

  function fitted(svg) {
    // The whole network with you (at 0, 0) in the middle, in the shape of the drawing area.
    var b = svg.bounds, rect = svg.getBoundingClientRect();
    var ratio = rect.height / rect.width || 0.8;
    var w = Math.max(2 * b.halfW, 2 * b.halfH / ratio), h = w * ratio;
    return { x: -w / 2, y: -h / 2, w: w, h: h };
  }

  function zoomable(svg) {
    var view = fitted(svg);
    function apply() { svg.setAttribute("viewBox", [view.x, view.y, view.w, view.h].join(" ")); }
    apply();
    function zoom(factor, cx, cy) {
      var w = Math.min(Math.max(view.w * factor, 80), 5000);
      var f = w / view.w;
      view.x = cx - (cx - view.x) * f;
      view.y = cy - (cy - view.y) * f;
      view.w = w;
      view.h = view.h * f;
      apply();
    }
    function point(ev) {
      var rect = svg.getBoundingClientRect();
      return { x: view.x + (ev.clientX - rect.left) / rect.width * view.w, y: view.y + (ev.clientY - rect.top) / rect.height * view.h };
    }
    svg.addEventListener("wheel", function (ev) {
      ev.preventDefault();
      var p = point(ev);
      zoom(ev.deltaY > 0 ? 1.15 : 1 / 1.15, p.x, p.y);
    }, { passive: false });
    var drag = null;
    svg.addEventListener("pointerdown", function (ev) {
      if (ev.target.classList.contains("node")) { return; }
      drag = { x: ev.clientX, y: ev.clientY };
      svg.setPointerCapture(ev.pointerId);
      svg.classList.add("dragging");
    });
    svg.addEventListener("pointermove", function (ev) {
      if (!drag) { return; }
      var rect = svg.getBoundingClientRect();
      view.x -= (ev.clientX - drag.x) / rect.width * view.w;
      view.y -= (ev.clientY - drag.y) / rect.height * view.h;
      drag = { x: ev.clientX, y: ev.clientY };
      apply();
    });
    function stop() { drag = null; svg.classList.remove("dragging"); }
    svg.addEventListener("pointerup", stop);
    svg.addEventListener("pointercancel", stop);
    var controls = document.createElement("div");
    controls.className = "map-controls";
    [["+", 1 / 1.4, "Zoom in"], ["−", 1.4, "Zoom out"], ["Reset", 0, "Reset the zoom"]].forEach(function (spec) {
      var b = document.createElement("button");
      b.type = "button";
      b.className = "btn btn-small";
      b.textContent = spec[0];
      b.setAttribute("aria-label", spec[2]);
      b.addEventListener("click", function () {
        if (spec[1] === 0) { view = fitted(svg); apply(); return; }
        zoom(spec[1], view.x + view.w / 2, view.y + view.h / 2);
      });
      controls.appendChild(b);
    });
    svg.parentNode.insertBefore(controls, svg);
  }

  function number(n) { return n.toLocaleString("en-US"); }

  // What the map shows of the network, in a sentence, and how to narrow it.
  function summary(data, narrowed) {
    var people = number(data.total) + (data.total === 1 ? " person" : " people");
    if (data.shown >= data.total) {
      return narrowed ? "All " + people + " these filters match." : "All " + people + " of your network.";
    }
    var whom = narrowed ? people + " these filters match" : people + " of your network";
    var how = narrowed ? "Narrow it further to see others." : "Narrow it by tag, circle or organization to see others.";
    return "Showing " + number(data.shown) + " of the " + whom +
      ": the people at your targets, then your strongest ties. " + how;
  }

  document.addEventListener("DOMContentLoaded", function () {
    var svg = document.querySelector("[data-map]");
    if (!svg) { return; }
    var count = document.querySelector("[data-map-count]");
    count.textContent = "Drawing the map…";
    var query = svg.dataset.query || "";
    fetch("/api/graph" + (query ? "?" + query : ""), { credentials: "same-origin" })
      .then(function (r) {
        return r.json().then(function (data) {
          if (!r.ok) { throw new Error(data.error || "the map could not be drawn"); }
          return data;
        });
      })
      .then(function (data) {
        count.textContent = summary(data, query !== "");
        svg.setAttribute("aria-label", "Network map. " + count.textContent);
        svg.removeAttribute("hidden");  // an SVG element has no .hidden to set
        draw(svg, data);
        zoomable(svg);
        // the names last, above every dot, so no dot hides one; on the strongest few only
        // (hover shows everyone's), sized once the map has its place and its view
        var fit = fitted(svg), k = Math.max(1, fit.w / (svg.getBoundingClientRect().width || fit.w));
        label(svg.querySelector("[data-nodes]"), svg.nodes, k);
        svg.dataset.drawn = String(svg.nodes.length);
      })
      .catch(function (err) {
        count.textContent = "Not drawn: " + err.message + ".";
        count.setAttribute("data-map-error", "");
      });
  });
})();
