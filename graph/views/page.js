// actorgraph's network page. Every string from the data is put on screen with textContent
// (never innerHTML), so names, aliases and evidence always show as text.
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("actorgraph-data").textContent);
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var container = document.getElementById("network");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);
  var state = { network: network, nodes: nodes, edges: edges, ready: false };
  window.actorgraph = state;

  // The Admiralty grades' wording comes with the data (graph.model), as the CLI shows it.
  var CREDIBILITY = data.grades.credibility;
  // graph.model's DatePrecision and PlacePrecision, as a reader says them.
  var DATE_PRECISION = {week: "to within a week", month: "to within a month",
                        year: "to within a year", longer: "only roughly"};
  var PLACE_PRECISION = {exact: "exactly", near: "near the place named",
                         district: "only the district", province: "only the province",
                         country: "only the country", other: "only roughly"};
  var RELIABILITY = data.grades.reliability;

  function markReady() {
    state.ready = true;
    document.body.setAttribute("data-ready", "true");
    var loading = document.getElementById("loading");
    if (loading) { loading.remove(); }
  }
  if (data.options.physics.enabled) {
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({ physics: false });
      network.fit();
      markReady();
    });
  } else {
    network.once("afterDrawing", markReady);
  }

  // -- DOM helpers: text only ------------------------------------------------------------------
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }
  function row(parent, label, value, className) {
    if (value === undefined || value === null || value === "" ||
        (Array.isArray(value) && value.length === 0)) { return; }
    var line = el("div", "row");
    line.appendChild(el("span", "label", label));
    line.appendChild(el("span", className || "", Array.isArray(value) ? value.join(", ") : value));
    parent.appendChild(line);
  }
  function gradeClass(credibility) {
    return credibility <= 2 ? "grade-good" : credibility === 3 ? "grade-mid" : "grade-bad";
  }
  function reliabilityClass(grade) {
    return "AB".indexOf(grade) >= 0 ? "grade-good" : grade === "C" ? "grade-mid" : "grade-bad";
  }
  function nameOf(id) {
    var node = nodes.get(id);
    return node ? node.info.name : id;
  }

  // -- tooltips ----------------------------------------------------------------------------------
  function nodeTip(node) {
    var info = node.info, box = el("div");
    box.appendChild(el("div", "title", info.name));
    row(box, "kind", info.kind ? info.category + " · " + info.kind : info.category);
    row(box, "also called", info.aliases);
    row(box, "date", info.date && DATE_PRECISION[info.date_precision] ?
        info.date + " (" + DATE_PRECISION[info.date_precision] + ")" : info.date);
    row(box, "place known", info.place_precision ? PLACE_PRECISION[info.place_precision] : null);
    row(box, "fatalities", info.fatalities);
    row(box, "feed's id", info.source_event_id);
    row(box, "id", info.id);
    if (info.description) { box.appendChild(el("div", "row", info.description)); }
    return box;
  }
  function edgeTip(edge) {
    var info = edge.info, box = el("div");
    var head = nameOf(info.from) + " " + info.term + (info.subtype ? " (" + info.subtype + ")" : "") +
               " " + nameOf(info.to);
    box.appendChild(el("div", "title", head));
    var span = info.since || info.until ? (info.since || "?") + " – " + (info.until || "") : null;
    row(box, "when", span);
    row(box, "claimed by", info.claimant_name || info.claimant);
    row(box, "held as", info.status);
    if (info.credibility) {
      row(box, "credibility", info.credibility + " (" + CREDIBILITY[info.credibility] + ")",
          gradeClass(info.credibility));
    }
    row(box, "confidence", info.confidence);
    row(box, "outcome", info.outcome);
    (info.figures || []).forEach(function (figure) {
      row(box, figure.label, figure.value);
      figure.disputed.forEach(function (other) { row(box, "disputed by", other, "grade-bad"); });
    });
    row(box, "event", info.event ? nameOf(info.event) : null);
    (info.sources || []).forEach(function (source) {
      var line = el("div", "row");
      line.appendChild(el("span", "label", "source"));
      line.appendChild(el("span", "", (source.title || source.id) + " "));
      if (source.reliability) {
        line.appendChild(el("span", reliabilityClass(source.reliability),
          "[" + source.reliability + ": " + RELIABILITY[source.reliability] + "]"));
      }
      box.appendChild(line);
    });
    if (info.contradicts && info.contradicts.length) {
      row(box, "disputed by", info.contradicts, "grade-bad");
    }
    row(box, "note", info.note);
    if (info.evidence) { box.appendChild(el("div", "evidence", info.evidence)); }
    return box;
  }
  var tip = document.getElementById("tooltip");
  function show(content, pointer) {
    tip.replaceChildren(content);
    tip.hidden = false;
    var rect = container.getBoundingClientRect();
    var x = rect.left + pointer.x + 14, y = rect.top + pointer.y + 14;
    var width = tip.offsetWidth, height = tip.offsetHeight;
    if (x + width > window.innerWidth) { x = Math.max(4, x - width - 28); }
    if (y + height > window.innerHeight) { y = Math.max(4, y - height - 28); }
    tip.style.left = x + "px";
    tip.style.top = y + "px";
  }
  function hide() { tip.hidden = true; }
  network.on("hoverNode", function (p) { show(nodeTip(nodes.get(p.node)), p.pointer.DOM); });
  network.on("hoverEdge", function (p) { show(edgeTip(edges.get(p.edge)), p.pointer.DOM); });
  network.on("blurNode", hide);
  network.on("blurEdge", hide);
  network.on("dragStart", hide);
  network.on("zoom", hide);

  // -- legend ------------------------------------------------------------------------------------
  var legend = document.getElementById("legend");
  legend.appendChild(el("h2", "", "Nodes"));
  var GLYPHS = { dot: "●", ellipse: "●", diamond: "◆", square: "■", hexagon: "⬢", box: "▬",
                 triangle: "▲", triangleDown: "▼", star: "★" };
  data.legend.kinds.forEach(function (kind) {
    var item = el("div", "item"), swatch = el("span", "glyph", GLYPHS[kind.shape] || "●");
    swatch.style.color = kind.color;
    item.appendChild(swatch);
    item.appendChild(el("span", "", (kind.kind || kind.category).replace(/_/g, " ") +
      (kind.kind ? " (" + kind.category + ")" : "")));
    legend.appendChild(item);
  });
  legend.appendChild(el("h2", "", "Relations"));
  data.legend.signs.forEach(function (sign) {
    var item = el("div", "item"), line = el("span", "line");
    line.style.borderTopColor = sign.color;
    item.appendChild(line);
    item.appendChild(el("span", "", sign.label));
    legend.appendChild(item);
  });
  var weak = el("div", "item"), dashed = el("span", "line dashed");
  dashed.style.borderTopColor = "#777";
  weak.appendChild(dashed);
  weak.appendChild(el("span", "", "weak claim: credibility " + data.legend.weak.min_credibility +
    "–6, confidence ≤ " + data.legend.weak.max_confidence + ", or disputed"));
  legend.appendChild(weak);
  if (data.legend.tentative) {
    var tentative = el("div", "item"), dotted = el("span", "line dotted");
    dotted.style.borderTopColor = "#777";
    tentative.appendChild(dotted);
    tentative.appendChild(el("span", "", "only speculated, forecast or denied (said in the label)"));
    legend.appendChild(tentative);
  }
  legend.appendChild(el("div", "row", "Width grows with confidence; arrows point from the actor."));

  // -- search ------------------------------------------------------------------------------------
  // A Map, not an object: names such as "constructor" must not find Object's prototype.
  var names = document.getElementById("search-names"), lookup = new Map();
  nodes.forEach(function (node) {
    [node.info.name].concat(node.info.aliases || []).forEach(function (name) {
      var key = name.toLowerCase();
      if (lookup.has(key)) { return; }
      lookup.set(key, node.id);
      var option = document.createElement("option");
      option.value = name;
      names.appendChild(option);
    });
  });
  document.getElementById("search").addEventListener("change", function (event) {
    var id = lookup.get(event.target.value.toLowerCase());
    if (id === undefined) { return; }
    network.selectNodes([id]);
    network.focus(id, { scale: 1.3, animation: false });
    var position = network.canvasToDOM(network.getPosition(id));
    show(nodeTip(nodes.get(id)), position);
  });
})();
