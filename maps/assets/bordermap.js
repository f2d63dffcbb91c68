/* bordermap: the page of a map. Symbols, labels, popups, the story feed, the legend and the time filter.
 *
 * Everything that shows article text is built with DOM calls and textContent,
 * never from HTML strings, so article text (which is untrusted) is shown as
 * text and never runs: "<script>", "onerror=" and "${...}" all stay inert.
 * The only markup written as strings are the symbols below, made from
 * constants of this file.
 */
var bordermap = (function () {
  "use strict";

  /* Places are context: blues, purples and greys. Red, green and orange are kept for the state of a crossing. */
  var KIND_COLOURS = {
    country: "#6a51a3", region: "#807dba", district: "#9e9ac8", city: "#2171b5", town: "#6baed6",
    crossing: "#252525", landmark: "#636363", landform: "#8c6d31", island: "#6baed6",
    area: "#bcbddc", water: "#4292c6", facility: "#636363"
  };
  var STATUS_COLOURS = { open: "#1a9641", closed: "#d7191c", closed_one_side: "#fdae61" };
  var STATUS_LABELS = { open: "open", closed: "closed", closed_one_side: "closed on one side" };
  var UNKNOWN_STATUS = "#ffffff";
  var EVENT_LABELS = { crossing: "crossing", closure: "closure", movement: "movement", strike: "strike",
                       deployment: "deployment" };
  /* The symbol of a point event: its shape says what happened, its fill the state of the crossing. */
  var EVENT_SHAPES = { crossing: "diamond", closure: "bar", deployment: "triangle", strike: "star", movement: "circle" };
  var EVENT_FILLS = { deployment: "#3f007d", strike: "#e7298a", movement: "#252525" };

  var config = { title: "", actors: [], labels: [] };
  var actorColours = {};
  var drawn = { kinds: {}, crossings: {}, events: {}, actors: {}, strike: false, borders: false };
  var storyItems = [], placeItems = [], dated = [];

  function configure(options) {
    config = options;
    (options.actors || []).forEach(function (group) { actorColours[group.code || ""] = group.colour; });
  }

  function narrow() { return window.innerWidth < 700; }

  /* Controls and bidirectional overrides would reorder or hide what follows them ("\u202e" turns
   * "exe.txt" round): they are shown as their code, like "[U+202E]". */
  var UNSHOWABLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

  function visible(text) {
    return String(text).replace(UNSHOWABLE, function (c) {
      return "[U+" + ("0000" + c.charCodeAt(0).toString(16).toUpperCase()).slice(-4) + "]";
    });
  }

  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = visible(text); }
    if (className) { node.className = className; }
    return node;
  }

  /* -- symbols ------------------------------------------------------------------------------ */
  var SHAPE_PATHS = {
    diamond: "M9 1 L17 9 L9 17 L1 9 Z",
    bar: "M2 2 H16 V16 H2 Z M4 7.5 H14 V10.5 H4 Z",
    triangle: "M9 1.5 L17 16 H1 Z",
    star: "M9 1 L11.2 6.5 L17 6.8 L12.5 10.5 L14 16.5 L9 13.2 L4 16.5 L5.5 10.5 L1 6.8 L6.8 6.5 Z",
    circle: "M9 3 A6 6 0 1 1 8.99 3 Z",
    arrow: "M9 1 L16.5 16.5 L9 12.5 L1.5 16.5 Z"
  };

  /* An SVG symbol from a shape name and a colour (both from the tables above, never from the data). */
  function symbol(shape, fill, size) {
    var ns = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 18 18");
    svg.setAttribute("width", String(size || 18));
    svg.setAttribute("height", String(size || 18));
    svg.setAttribute("class", "bordermap-symbol");
    var path = document.createElementNS(ns, "path");
    path.setAttribute("d", SHAPE_PATHS[shape] || SHAPE_PATHS.circle);
    path.setAttribute("fill", fill);
    path.setAttribute("fill-rule", "evenodd");
    path.setAttribute("stroke", fill === "#3f007d" || fill === "#252525" ? "#ffffff" : "#111111");
    path.setAttribute("stroke-width", "1.4");
    svg.appendChild(path);
    return svg;
  }

  function statusFill(status) { return STATUS_COLOURS[status] || UNKNOWN_STATUS; }

  /* Shape and fill of an event feature of the crossings or events layer. */
  function eventSymbol(p, layerName) {
    if (layerName === "crossings") { return { shape: "diamond", fill: statusFill(p.status) }; }
    var shape = EVENT_SHAPES[p.event_type] || "circle";
    var fill = EVENT_FILLS[p.event_type] || statusFill(p.status);
    return { shape: shape, fill: fill };
  }

  function actorColour(code) { return actorColours[code || ""] || "#7f7f7f"; }

  /* -- styles of the vector layers ---------------------------------------------------------- */
  function place(feature) {
    var p = feature.properties, confidence = Number(p.confidence) || 0, mentions = Number(p.mentions) || 1;
    var base = { country: 5, region: 5, district: 4.5, city: 4.5, town: 4, crossing: 4 }[p.kind] || 4;
    return {
      radius: Math.min(base + 2 * Math.sqrt(mentions - 1), 14),
      color: "#222", weight: 1, fillColor: KIND_COLOURS[p.kind] || "#777",
      fillOpacity: 0.35 + 0.5 * Math.min(Math.max(confidence, 0), 1)
    };
  }

  function routeWeight(p) { return 3 + Math.min(Number(p.n_sources) || 1, 5); }

  function route(feature) {
    var p = feature.properties;
    return { color: actorColour(p.actor_country), weight: routeWeight(p), opacity: 0.95, lineCap: "round",
             dashArray: p.event_type === "strike" ? "10 7" : null };
  }

  function casing(feature) {
    return { color: "#ffffff", weight: routeWeight(feature.properties) + 4, opacity: 0.8, interactive: false,
             pane: "bordermap-casing" };
  }

  function border() { return { color: "#444", weight: 3, opacity: 0.8, dashArray: "2 6" }; }

  /* -- popups ------------------------------------------------------------------------------- */
  /* A sentence with spans of it highlighted ([[start, end], ...], offsets within the sentence). */
  function quote(text, spans) {
    var box = el("blockquote", null, "bordermap-evidence");
    text = String(text || "");
    var at = 0;
    (spans || []).slice().sort(function (a, b) { return a[0] - b[0]; }).forEach(function (span) {
      var start = Number(span[0]), end = Number(span[1]);
      if (!(isFinite(start) && isFinite(end) && start >= at && end <= text.length && start < end)) { return; }
      box.appendChild(document.createTextNode(visible(text.slice(at, start))));
      box.appendChild(el("mark", text.slice(start, end)));
      at = end;
    });
    box.appendChild(document.createTextNode(visible(text.slice(at))));
    return box;
  }

  function row(table, label, value) {
    if (value === undefined || value === null || value === "") { return; }
    var tr = document.createElement("tr");
    tr.appendChild(el("th", label));
    tr.appendChild(el("td", value));
    table.appendChild(tr);
  }

  function heading(p, layerName) {
    if (p.origin && p.target) { return p.origin + " \u2192 " + p.target; }
    return p.name || EVENT_LABELS[p.event_type] || layerName;
  }

  function modalityText(p) {
    if (p.modality === "claimed") { return "claimed" + (p.claimed_by ? " by " + p.claimed_by : ""); }
    return p.modality && p.modality !== "asserted" ? p.modality : null;
  }

  /* Up to this many sentences in a place's popup. */
  var MAX_QUOTES = 12;

  function popup(feature, layerName) {
    var p = feature.properties || {};
    var box = el("div", null, "bordermap-popup");
    box.appendChild(el("h4", heading(p, layerName)));
    var table = el("table");
    row(table, "event", EVENT_LABELS[p.event_type] || p.event_type);
    row(table, "status", STATUS_LABELS[p.status] || p.status);
    row(table, "actor", p.actor);
    row(table, "date", p.date);
    row(table, "reported", modalityText(p));
    row(table, "kind", p.event_type ? null : p.kind);
    row(table, "country", p.country_code);
    row(table, "border", p.sides);
    row(table, "named", p.mentions ? p.mentions + (p.mentions === 1 ? " time" : " times") +
        (p.texts && p.texts !== p.name ? ", as " + p.texts : "") : null);
    row(table, "to border", p.border_distance_km !== null && p.border_distance_km !== undefined ? p.border_distance_km + " km" : null);
    row(table, "length", p.length_km ? p.length_km + " km" : null);
    row(table, "reference", p.reference_km ? p.reference_km + " km" : null);
    row(table, "articles", p.n_sources > 1 ? p.n_sources : null);
    row(table, "confidence", p.confidence !== null && p.confidence !== undefined ? Number(p.confidence).toFixed(2) : null);
    box.appendChild(table);
    if (p.quotes) {
      p.quotes.slice(0, MAX_QUOTES).forEach(function (q) { box.appendChild(quote(q[0], q[1])); });
      if (p.quotes.length > MAX_QUOTES) { box.appendChild(el("p", "\u2026 and " + (p.quotes.length - MAX_QUOTES) + " more sentences")); }
    } else if (p.evidence) {
      var start = Number(p.start) - Number(p.evidence_start), end = Number(p.end) - Number(p.evidence_start);
      box.appendChild(quote(p.evidence, isFinite(start) && isFinite(end) ? [[start, end]] : []));
    }
    if (p.title || p.url || p.published) { box.appendChild(source(p)); }
    return box;
  }

  function source(p) {
    var box = el("p", null, "bordermap-source");
    var url = String(p.url || "");
    if (/^https?:\/\//i.test(url)) {
      var link = el("a", p.title || url);
      link.href = url;
      link.target = "_blank";
      link.rel = "noopener noreferrer";
      box.appendChild(link);
    } else if (p.title) {
      box.appendChild(el("span", p.title));
    }
    if (p.published) { box.appendChild(el("span", " (" + p.published + ")")); }
    return box;
  }

  var POPUP_OPTIONS = { maxWidth: 360, autoPanPadding: [24, 24] };

  /* -- features ----------------------------------------------------------------------------- */
  /* An arrowhead at the end of a route, pointing the way it goes (one per route keeps large maps fast). */
  function arrow(layer, colour) {
    var latlngs = layer.getLatLngs(), n = latlngs.length;
    var i = Math.max(1, n - 1), a = latlngs[Math.max(0, Math.round(0.9 * (n - 1)) - 1)], b = latlngs[i];
    var holder = el("div");
    holder.appendChild(symbol("arrow", colour, 16));
    var icon = L.divIcon({ className: "bordermap-arrow", html: holder, iconSize: [16, 16], iconAnchor: [8, 8] });
    var marker = L.marker(b, { icon: icon, interactive: false, keyboard: false });
    marker.on("add", function () {
      var map = marker._map, pa = map.latLngToLayerPoint(a), pb = map.latLngToLayerPoint(b);
      var angle = Math.atan2(pb.x - pa.x, pa.y - pb.y) * 180 / Math.PI;
      holder.style.transform = "rotate(" + angle.toFixed(1) + "deg)";
    });
    return marker;
  }

  /* Point events at one spot are fanned out side by side, so each can be clicked. */
  var spots = {};

  function eventMarker(feature, latlng, layerName) {
    var p = feature.properties, look = eventSymbol(p, layerName);
    var key = latlng.lat.toFixed(4) + "," + latlng.lng.toFixed(4), k = spots[key] = (spots[key] || 0) + 1;
    var shift = (k - 1) * 20;
    var holder = el("div");
    holder.appendChild(symbol(look.shape, look.fill, 20));
    var icon = L.divIcon({ className: "bordermap-event bordermap-" + layerName, html: holder, iconSize: [20, 20],
                           iconAnchor: [10 - shift, 10], popupAnchor: [shift, -8] });
    return L.marker(latlng, { icon: icon, zIndexOffset: layerName === "crossings" ? 1000 : 500, riseOnHover: true,
                              title: heading(p, layerName), alt: heading(p, layerName) });
  }

  function featureDate(p) { return String(p.date || p.published || ""); }

  /* Put back the strings the page carries once per layer (see maps/render.py). */
  function expand(data) {
    var strings = data.strings || [], keys = data.interned || [];
    (data.features || []).forEach(function (feature) {
      var p = feature.properties || {};
      keys.forEach(function (key) { if (typeof p[key] === "number") { p[key] = strings[p[key]]; } });
      if (p.quotes) { p.quotes.forEach(function (q) { if (typeof q[0] === "number") { q[0] = strings[q[0]]; } }); }
    });
    return data;
  }

  function note(feature, layerName) {
    var p = feature.properties;
    if (layerName === "places") { drawn.kinds[p.kind] = true; }
    if (layerName === "crossings") { drawn.crossings[p.status || ""] = true; }
    if (layerName === "events") { drawn.events[p.event_type + "|" + (EVENT_FILLS[p.event_type] ? "" : p.status || "")] = true; }
    if (layerName === "routes") { drawn.actors[p.actor_country || ""] = true; drawn.strike = drawn.strike || p.event_type === "strike"; }
    if (layerName === "borders") { drawn.borders = true; }
  }

  function addLayer(group, data, layerName, styleName, options) {
    data = expand(data);
    var styles = { places: place, routes: route, borders: border };
    var cluster = options && options.cluster && L.markerClusterGroup ? L.markerClusterGroup({ chunkedLoading: true }) : null;
    var point = styleName === "crossings" || styleName === "events";
    var casings = [], arrows = [];
    var geo = L.geoJSON(data, {
      pointToLayer: function (feature, latlng) {
        return point ? eventMarker(feature, latlng, styleName) : L.circleMarker(latlng, place(feature));
      },
      style: styles[styleName] || place,
      onEachFeature: function (feature, layer) {
        note(feature, styleName);
        layer.bindPopup(function () { return popup(feature, layerName); }, POPUP_OPTIONS);
        var extras = [];
        if (styleName === "routes" && layer.getLatLngs) {
          extras = [L.polyline(layer.getLatLngs(), casing(feature)), arrow(layer, route(feature).color)];
          casings.push(extras[0]);
          arrows.push(extras[1]);
        }
        var item = { feature: feature, layer: layer, group: group, cluster: cluster, layerName: layerName,
                     date: featureDate(feature.properties), extras: extras };
        if (feature.properties.event_type) { storyItems.push(item); }
        if (styleName === "places") { placeItems.push(item); }
        if (item.date) { dated.push(item); }
      }
    });
    (data.features || []).forEach(function (feature) {  // an event the text does not place is still told
      if (!feature.geometry && feature.properties && feature.properties.event_type) {
        var item = { feature: feature, layer: null, group: group, layerName: layerName, extras: [],
                     date: featureDate(feature.properties) };
        storyItems.push(item);
        if (item.date) { dated.push(item); }
      }
    });
    casings.forEach(function (line) { line.addTo(group); });  // a white edge on any basemap, in a pane beneath
    if (cluster) {
      cluster.addLayers(geo.getLayers());
      cluster.addTo(group);
    } else {
      geo.addTo(group);
    }
    arrows.forEach(function (marker) { marker.addTo(group); });
    geo.eachLayer(function (layer) { layer.bordermapParent = cluster || geo; });
    return geo;
  }

  /* -- labels ------------------------------------------------------------------------------- */
  /* Names written on the map, highest rank first; at each zoom, a label that would cover another is hidden. */
  function addLabels(map, labels) {
    var markers = labels.map(function (label) {
      var span = el("span", label.text);
      var icon = L.divIcon({ className: "bordermap-label bordermap-label-" + label.style, html: span, iconSize: null });
      return L.marker([label.lat, label.lon], { icon: icon, pane: "bordermap-labels", interactive: false, keyboard: false })
        .addTo(map);
    });
    function overlaps(a, b) { return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom; }
    /* Where the label will be drawn at the map's current view, from the map's projection and the label's layout
       size: during a zoom animation the markers' CSS transforms are still moving, so the rectangles the browser
       measures at "zoomend" can be those of the old zoom (seen on a phone-sized map: all labels but one hidden). */
    function boxOf(marker, span) {
      var at = map.latLngToContainerPoint(marker.getLatLng());
      var left = at.x + span.offsetLeft, top = at.y + span.offsetTop;
      return { left: left, right: left + span.offsetWidth, top: top, bottom: top + span.offsetHeight };
    }
    function thin() {
      var placed = [];
      markers.forEach(function (marker) {
        var node = marker.getElement();
        if (!node) { return; }
        var box = boxOf(marker, node.firstChild);
        var free = box.right > box.left && !placed.some(function (other) { return overlaps(box, other); });
        node.style.visibility = free ? "visible" : "hidden";
        if (free) { placed.push({ left: box.left - 3, right: box.right + 3, top: box.top - 2, bottom: box.bottom + 2 }); }
      });
    }
    map.on("zoomend moveend resize", thin);
    thin();
  }

  /* -- the page's panes and basemap --------------------------------------------------------- */
  /* Before any layer: the panes (basemap beneath the tiles, route casings beneath the routes, labels above the
   * vector layers) and the Natural Earth countries, so that with no network the countries and borders still show. */
  function start(map, basemapData) {
    [["bordermap-basemap", 150], ["bordermap-casing", 390], ["bordermap-labels", 650]].forEach(function (pane) {
      var node = map.createPane(pane[0]);
      node.style.zIndex = pane[1];
      node.style.pointerEvents = "none";
    });
    L.geoJSON(basemapData, {
      pane: "bordermap-basemap", interactive: false,
      style: function () { return { color: "#9a9a9a", weight: 0.8, fillColor: "#f2efe9", fillOpacity: 1 }; }
    }).addTo(map);
    map.getContainer().classList.add("bordermap-with-basemap");
  }

  /* -- the story feed ----------------------------------------------------------------------- */
  function itemSortKey(item) {
    var p = item.feature.properties;
    var day = p.date ? (String(p.date) + "-01-01").slice(0, 10) : "9999";
    return [day, String(p.article_id || ""), Number(p.evidence_start) || 0];
  }

  function compareItems(a, b) {
    var ka = itemSortKey(a), kb = itemSortKey(b);
    for (var i = 0; i < ka.length; i++) { if (ka[i] < kb[i]) { return -1; } if (ka[i] > kb[i]) { return 1; } }
    return 0;
  }

  function itemSymbol(item) {
    var p = item.feature.properties;
    if (item.layerName === "Routes") { return symbol("arrow", actorColour(p.actor_country), 16); }
    var look = eventSymbol(p, item.layerName === "Crossings" ? "crossings" : "events");
    return symbol(look.shape, look.fill, 16);
  }

  /* Show a feature: its layer on, the view on it, its popup open. */
  function focus(map, item) {
    if (!item.layer) { return; }
    if (!map.hasLayer(item.group)) { map.addLayer(item.group); }
    var layer = item.layer;
    if (item.cluster) {
      item.cluster.zoomToShowLayer(layer, function () { layer.openPopup(); });
      return;
    }
    if (layer.getBounds) {
      map.fitBounds(layer.getBounds(), { padding: [60, 60], maxZoom: 9, animate: false });
    } else {
      map.setView(layer.getLatLng(), Math.max(map.getZoom(), 8), { animate: false });
    }
    layer.openPopup();
  }

  var MAX_FEED = 2000;

  function feedEntry(map, item) {
    var p = item.feature.properties;
    var li = el("li", null, "bordermap-item");
    li.tabIndex = 0;
    li.setAttribute("role", "button");
    var head = el("div", null, "bordermap-item-head");
    head.appendChild(itemSymbol(item));
    head.appendChild(el("span", p.date || "undated", "bordermap-when"));
    var what = EVENT_LABELS[p.event_type] || p.event_type;
    if (p.status) { what += ": " + (STATUS_LABELS[p.status] || p.status); }
    head.appendChild(el("strong", what));
    li.appendChild(head);
    li.appendChild(el("div", heading(p, item.layerName) + (item.layer ? "" : " (not placed on the map)"), "bordermap-where"));
    var who = [p.actor, modalityText(p)].filter(Boolean).join(" \u00b7 ");
    if (who) { li.appendChild(el("div", who, "bordermap-who")); }
    li.appendChild(el("q", p.evidence || "", "bordermap-quote"));
    function open() { focus(map, item); }
    li.addEventListener("click", open);
    li.addEventListener("keydown", function (e) { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); open(); } });
    item.entry = li;
    if (!item.layer) { return li; }
    item.layer.on("popupopen", function () {
      Array.prototype.forEach.call(document.querySelectorAll(".bordermap-item.active"), function (n) { n.classList.remove("active"); });
      li.classList.add("active");
      if (li.scrollIntoView) { li.scrollIntoView({ block: "nearest" }); }
    });
    return li;
  }

  function placeEntry(map, item) {
    var p = item.feature.properties;
    var li = el("li", null, "bordermap-item bordermap-place-item");
    li.tabIndex = 0;
    li.setAttribute("role", "button");
    li.appendChild(el("strong", p.name));
    li.appendChild(el("span", " " + (p.kind || "") + " \u00b7 named " + (p.mentions || 1) + "\u00d7", "bordermap-who"));
    li.addEventListener("click", function () { focus(map, item); });
    return li;
  }

  function story(map) {
    var aside = el("aside", null, "bordermap-story");
    aside.setAttribute("aria-label", "Story");
    var header = el("header");
    header.appendChild(el("h1", config.title || "bordermap"));
    var counts = {};
    storyItems.forEach(function (item) { var t = item.feature.properties.event_type; counts[t] = (counts[t] || 0) + 1; });
    var summary = Object.keys(counts).sort().map(function (t) { return counts[t] + " " + (EVENT_LABELS[t] || t); });
    header.appendChild(el("p", summary.length ? summary.join(" \u00b7 ") : "No border events found.", "bordermap-summary"));
    aside.appendChild(header);
    aside.appendChild(legend());
    aside.appendChild(timeFilter());
    var items = storyItems.slice().sort(compareItems);
    if (items.length) {
      aside.appendChild(el("h2", "Events, oldest first"));
      var feed = el("ol", null, "bordermap-feed");
      items.slice(0, MAX_FEED).forEach(function (item) { feed.appendChild(feedEntry(map, item)); });
      aside.appendChild(feed);
      if (items.length > MAX_FEED) { aside.appendChild(el("p", "The first " + MAX_FEED + " events are listed; filter by date for the others.")); }
    }
    var places = placeItems.slice().sort(function (a, b) {
      return (Number(b.feature.properties.mentions) || 0) - (Number(a.feature.properties.mentions) || 0);
    }).slice(0, 10);
    if (places.length) {
      aside.appendChild(el("h2", "Most named places"));
      var list = el("ol", null, "bordermap-feed bordermap-places");
      places.forEach(function (item) { list.appendChild(placeEntry(map, item)); });
      aside.appendChild(list);
    }
    var container = map.getContainer(), page = el("div", null, "bordermap-page");
    container.parentNode.insertBefore(page, container);
    page.appendChild(aside);
    page.appendChild(container);
    L.DomEvent.disableScrollPropagation(aside);
    map.invalidateSize();
  }

  /* -- the time filter ---------------------------------------------------------------------- */
  function dayOf(date, end) {
    if (date.length === 4) { return date + (end ? "-12-31" : "-01-01"); }
    if (date.length === 7) { return date + (end ? "-28" : "-01"); }
    return date;
  }

  /* Keep only the features (and feed entries) dated within [from, to]; undated ones always show. */
  function filterDates(from, to) {
    dated.forEach(function (d) {
      var keep = (!from || dayOf(d.date, true) >= from) && (!to || dayOf(d.date, false) <= to);
      if (d.entry) { d.entry.hidden = !keep; }
      if (!d.layer) { return; }
      var parent = d.layer.bordermapParent;
      if (keep && !parent.hasLayer(d.layer)) { parent.addLayer(d.layer); d.extras.forEach(function (m) { d.group.addLayer(m); }); }
      if (!keep && parent.hasLayer(d.layer)) { parent.removeLayer(d.layer); d.extras.forEach(function (m) { d.group.removeLayer(m); }); }
    });
  }

  /* Two sliders over the distinct dates of the map (shown when there are two or more). */
  function timeFilter() {
    var box = el("div", null, "bordermap-dates");
    var days = Object.keys(dated.reduce(function (seen, d) { seen[dayOf(d.date, false)] = true; return seen; }, {})).sort();
    if (days.length < 2) { return box; }
    var from = el("input"), to = el("input"), shown = el("div", null, "bordermap-range");
    [from, to].forEach(function (input) { input.type = "range"; input.min = 0; input.max = days.length - 1; input.step = 1; });
    from.value = 0;
    to.value = days.length - 1;
    from.setAttribute("aria-label", "from date");
    to.setAttribute("aria-label", "to date");
    function update() {
      var a = Math.min(Number(from.value), Number(to.value)), b = Math.max(Number(from.value), Number(to.value));
      shown.textContent = "Dated " + days[a] + " \u2013 " + days[b];
      filterDates(days[a], days[b]);
    }
    [from, to].forEach(function (input) { input.addEventListener("input", update); });
    box.appendChild(shown);
    box.appendChild(from);
    box.appendChild(to);
    shown.textContent = "Dated " + days[0] + " \u2013 " + days[days.length - 1];
    return box;
  }

  /* -- the legend --------------------------------------------------------------------------- */
  function legendRow(parent, swatch, label) {
    var line = el("div", null, "bordermap-legend-row");
    line.appendChild(swatch);
    line.appendChild(el("span", label));
    parent.appendChild(line);
  }

  function lineSwatch(colour, dashed) {  // a route's colour, or the dash of strikes and borders
    var swatch = el("i", null, "bordermap-line" + (dashed ? " dashed" : ""));
    swatch.style.borderTopColor = colour;
    return swatch;
  }

  function dot(colour) {
    var swatch = el("i", null, "bordermap-dot");
    swatch.style.background = colour;
    return swatch;
  }

  /* Only what the map draws: a section of the story panel, so it never covers the map. */
  function legend() {
    var details = el("details", null, "bordermap-legend");
    details.open = !narrow();
    details.appendChild(el("summary", "Legend"));
    Object.keys(drawn.crossings).sort().forEach(function (status) {
      legendRow(details, symbol("diamond", statusFill(status), 14), "crossing" + (status ? ": " + STATUS_LABELS[status] : ""));
    });
    Object.keys(drawn.events).sort().forEach(function (key) {
      var parts = key.split("|"), type = parts[0], status = parts[1];
      var look = eventSymbol({ event_type: type, status: status }, "events");
      legendRow(details, symbol(look.shape, look.fill, 14), (EVENT_LABELS[type] || type) + (status ? ": " + STATUS_LABELS[status] : ""));
    });
    (config.actors || []).forEach(function (group) {
      if (drawn.actors[group.code || ""]) { legendRow(details, lineSwatch(group.colour), "route: " + group.name); }
    });
    if (drawn.strike) { legendRow(details, lineSwatch("#555", true), "dashed: a strike"); }
    Object.keys(KIND_COLOURS).forEach(function (kind) { if (drawn.kinds[kind]) { legendRow(details, dot(KIND_COLOURS[kind]), kind); } });
    if (drawn.borders) { legendRow(details, lineSwatch("#444", true), "border named in the text"); }
    return details;
  }

  /* A promise that resolves once the map is still: its zoom animation (the fit's, say) ended and the labels
     thinned for the view, two frames later. For whoever photographs or tests the page. */
  function settled(map) {
    return new Promise(function (done) {
      function frames() { window.requestAnimationFrame(function () { window.requestAnimationFrame(done); }); }
      if (map._animatingZoom) { map.once("zoomend", frames); } else { frames(); }
    });
  }

  /* After every layer is added: labels, the legend, the story panel. */
  function finish(map, attribution) {
    map.attributionControl.addAttribution(attribution);
    addLabels(map, config.labels || []);
    story(map);
  }

  return { configure: configure, start: start, addLayer: addLayer, finish: finish, popup: popup,
           filterDates: filterDates, narrow: narrow, settled: settled, KIND_COLOURS: KIND_COLOURS, STATUS_COLOURS: STATUS_COLOURS };
})();
