// actorgraph's network page, part 1: what is drawn. Claims between the same two nodes with the
// same sign are drawn as one tie (wider with more and surer claims); a click on a tie draws its
// claims in place, a click on one of them folds them back. The filters of the side panel, the
// date slider and focus only change what two vis DataViews let through: nothing is laid out
// again. `window.actorgraph` is the page's documented hook (docs/views.md).
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("actorgraph-data").textContent);
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges); // every claim, as the data gives it
  var container = document.getElementById("network");
  var WIDTH = data.style.width, SIGNS = data.style.signs;

  // A vocabulary word as a reader says it: "allied_with" is "allied with".
  function words(term) { return String(term).replace(/_/g, " "); }

  // -- ties: one per pair of nodes and sign ------------------------------------------------------
  // key -> {id, key, claims, passing: the claims the filters let through, shown: their ids}
  var ties = new Map();
  data.edges.forEach(function (claim) {
    var tie = ties.get(claim.tie);
    if (!tie) {
      // '#' is in no id (graph.model.Id), so "##n" is never a claim's.
      tie = { id: "##" + ties.size, key: claim.tie, claims: [], passing: [], shown: new Set(),
              look: "" };
      ties.set(claim.tie, tie);
    }
    tie.claims.push(claim);
  });
  var tieOfEdge = new Map(); // a drawn tie's id -> its tie
  var pairs = new Map(); // the ties of each pair of nodes, hostile first: their lines fan out
  ties.forEach(function (tie) {
    tieOfEdge.set(tie.id, tie);
    var pair = tie.key.slice(0, tie.key.lastIndexOf("|"));
    if (!pairs.has(pair)) { pairs.set(pair, []); }
    pairs.get(pair).push(tie);
  });
  pairs.forEach(function (list) {
    list.sort(function (a, b) { return a.claims[0].info.sign - b.claims[0].info.sign; });
  });
  var degree = new Map();
  data.edges.forEach(function (claim) {
    degree.set(claim.from, (degree.get(claim.from) || 0) + 1);
    degree.set(claim.to, (degree.get(claim.to) || 0) + 1);
  });

  function tieLook(tie) {
    var claims = tie.passing, first = claims[0];
    var terms = new Set(claims.map(function (c) { return c.info.term; }));
    var colours = new Set(claims.map(function (c) { return c.color; }));
    var directions = new Set(claims.map(function (c) {
      return c.info.symmetric ? "both" : c.from + "\u0000" + c.to;
    }));
    var confidence = claims.reduce(function (sum, c) { return sum + (c.info.confidence || 0); }, 0);
    var one = directions.size === 1 && !first.info.symmetric;
    return {
      id: tie.id,
      from: first.from,
      to: first.to,
      label: terms.size === 1 ? words(first.info.term) + " \u00d7" + claims.length
                              : claims.length + " claims",
      color: colours.size === 1 ? first.color : (SIGNS[String(first.info.sign || 0)] ||
             SIGNS["0"]).color,
      dashes: claims.every(function (c) { return c.dashes; }),
      width: WIDTH.base + WIDTH.scale * confidence / claims.length +
             WIDTH.per_claims * Math.log2(claims.length),
      arrows: one ? "to" : "",
      isTie: true,
    };
  }

  // -- filters -----------------------------------------------------------------------------------
  var filters = {
    signs: null, terms: null, kinds: null, // Sets of what is shown; null: everything
    credibility: 6, confidence: 0, claimant: "", dataset: "", asOf: "", window: data.window,
    focus: null,
  };
  var expanded = new Set(); // ties drawn as their claims
  var aggregate = data.aggregate;

  function kindOf(id) {
    var node = nodes.get(id);
    return node ? node.kind : null;
  }
  function addDays(iso, days) {
    var day = new Date(iso + "T00:00:00Z");
    day.setUTCDate(day.getUTCDate() + days);
    return day.toISOString().slice(0, 10);
  }
  // graph.subgraph.in_force and cypher/fragments/in_force.cypher: the same rule.
  function inForce(info, day) {
    if (!info.since_start || info.since_start > day) { return false; }
    if (info.duration === "point") {
      var last = info.until_end || info.since_end;
      return !!last && last >= addDays(day, -filters.window);
    }
    return !info.until_end || info.until_end >= day;
  }
  function passes(claim) {
    var info = claim.info;
    if (filters.signs && !filters.signs.has(String(info.sign || 0))) { return false; }
    if (filters.terms && !filters.terms.has(info.term)) { return false; }
    if (filters.kinds && !(filters.kinds.has(kindOf(claim.from)) &&
                           filters.kinds.has(kindOf(claim.to)))) { return false; }
    if ((info.credibility || 6) > filters.credibility) { return false; }
    if ((info.confidence || 0) < filters.confidence) { return false; }
    if (filters.claimant && info.claimant !== filters.claimant) { return false; }
    if (filters.dataset && info.dataset !== filters.dataset) { return false; }
    if (filters.asOf && !inForce(info, filters.asOf)) { return false; }
    return true;
  }

  // What is drawn: ties folded (two claims or more) and claims shown singly, in one DataSet
  // that a DataView filters.
  var drawn = new vis.DataSet();
  var shownDegree = new Map();
  function single(tie) { return !aggregate || expanded.has(tie.key) || tie.passing.length === 1; }
  function recompute() {
    var changed = [];
    shownDegree = new Map();
    ties.forEach(function (tie) {
      tie.passing = tie.claims.filter(passes);
      tie.shown = new Set(tie.passing.map(function (c) { return c.id; }));
      tie.passing.forEach(function (c) {
        shownDegree.set(c.from, (shownDegree.get(c.from) || 0) + 1);
        shownDegree.set(c.to, (shownDegree.get(c.to) || 0) + 1);
      });
      var look = Array.from(tie.shown).join("\u0000");
      if (tie.passing.length > 1 && look !== tie.look) {
        tie.look = look;
        changed.push(tieLook(tie));
      }
    });
    if (changed.length) { drawn.update(changed); }
    fanOut();
  }
  // The lines between two nodes fan out: each shown line curves by its place among the pair's
  // shown lines, the curves bounded so that thirty claims stay near their straight line.
  var curves = new Map(); // a drawn line's id -> its curve now
  function curve(index, count) {
    var step = Math.min(0.15, 0.6 / Math.max(1, Math.ceil((count - 1) / 2)));
    return { enabled: index > 0, type: index % 2 ? "curvedCW" : "curvedCCW",
             roundness: step * Math.ceil(index / 2) };
  }
  function fanOut() {
    var changed = [];
    pairs.forEach(function (list) {
      var lines = [];
      list.forEach(function (tie) {
        if (!tie.passing.length) { return; }
        if (single(tie)) {
          tie.passing.forEach(function (claim) { lines.push(claim.id); });
        } else {
          lines.push(tie.id);
        }
      });
      lines.forEach(function (id, index) {
        var smooth = curve(index, lines.length);
        var now = smooth.enabled + smooth.type + smooth.roundness, was = curves.get(id);
        if (was !== now) {
          curves.set(id, now);
          // A line never curved is straight already (the page's default): no update for it,
          // so that a large page's tens of thousands of lines are not all rewritten at start.
          if (was !== undefined || smooth.enabled) { changed.push({ id: id, smooth: smooth }); }
        }
      });
    });
    if (changed.length) { drawn.update(changed); }
  }
  function edgeShown(item) {
    if (item.isTie) {
      var tie = tieOfEdge.get(item.id);
      return tie.passing.length > 1 && !single(tie);
    }
    var own = ties.get(item.tie);
    return single(own) && own.shown.has(item.id);
  }
  function nodeShown(node) {
    if (filters.kinds && !filters.kinds.has(node.kind)) { return false; }
    return !degree.get(node.id) || (shownDegree.get(node.id) || 0) > 0;
  }
  drawn.add(data.edges);
  recompute();
  var nodeView = new vis.DataView(nodes, { filter: nodeShown });
  var edgeView = new vis.DataView(drawn, { filter: edgeShown });
  var network = new vis.Network(container, { nodes: nodeView, edges: edgeView }, data.options);

  function visible() {
    var claims = 0;
    edgeView.forEach(function (item) {
      claims += item.isTie ? tieOfEdge.get(item.id).passing.length : 1;
    });
    return { nodes: nodeView.length, edges: edgeView.length, claims: claims };
  }
  function apply() {
    recompute();
    edgeView.refresh();
    nodeView.refresh();
    fade();
    network.once("afterDrawing", declutter);
    state.onchange.forEach(function (listener) { listener(visible()); });
  }

  // -- labels: no two shown labels overlap ---------------------------------------------------
  // vis draws a label from a pixel under drawThreshold high on screen, faded in over that pixel
  // (the level of detail, style.yaml); of those, the labels of the most connected nodes are
  // kept and any label that would overlap a kept one is made transparent, until a zoom or a
  // filter asks again. The boxes are vis's own (labelModule.size, canvas units, set when it
  // last drew).
  var THRESHOLD = data.options.nodes.scaling.label.drawThreshold - 1;
  var quiet = new Set(); // nodes whose labels are hidden now
  function shownLabel(node, scale) {
    var size = node.labelModule.size;
    return node.options.label && size.width > 0 &&
           node.options.font.size * scale >= THRESHOLD;
  }
  // Above this many nodes the page does not declutter: making a few hundred labels
  // transparent took seconds on a 20,000-node page here (vis updates each node). There, at
  // fit zoom only the hubs are big enough to be named anyway.
  var DECLUTTER_MAX_NODES = 5000;
  function declutter() {
    if (nodes.length > DECLUTTER_MAX_NODES) { return; }
    // Only the labels on screen: a close zoom must not compare them all.
    var scale = network.getScale(), kept = [], hide = new Set(quiet);
    var corner = network.DOMtoCanvas({ x: 0, y: 0 });
    var far = network.DOMtoCanvas({ x: container.clientWidth, y: container.clientHeight });
    var order = nodeView.getIds().map(function (id) { return network.body.nodes[id]; })
      .filter(function (node) {
        if (!node || !shownLabel(node, scale)) { return false; }
        var s = node.labelModule.size;
        var onScreen = s.left < far.x && s.left + s.width > corner.x &&
                       s.top < far.y && s.top + s.height > corner.y;
        if (onScreen) { hide.delete(node.id); }
        return onScreen;
      })
      .sort(function (a, b) { return (b.options.value || 0) - (a.options.value || 0); });
    var pad = 2 / scale; // two pixels between labels
    order.forEach(function (node) {
      var s = node.labelModule.size;
      var box = { left: s.left - pad, right: s.left + s.width + pad,
                  top: s.top - pad, bottom: s.top + s.height + pad };
      var meets = kept.some(function (k) {
        return box.left < k.right && k.left < box.right && box.top < k.bottom && k.top < box.bottom;
      });
      if (meets) { hide.add(node.id); } else { kept.push(box); }
    });
    var changed = [];
    hide.forEach(function (id) { if (!quiet.has(id)) { changed.push({ id: id, font: HIDDEN }); } });
    quiet.forEach(function (id) { if (!hide.has(id)) { changed.push({ id: id, font: SHOWN }); } });
    quiet = hide;
    if (changed.length) { nodes.update(changed); }
  }
  var HIDDEN = { color: "rgba(0,0,0,0)", strokeColor: "rgba(0,0,0,0)" };
  var SHOWN = { color: data.options.nodes.font.color || "#343434",
                strokeColor: data.options.nodes.font.strokeColor };
  var settle = null;
  function again() {  // after a zoom or a drag, once the view has stopped moving
    clearTimeout(settle);
    settle = setTimeout(function () { network.once("afterDrawing", declutter); network.redraw(); }, 150);
  }
  network.on("zoom", again);
  network.on("dragEnd", again);

  // -- focus: a node's neighbourhood stays, the rest fades ------------------------------------
  var faded = false;
  function fade() {
    var keep = null;
    if (filters.focus !== null && nodes.get(filters.focus)) {
      keep = new Set([filters.focus]);
      edgeView.forEach(function (item) {
        if (item.from === filters.focus || item.to === filters.focus) {
          keep.add(item.from);
          keep.add(item.to);
        }
      });
    }
    if (!keep && !faded) { return; }
    faded = !!keep;
    nodes.update(nodes.map(function (n) {
      return { id: n.id, opacity: !keep || keep.has(n.id) ? 1 : 0.15 };
    }));
    drawn.update(drawn.map(function (e) {
      var near = !keep || (keep.has(e.from) && keep.has(e.to) &&
                           (e.from === filters.focus || e.to === filters.focus));
      var colour = typeof e.color === "object" ? e.color.color : e.color;
      // The colour for every state, or vis greys a selected or hovered line.
      return { id: e.id, color: { color: colour, highlight: colour, hover: colour,
                                  opacity: near ? 1 : 0.12 } };
    }));
  }

  var state = {
    network: network, nodes: nodes, edges: edges, drawn: drawn, ties: ties,
    nodeView: nodeView, edgeView: edgeView, filters: filters, expanded: expanded,
    visible: visible, apply: apply, passes: passes, onchange: [], data: data, words: words,
    setAggregate: function (on) { aggregate = on; expanded.clear(); apply(); },
    aggregated: function () { return aggregate; },
    tieOf: function (id) { return tieOfEdge.get(id) || null; },
    ready: false,
  };
  window.actorgraph = state;

  network.on("click", function (params) {
    if (params.nodes.length) {
      filters.focus = params.nodes[0];
      apply();
      return;
    }
    if (!params.edges.length) { return; }
    var item = drawn.get(params.edges[0]);
    if (!item || !aggregate) { return; }
    var tie = item.isTie ? tieOfEdge.get(item.id) : ties.get(item.tie);
    if (item.isTie) {
      expanded.add(tie.key);
    } else if (expanded.has(tie.key)) {
      expanded.delete(tie.key);
    } else {
      return;
    }
    apply();
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && filters.focus !== null) {
      filters.focus = null;
      apply();
    }
  });

  function markReady() {
    state.ready = true;
    document.body.setAttribute("data-ready", "true");
    var loading = document.getElementById("loading");
    if (loading) { loading.remove(); }
  }
  function labelled() {  // once drawn at the final zoom (vis has sized the labels): ready
    declutter();
    markReady();
  }
  // At fit zoom a network is drawn small, where labels of the usual size are not drawn: the
  // biggest labels grow so that the hubs are named (about style's hub_label_px pixels) and the
  // rest show as one zooms in. A layout made in Python came with this already.
  function nameHubs() {
    if (!data.style.hubs) { return; }  // all drawn alike: no hub (graph.views.html.has_hubs)
    var wanted = data.style.hub_label_px / network.getScale();
    if (wanted > data.options.nodes.scaling.label.max) {
      network.setOptions({ nodes: { scaling: { label: { max: wanted } } } });
    }
  }
  // A force layout comes out round and the canvas is wide: the drawing is stretched to the
  // canvas's shape (at most STRETCH times), as a layout made in Python is (graph.views.layout).
  var STRETCH = 2;
  function stretched(at) {
    var ids = Object.keys(at);
    if (ids.length < 3) { return at; }
    function spread(axis) {  // of the middle 90 %, so that a far outlier does not count
      var values = ids.map(function (id) { return at[id][axis]; }).sort(function (a, b) { return a - b; });
      return values[Math.floor(0.95 * (values.length - 1))] - values[Math.floor(0.05 * (values.length - 1))] || 1;
    }
    var want = container.clientWidth / Math.max(container.clientHeight, 1);
    var have = spread("x") / spread("y");
    var sx = Math.min(STRETCH, Math.max(1, want / have)), sy = Math.min(STRETCH, Math.max(1, have / want));
    var out = {};
    ids.forEach(function (id) { out[id] = { x: at[id].x * sx, y: at[id].y * sy }; });
    return out;
  }
  if (nodes.length === 0) {  // vis lays out nothing, and says nothing, for an empty network
    state.ready = true;
    document.body.setAttribute("data-ready", "true");
    var empty = document.getElementById("loading");
    if (empty) {
      empty.textContent = "Nothing to draw: no actor, place or event is in this view. " +
        "Its filters (in the page's title) left nothing; widen them.";
    }
  } else if (data.options.physics.enabled) {
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({ physics: false });
      var at = stretched(network.getPositions());
      Object.keys(at).forEach(function (id) { network.moveNode(id, at[id].x, at[id].y); });
      network.fit();
      nameHubs();
      // Keep where the browser laid each node out, so that a node a filter hides comes back
      // in place (a layout made in Python gave every node its x and y already). The update
      // also has vis size the labels anew, to nameHubs' scale, before they are decluttered.
      nodes.update(Object.keys(at).map(function (id) {
        return { id: id, x: at[id].x, y: at[id].y };
      }));
      network.once("afterDrawing", labelled);
      network.redraw();
    });
  } else {
    network.once("afterDrawing", labelled);
  }
  state.labelsHidden = function () { return quiet.size; };
})();
