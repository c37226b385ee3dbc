// actorgraph's network page, part 2: what the reader sees besides the drawing (tooltips, legend,
// search, the filter panel). Every string from the data is put on screen with textContent
// (never innerHTML), so names, aliases and evidence always show as text.
(function () {
  "use strict";

  var state = window.actorgraph, data = state.data;
  var network = state.network, nodes = state.nodes, edges = state.edges;
  var container = document.getElementById("network"), words = state.words;

  // The Admiralty grades' wording comes with the data (graph.model), as the CLI shows it.
  var CREDIBILITY = data.grades.credibility;
  // graph.model's DatePrecision and PlacePrecision, as a reader says them.
  var DATE_PRECISION = {week: "to within a week", month: "to within a month",
                        year: "to within a year", longer: "only roughly"};
  var PLACE_PRECISION = {exact: "exactly", near: "near the place named",
                         district: "only the district", province: "only the province",
                         country: "only the country", other: "only roughly"};
  var RELIABILITY = data.grades.reliability;
  var TIE_CLAIMS = 20; // a tie's tooltip lists this many claims, then "and N more"
  var EVIDENCE = 120; // characters of each claim's evidence it shows
  var WITH_EVIDENCE = 5; // a tie of more claims lists them a line each, so that all 20 fit

  // -- DOM helpers: text only ------------------------------------------------------------------
  // Characters that would act rather than show, written as \u202e as the terminal writes them
  // (graph.values.acts: controls, format characters such as bidi overrides, zero widths and the
  // soft hyphen, line and paragraph separators, lone surrogates): one in a claimant's name
  // turned "confidence 0.1" into "1.0 ecnedifnoc" after it. Newlines, tabs and the joiners
  // Dari, Pashto and emoji need (U+200C, U+200D) stay.
  var ACTING = /(?![\n\t\u200c\u200d])[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/gu;
  function visible(text) {
    return String(text).replace(ACTING, function (c) {
      var code = c.codePointAt(0);
      return code < 0x100 ? "\\x" + ("0" + code.toString(16)).slice(-2)
                          : "\\u" + ("000" + code.toString(16)).slice(-4);
    });
  }
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = visible(text); }
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
  var NOT_DRAWN = new Map(Object.entries(data.names)); // a Map: ids like "constructor" are safe
  function nameOf(id) {
    var node = nodes.get(id);
    return node ? node.info.name : NOT_DRAWN.has(id) ? NOT_DRAWN.get(id) : id;
  }

  // -- tooltips ----------------------------------------------------------------------------------
  function nodeTip(node) {
    var info = node.info, box = el("div");
    box.appendChild(el("div", "title", info.name));
    row(box, "kind", info.kind ? info.category + " · " + words(info.kind) : info.category);
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
    var head = nameOf(info.from) + " " + words(info.term) + (info.subtype ? " (" + info.subtype + ")" : "") +
               " " + nameOf(info.to);
    box.appendChild(el("div", "title", head));
    var span = info.since || info.until ? (info.since || "?") + " – " + (info.until || "") : null;
    row(box, "when", info.since && info.since === info.until ? info.since : span);
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
  // A tie: the claims between two nodes with one sign, the first TIE_CLAIMS of them.
  function tieTip(tie) {
    var claims = tie.passing, first = claims[0], box = el("div");
    var sign = data.style.signs[String(first.info.sign || 0)];
    box.appendChild(el("div", "title", nameOf(first.info.from) + " \u2013 " +
      nameOf(first.info.to) + ": " + claims.length + " claims" + (sign ? ", " + sign.label : "")));
    // Claims that name events (a feed's): how many events, the deaths they give, their span.
    var events = new Set(), killed = 0, counted = 0, days = [];
    claims.forEach(function (claim) {
      var info = claim.info;
      if (info.event) { events.add(info.event); }
      if (typeof info.killed_best === "number") { killed += info.killed_best; counted++; }
      [info.since_start, info.until_end || info.since_end].forEach(function (day) {
        if (day) { days.push(day); }
      });
    });
    days.sort();
    if (events.size) {
      box.appendChild(el("div", "row", events.size + " event" + (events.size === 1 ? "" : "s") +
        (counted ? ", " + killed + " killed (" + (counted === 1 ? "1 claim's best estimate"
          : "the sum of " + counted + " claims' best estimates") + ")" : "") +
        (days.length ? ", " + days[0] + (days[days.length - 1] !== days[0] ?
          " \u2026 " + days[days.length - 1] : "") : "")));
    }
    box.appendChild(el("div", "hint", (claims.length > TIE_CLAIMS ? "The first " + TIE_CLAIMS +
      " of " + claims.length + " claims by date; c" : "C") + "lick the line to draw each claim."));
    // In date order, as a timeline reads (undated claims last; the sort is stable).
    var dated = claims.slice().sort(function (a, b) {
      var x = a.info.since_start || "\uffff", y = b.info.since_start || "\uffff";
      return x < y ? -1 : x > y ? 1 : 0;
    });
    dated.slice(0, TIE_CLAIMS).forEach(function (claim) {
      // One claim in two short lines: "→ attacks · 2020-12-19 · by ACLED · credibility 3 …",
      // then its evidence, cut at EVIDENCE characters (hover the claim itself for all of it).
      var info = claim.info, line = el("div", "claim"), head = el("div");
      var arrow = info.symmetric ? "\u2194 " : info.from === first.info.from ? "\u2192 " : "\u2190 ";
      var when = info.since ? (info.until && info.until !== info.since ?
        info.since + "\u2013" + info.until : info.since) : "";
      var by = "by " + (info.claimant_name || nameOf(info.claimant));
      head.appendChild(el("span", "", [arrow + words(info.term), when, by].filter(Boolean)
        .join(" \u00b7 ") + " \u00b7 "));
      if (info.credibility) {
        head.appendChild(el("span", gradeClass(info.credibility), "credibility " + info.credibility));
      }
      var more = [" confidence " + info.confidence];
      if (info.status && info.status !== "reported") { more.push(info.status); }
      (info.figures || []).forEach(function (figure) { more.push(figure.label + " " + figure.value); });
      head.appendChild(el("span", "grades", " \u00b7" + more.join(" \u00b7 ")));
      line.appendChild(head);
      (info.figures || []).forEach(function (figure) {
        figure.disputed.forEach(function (other) { row(line, "disputed by", other, "grade-bad"); });
      });
      if (info.evidence && claims.length <= WITH_EVIDENCE) {
        var said = info.evidence.length > EVIDENCE ? info.evidence.slice(0, EVIDENCE) + "\u2026"
                                                   : info.evidence;
        line.appendChild(el("div", "evidence", said));
      }
      box.appendChild(line);
    });
    if (claims.length > TIE_CLAIMS) {
      box.appendChild(el("div", "row", "and " + (claims.length - TIE_CLAIMS) + " more"));
    }
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
  network.on("hoverEdge", function (p) {
    var tie = state.tieOf(p.edge);
    show(tie ? tieTip(tie) : edgeTip(edges.get(p.edge)), p.pointer.DOM);
  });
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
    item.appendChild(el("span", "", words(kind.kind || kind.category) +
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
  legend.appendChild(el("div", "row", "Width grows with confidence, and with the number of " +
    "claims a line stands for; arrows point from the actor."));

  // -- search ------------------------------------------------------------------------------------
  // A Map, not an object: names such as "constructor" must not find Object's prototype.
  var names = document.getElementById("search-names"), lookup = new Map();
  nodes.forEach(function (node) {
    [node.info.name].concat(node.info.aliases || []).forEach(function (name) {
      var key = name.toLowerCase(), offered = visible(name);  // the list shows no bidi trick
      if (lookup.has(key)) { return; }
      lookup.set(key, node.id);
      if (!lookup.has(offered.toLowerCase())) { lookup.set(offered.toLowerCase(), node.id); }
      var option = document.createElement("option");
      option.value = offered;
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

  // -- the filter panel --------------------------------------------------------------------------
  var filters = state.filters, panel = document.getElementById("controls");
  var controls = {}; // name -> {read: () => value into filters, write: () => show filters}

  function distinct(values) {
    return Array.from(new Set(values.filter(function (v) { return v !== null && v !== undefined && v !== ""; }))).sort();
  }
  function field(label, input) {
    var line = el("label", "field");
    line.appendChild(el("span", "label", label));
    line.appendChild(input);
    panel.appendChild(line);
    return input;
  }
  function choice(name, label, options, all) {
    if (options.length < 2) { return; }
    var select = el("select");
    select.name = name;
    [["", all]].concat(options).forEach(function (option) {
      var item = el("option", "", option[1]);
      item.value = option[0];
      select.appendChild(item);
    });
    field(label, select);
    controls[name] = {
      read: function () { filters[name] = select.value; },
      write: function () { select.value = filters[name]; },
    };
    select.addEventListener("change", changed);
  }
  var known = {}; // the values each set of boxes offers
  function checks(name, label, options) {
    known[name] = new Set(options.map(function (option) { return option[0]; }));
    if (options.length < 2) { return; }
    var box = el("fieldset", "checks"), inputs = [];
    box.appendChild(el("legend", "", label));
    options.forEach(function (option) {
      var line = el("label", "check"), input = el("input");
      input.type = "checkbox";
      input.checked = true;
      input.value = option[0];
      input.addEventListener("change", changed);
      line.appendChild(input);
      line.appendChild(el("span", "", option[1]));
      box.appendChild(line);
      inputs.push(input);
    });
    panel.appendChild(box);
    controls[name] = {
      read: function () {
        var on = inputs.filter(function (i) { return i.checked; }).map(function (i) { return i.value; });
        filters[name] = on.length === inputs.length ? null : new Set(on);
      },
      write: function () {
        inputs.forEach(function (i) { i.checked = !filters[name] || filters[name].has(i.value); });
      },
    };
  }

  var claims = data.edges.map(function (e) { return e.info; });
  panel.appendChild(el("h2", "", "Show"));
  var folded = el("input");
  folded.type = "checkbox";
  folded.checked = state.aggregated();
  folded.addEventListener("change", function () { state.setAggregate(folded.checked); });
  field("one line per tie", folded);
  checks("signs", "Sign", distinct(claims.map(function (c) { return String(c.sign || 0); }))
    .map(function (sign) { return [sign, (data.style.signs[sign] || {}).label || sign]; }));
  checks("terms", "Relation", distinct(claims.map(function (c) { return c.term; }))
    .map(function (term) { return [term, words(term)]; }));
  checks("kinds", "Node kind", distinct(nodes.map(function (n) { return n.kind; }))
    .map(function (kind) { return [kind, words(kind)]; }));

  var credibility = el("select");
  credibility.name = "credibility";
  for (var grade = 1; grade <= 6; grade++) {
    var option = el("option", "", grade === 6 ? "any" : grade + " (" + CREDIBILITY[grade] + ") or better");
    option.value = String(grade);
    credibility.appendChild(option);
  }
  credibility.value = "6";
  credibility.addEventListener("change", changed);
  field("credibility", credibility);
  controls.credibility = {
    read: function () { filters.credibility = Number(credibility.value); },
    write: function () { credibility.value = String(filters.credibility); },
  };
  var confidence = el("input"), confidenceShown = el("span", "value", "0");
  confidence.type = "range";
  confidence.min = "0";
  confidence.max = "1";
  confidence.step = "0.05";
  confidence.value = "0";
  confidence.addEventListener("input", changed);
  field("confidence at least", confidence).after(confidenceShown);
  controls.confidence = {
    read: function () { filters.confidence = Number(confidence.value); },
    write: function () {
      confidence.value = String(filters.confidence);
      confidenceShown.textContent = String(filters.confidence);
    },
  };
  var claimantNames = new Map(claims.map(function (c) { return [c.claimant, c.claimant_name || c.claimant]; }));
  choice("claimant", "claimed by", distinct(claims.map(function (c) { return c.claimant; }))
    .map(function (id) { return [id, claimantNames.get(id)]; }), "anyone");
  var datasetNames = distinct(claims.map(function (c) { return c.dataset; }));
  choice("dataset", "dataset", datasetNames.map(function (name) { return [name, name]; }),
         "every dataset");

  // The date slider: "in force on" the day, the rule of --as-of (graph.subgraph.in_force).
  var DAY = 86400000, span = null;
  function realDay(iso) {
    return /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(iso) && !isNaN(Date.parse(iso)) &&
           new Date(iso + "T00:00:00Z").toISOString().slice(0, 10) === iso;
  }
  function dayNumber(iso) { return Math.floor(Date.parse(iso + "T00:00:00Z") / DAY); }
  function isoOf(number) { return new Date(number * DAY).toISOString().slice(0, 10); }
  var days = distinct([].concat.apply([], claims.map(function (c) {
    return [c.since_start, c.since_end, c.until_end];
  }))).filter(function (iso) { return /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(iso); });
  if (days.length) {
    span = [days[0], days[days.length - 1]];
    var first = dayNumber(days[0]), last = dayNumber(days[days.length - 1]);
    var dated = el("input"), slider = el("input"), shownDay = el("span", "value", "");
    var play = el("button", "", "\u25b6 play");
    dated.type = "checkbox";
    slider.type = "range";
    slider.min = String(first);
    slider.max = String(last);
    slider.value = String(last);
    play.type = "button";
    panel.appendChild(el("h2", "", "In force on a date"));
    field("only what is in force on", dated);
    panel.appendChild(slider);
    panel.appendChild(shownDay);
    panel.appendChild(play);
    [dated, slider].forEach(function (input) { input.addEventListener("input", changed); });
    controls.asOf = {
      read: function () { filters.asOf = dated.checked ? isoOf(Number(slider.value)) : ""; },
      write: function () {
        dated.checked = !!filters.asOf;
        if (filters.asOf) { slider.value = String(dayNumber(filters.asOf)); }
        shownDay.textContent = filters.asOf ? filters.asOf + " (acts of the " + filters.window +
          " days before)" : isoOf(Number(slider.value));
      },
    };
    // Play steps from one dated claim's day to the next (at most STEPS steps, evenly
    // through them), so that a span of decades with its claims in one month still moves.
    var STEPS = 120, stops = days.map(dayNumber);
    if (stops.length > STEPS) {
      stops = stops.filter(function (_, i) { return i % Math.ceil(stops.length / STEPS) === 0; })
        .concat([last]);
    }
    var timer = null;
    play.addEventListener("click", function () {
      if (timer) { clearInterval(timer); timer = null; play.textContent = "\u25b6 play"; return; }
      dated.checked = true;
      if (Number(slider.value) >= last) { slider.value = String(first); }
      play.textContent = "\u23f8 pause";
      timer = setInterval(function () {
        var now = Number(slider.value);
        var next = stops.find(function (stop) { return stop > now; });
        slider.value = String(next === undefined ? last : next);
        changed();
        if (Number(slider.value) >= last) { play.click(); }
      }, 500);
      changed();
    });
  }

  var shown = el("p", "shown");
  panel.appendChild(shown);
  var reset = el("button", "", "Show everything"), link = el("button", "", "Copy link to this view");
  reset.type = link.type = "button";
  panel.appendChild(reset);
  panel.appendChild(link);
  reset.addEventListener("click", function () {
    ["signs", "terms", "kinds"].forEach(function (name) { filters[name] = null; });
    filters.credibility = 6;
    filters.confidence = 0;
    filters.claimant = filters.dataset = filters.asOf = "";
    filters.focus = null;
    written();
  });

  function changed() {
    Object.keys(controls).forEach(function (name) { controls[name].read(); });
    written();
  }
  function written() {
    Object.keys(controls).forEach(function (name) { controls[name].write(); });
    state.apply();
  }
  state.onchange.push(function (counts) {
    shown.textContent = "Showing " + counts.nodes + " of " + nodes.length + " nodes and " +
      counts.claims + " of " + edges.length + " claims (" + counts.edges + " lines)" +
      (filters.focus !== null ? "; focus on " + nameOf(filters.focus) + " (Esc: all)" : "") + ".";
  });

  // -- the view's state in the link: #sign=...&term=... ------------------------------------------
  var SETS = { signs: "sign", terms: "term", kinds: "kind" };
  function fragment() {
    var out = new URLSearchParams();
    Object.keys(SETS).forEach(function (name) {
      if (filters[name]) { out.set(SETS[name], Array.from(filters[name]).join("\n")); }
    });
    if (filters.credibility !== 6) { out.set("credibility", String(filters.credibility)); }
    if (filters.confidence) { out.set("confidence", String(filters.confidence)); }
    ["claimant", "dataset"].forEach(function (name) { if (filters[name]) { out.set(name, filters[name]); } });
    if (filters.asOf) { out.set("as-of", filters.asOf); }
    if (filters.focus !== null) { out.set("focus", filters.focus); }
    if (state.aggregated() !== data.aggregate) { out.set("ties", state.aggregated() ? "on" : "off"); }
    return out.toString();
  }
  function restore(text) {
    var given = new URLSearchParams(text);
    Object.keys(SETS).forEach(function (name) {
      // kind=a%0Ab as this page writes it, or kind=a&kind=b as a person might
      var asked = [].concat.apply([], given.getAll(SETS[name]).map(function (value) {
        return value.split("\n");
      }));
      var held = asked.filter(function (value) { return known[name].has(value); });
      filters[name] = held.length ? new Set(held) : null;
    });
    var grade = given.get("credibility") || "";
    filters.credibility = /^[1-6]$/.test(grade) ? Number(grade) : 6;
    var sure = given.get("confidence") || "";
    filters.confidence = /^(0(\.[0-9]+)?|1(\.0+)?)$/.test(sure) ? Number(sure) : 0;
    // What the data does not hold is ignored, not shown as an empty view.
    filters.claimant = claimantNames.has(given.get("claimant")) ? given.get("claimant") : "";
    filters.dataset = datasetNames.indexOf(given.get("dataset")) >= 0 ? given.get("dataset") : "";
    // A real day within the claims' span (the slider's), else none.
    var day = given.get("as-of") || "";
    filters.asOf = realDay(day) && span && day >= span[0] && day <= span[1] ? day : "";
    filters.focus = given.has("focus") && nodes.get(given.get("focus")) ? given.get("focus") : null;
    if (given.get("ties") === "off" || given.get("ties") === "on") {
      folded.checked = given.get("ties") === "on";
      state.setAggregate(folded.checked);
    }
    written();
  }
  link.addEventListener("click", function () {
    var url = location.href.split("#")[0] + "#" + fragment();
    history.replaceState(null, "", url);
    var copied = navigator.clipboard ? navigator.clipboard.writeText(url) : Promise.reject();
    copied.then(function () { link.textContent = "Link copied"; },
                function () { link.textContent = "Link in the address bar"; });
  });
  state.fragment = fragment;
  state.restore = restore;
  restore(location.hash.slice(1));
})();
