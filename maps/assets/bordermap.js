/* bordermap: styles and popups for the map's layers.
 *
 * Popups are built with DOM calls and textContent, never from HTML strings,
 * so article text (which is untrusted) is shown as text and never runs:
 * "<script>", "onerror=" and "${...}" all stay inert.
 */
var bordermap = (function () {
  "use strict";

  var KIND_COLOURS = {
    country: "#6a3d9a", region: "#1f78b4", district: "#a6cee3", city: "#e31a1c", town: "#ff7f00",
    crossing: "#000000", landmark: "#33a02c", landform: "#b15928", island: "#a6cee3",
    area: "#cab2d6", water: "#1f78b4", facility: "#33a02c"
  };
  var STATUS_COLOURS = { closed: "#d7191c", closed_one_side: "#fdae61", open: "#1a9641" };
  var ACTOR_PALETTE = ["#d7191c", "#2c7bb6", "#7b3294", "#008837", "#e66101", "#5e3c99", "#a6611a", "#0571b0"];

  function actorColour(actor) {
    var text = String(actor || ""), hash = 0;
    for (var i = 0; i < text.length; i++) { hash = (hash * 31 + text.charCodeAt(i)) | 0; }
    return ACTOR_PALETTE[Math.abs(hash) % ACTOR_PALETTE.length];
  }

  function place(feature) {
    var p = feature.properties, confidence = Number(p.confidence) || 0;
    return {
      radius: { country: 9, region: 8, district: 7, city: 6, town: 5, crossing: 7 }[p.kind] || 5,
      color: "#222", weight: 1, fillColor: KIND_COLOURS[p.kind] || "#777",
      fillOpacity: 0.35 + 0.6 * Math.min(Math.max(confidence, 0), 1)
    };
  }

  function crossing(feature) {
    var p = feature.properties;
    return { radius: 9, color: "#000", weight: 2, fillColor: STATUS_COLOURS[p.status] || "#ffffff", fillOpacity: 0.95 };
  }

  function route(feature) {
    return { color: actorColour(feature.properties.actor), weight: 4, opacity: 0.85,
             dashArray: feature.properties.event_type === "strike" ? "8 6" : null };
  }

  function border() { return { color: "#444", weight: 3, opacity: 0.8, dashArray: "2 6" }; }

  function eventPoint() { return { radius: 6, color: "#7b3294", weight: 2, fillColor: "#c2a5cf", fillOpacity: 0.9 }; }

  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    if (className) { node.className = className; }
    return node;
  }

  /* The evidence sentence with the mention highlighted, from offsets. */
  function evidence(p) {
    var box = el("blockquote", null, "bordermap-evidence");
    var text = String(p.evidence || "");
    var start = Number(p.start) - Number(p.evidence_start), end = Number(p.end) - Number(p.evidence_start);
    if (isFinite(start) && isFinite(end) && start >= 0 && end <= text.length && start < end) {
      box.appendChild(document.createTextNode(text.slice(0, start)));
      box.appendChild(el("mark", text.slice(start, end)));
      box.appendChild(document.createTextNode(text.slice(end)));
    } else {
      box.textContent = text;
    }
    return box;
  }

  function row(table, label, value) {
    if (value === undefined || value === null || value === "") { return; }
    var tr = document.createElement("tr");
    tr.appendChild(el("th", label));
    tr.appendChild(el("td", value));
    table.appendChild(tr);
  }

  function popup(feature, layerName) {
    var p = feature.properties || {};
    var box = el("div", null, "bordermap-popup");
    var heading = p.name || (p.origin && p.target ? p.origin + " \u2192 " + p.target : p.event_type) || layerName;
    box.appendChild(el("h4", heading));
    var table = el("table");
    row(table, "layer", layerName);
    row(table, "event", p.event_type);
    row(table, "kind", p.kind);
    row(table, "mention", p.mention && p.mention !== "toponym" ? p.mention + (p.text ? ": " + p.text : "") : null);
    row(table, "status", p.status);
    row(table, "actor", p.actor);
    row(table, "date", p.date);
    row(table, "country", p.country_code);
    row(table, "sides", p.sides);
    row(table, "to border", p.border_distance_km !== null && p.border_distance_km !== undefined ? p.border_distance_km + " km" : null);
    row(table, "length", p.length_km ? p.length_km + " km" : null);
    row(table, "reference", p.reference_km ? p.reference_km + " km" : null);
    row(table, "confidence", p.confidence !== null && p.confidence !== undefined ? Number(p.confidence).toFixed(2) : null);
    box.appendChild(table);
    if (p.evidence) { box.appendChild(evidence(p)); }
    if (p.title || p.url || p.published) {
      var source = el("p", null, "bordermap-source");
      var url = String(p.url || "");
      if (/^https?:\/\//i.test(url)) {
        var link = el("a", p.title || url);
        link.href = url;
        link.target = "_blank";
        link.rel = "noopener noreferrer";
        source.appendChild(link);
      } else if (p.title) {
        source.appendChild(el("span", p.title));
      }
      if (p.published) { source.appendChild(el("span", " (" + p.published + ")")); }
      box.appendChild(source);
    }
    return box;
  }

  /* An arrowhead near the end of a route, pointing the way it goes (one per route keeps large maps fast). */
  function arrows(layer, colour) {
    var latlngs = layer.getLatLngs(), n = latlngs.length;
    var i = Math.max(1, Math.min(n - 1, Math.round(0.92 * (n - 1))));
    var a = latlngs[i - 1], b = latlngs[i];
    var angle = Math.atan2(b.lng - a.lng, b.lat - a.lat) * 180 / Math.PI;
    var icon = L.divIcon({
      className: "bordermap-arrow",
      html: "<div style=\"transform: rotate(" + angle.toFixed(1) + "deg); color: " + colour + "\">\u25B2</div>",
      iconSize: [16, 16], iconAnchor: [8, 8]
    });
    return [L.marker(b, { icon: icon, interactive: false, keyboard: false })];
  }

  /* Every feature layer with the date it carries, for the date filter. */
  var dated = [];

  function featureDate(p) { return String(p.date || p.published || ""); }

  /* Put back the strings the page carries once per layer (see maps/render.py). */
  function expand(data) {
    var strings = data.strings || [], keys = data.interned || [];
    (data.features || []).forEach(function (feature) {
      var p = feature.properties || {};
      keys.forEach(function (key) { if (typeof p[key] === "number") { p[key] = strings[p[key]]; } });
    });
    return data;
  }

  function addLayer(group, data, layerName, styleName, options) {
    data = expand(data);
    var styles = { places: place, crossings: crossing, routes: route, borders: border, events: eventPoint, claims: border };
    var style = styles[styleName] || place;
    var cluster = options && options.cluster && L.markerClusterGroup ? L.markerClusterGroup({ chunkedLoading: true }) : null;
    var holder = cluster || group;
    var geo = L.geoJSON(data, {
      pointToLayer: function (feature, latlng) { return L.circleMarker(latlng, style(feature)); },
      style: style,
      onEachFeature: function (feature, layer) {
        layer.bindPopup(function () { return popup(feature, layerName); }, { maxWidth: 360 });
        var extras = styleName === "routes" && layer.getLatLngs ? arrows(layer, route(feature).color) : [];
        extras.forEach(function (m) { m.addTo(group); });
        if (featureDate(feature.properties)) {
          dated.push({ holder: cluster || null, parent: null, layer: layer, extras: extras, group: group,
                       date: featureDate(feature.properties) });
        }
      }
    });
    if (cluster) {
      cluster.addLayers(geo.getLayers());
      cluster.addTo(group);
    } else {
      geo.addTo(group);
    }
    dated.forEach(function (d) { if (d.parent === null) { d.parent = cluster || geo; } });
    return geo;
  }

  /* Keep only the features dated within [from, to] (ISO strings compare as dates). */
  function filterDates(from, to) {
    dated.forEach(function (d) {
      var day = d.date.length === 4 ? d.date + "-12-31" : d.date.length === 7 ? d.date + "-28" : d.date;
      var start = d.date.length === 4 ? d.date + "-01-01" : d.date.length === 7 ? d.date + "-01" : d.date;
      var keep = (!from || day >= from) && (!to || start <= to);
      if (keep && !d.parent.hasLayer(d.layer)) { d.parent.addLayer(d.layer); d.extras.forEach(function (m) { d.group.addLayer(m); }); }
      if (!keep && d.parent.hasLayer(d.layer)) { d.parent.removeLayer(d.layer); d.extras.forEach(function (m) { d.group.removeLayer(m); }); }
    });
  }

  /* A control with two date inputs, shown when any feature carries a date. */
  function dateFilter(map) {
    if (!dated.length) { return; }
    var days = dated.map(function (d) { return d.date.length === 10 ? d.date : d.date.length === 7 ? d.date + "-01" : d.date + "-01-01"; }).sort();
    var control = L.control({ position: "topright" });
    control.onAdd = function () {
      var div = L.DomUtil.create("div", "bordermap-legend bordermap-dates");
      div.appendChild(el("div", "Events and articles dated"));
      var from = el("input"), to = el("input");
      from.type = to.type = "date";
      from.value = days[0];
      to.value = days[days.length - 1];
      from.setAttribute("aria-label", "from");
      to.setAttribute("aria-label", "to");
      div.appendChild(from);
      div.appendChild(document.createTextNode(" \u2013 "));
      div.appendChild(to);
      [from, to].forEach(function (input) { input.addEventListener("change", function () { filterDates(from.value, to.value); }); });
      L.DomEvent.disableClickPropagation(div);
      return div;
    };
    control.addTo(map);
  }

  return { addLayer: addLayer, popup: popup, actorColour: actorColour, filterDates: filterDates,
           dateFilter: dateFilter, KIND_COLOURS: KIND_COLOURS, STATUS_COLOURS: STATUS_COLOURS };
})();
