// The situation map: country outlines (vendored world-atlas), each place's control state
// on the "as of" day from /api/picture, events of the week before from /api/events/points.
// Text from the store only ever goes in through textContent, never as HTML.
(function () {
  "use strict";
  var COLOURS = { confirmed: "#1f6feb", claimed: "#d29922", contested: "#cf222e" };

  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = text;
    if (cls) node.className = cls;
    return node;
  }
  function link(href, text) {
    var a = el("a", text);
    a.href = href;
    return a;
  }
  function sentenceHref(s) {
    return "/report/" + encodeURIComponent(s.doc_id) + "#s" + s.sentence;
  }
  function placeHref(key) {
    return "/place/" + encodeURIComponent(key);
  }
  function shiftDay(day, by) {
    var d = new Date(day + "T00:00:00Z");
    d.setUTCDate(d.getUTCDate() + by);
    return d.toISOString().slice(0, 10);
  }
  function daysBetween(first, last) {
    var days = [], day = first;
    while (day <= last && days.length < 5000) { days.push(day); day = shiftDay(day, 1); }
    return days;
  }

  // How old the knowledge of a place is on the day shown (the server's age_days).
  function ageText(place) {
    if (!place.last_reported) return "";
    if (!place.age_days) return "last reported " + place.last_reported + ", the day of this view";
    return "last reported " + place.last_reported + ", " + place.age_days +
      (place.age_days === 1 ? " day" : " days") + " before this view" + (place.stale ? " (stale)" : "");
  }

  function popup(place) {
    var box = el("div", null, "popup");
    var h = el("h3");
    h.appendChild(link(placeHref(place.place_key), place.place));
    h.appendChild(el("span", " " + place.state, "badge st-" + place.state));
    box.appendChild(h);
    box.appendChild(el("small", ageText(place), place.stale ? "age stale" : "age"));
    var ul = el("ul");
    place.holders.concat(place.parts).forEach(function (p) {
      ul.appendChild(el("li", (p.part ? p.part + ": " : "") + p.holder + " " + p.status +
        " since " + p.since + " (" + p.backing + ")"));
    });
    box.appendChild(ul);
    if (place.claims.length) {
      box.appendChild(el("h4", "Claims"));
      var claims = el("ul", null, "claims");
      place.claims.forEach(function (c) {
        var li = el("li", null, "claim");
        li.appendChild(el("b", c.speaker || "the reporter"));
        var who = [c.role, c.affiliation].filter(Boolean).join(", ");
        if (who) li.appendChild(el("small", " (" + who + ")"));
        li.appendChild(document.createTextNode(": " + c.holder + " " + c.status +
          (c.part ? " " + c.part : "") + (c.stance === "deny" ? " (denied)" : "") + " "));
        li.appendChild(link(sentenceHref(c), "the sentence"));
        claims.appendChild(li);
      });
      box.appendChild(claims);
    }
    return box;
  }

  // An ACLED point's popup: what, how many, where, and its latest event's notes and source.
  function referencePopup(p, answer) {
    var box = el("div", null, "acled-popup");
    box.appendChild(el("b", "ACLED: " + p.sub_event_type + " × " + p.n));
    box.appendChild(el("div", [p.location, p.admin1, p.country].filter(Boolean).join(", ")));
    box.appendChild(el("small", answer.since + " – " + answer.until + ", last " + p.last +
      (p.event_type ? " · " + p.event_type : "")));
    var latest = p.latest;
    if (latest.notes) box.appendChild(el("p", (p.n > 1 ? "Latest: " : "") + latest.notes, "notes"));
    box.appendChild(el("small", "source: " + (latest.source || "not given") + " · " +
      latest.event_id_cnty + (latest.fatalities ? " · " + latest.fatalities + " killed" : "")));
    return box;
  }

  function listItem(place) {
    var li = el("li");
    li.setAttribute("data-place", place.place);
    li.setAttribute("data-state", place.state);
    li.appendChild(link(placeHref(place.place_key), place.place));
    li.appendChild(el("span", " " + place.state, "badge st-" + place.state));
    var held = place.holders.map(function (h) { return h.holder + " " + h.status; });
    var parts = place.parts.map(function (h) { return h.part + ": " + h.holder; });
    li.appendChild(el("small", " " + held.concat(parts).join("; ")));
    li.appendChild(el("small", " · " + ageText(place), place.stale ? "age stale" : "age"));
    if (place.stale) li.setAttribute("data-stale", "true");
    return li;
  }

  function start(node) {
    var map = L.map(node, { worldCopyJump: true, minZoom: 2 }).setView([30, 40], 3);
    map.attributionControl.addAttribution("Outlines: Natural Earth via world-atlas");
    var places = L.layerGroup().addTo(map);
    var events = L.layerGroup().addTo(map);
    // The ACLED reference layer, apart from our own: its squares in a pane of their own, above
    // the outlines and under sitroom's points, which stay on top and can still be clicked.
    map.createPane("outlines");
    map.createPane("acled");
    var acled = L.layerGroup().addTo(map);
    var referenceBox = document.getElementById("reference");
    var list = document.getElementById("map-places");
    var country = node.dataset.country;
    var fitted = false;

    var status = document.getElementById("map-status");
    // The page says a day is shown only once the country outlines are drawn too.
    var outlines = fetch("/static/vendor/world-atlas/countries-50m.json")
      .then(function (r) { return r.json(); })
      .then(function (topo) {
        var land = topojson.feature(topo, topo.objects.countries);
        L.geoJSON(land, { style: { color: "#8c959f", weight: 0.6, fillColor: "#eef1f4", fillOpacity: 1 },
                          interactive: false, pane: "outlines" }).addTo(map).bringToBack();
        node.dataset.outlines = "drawn";
      });

    function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }

    function draw(day) {
      var then = document.getElementById("asof-then");
      var query = "day=" + encodeURIComponent(day) + (country ? "&country=" + encodeURIComponent(country) : "") +
        (then && then.checked ? "&known=then" : "");
      node.dataset.shown = "";
      var since = shiftDay(day, -6);
      var ev = fetch("/api/events/points?since=" + since + "&until=" + day +
                     (country ? "&country=" + encodeURIComponent(country) : ""))
        .then(function (r) { return r.json(); });
      fetch("/api/picture?" + query).then(function (r) { return r.json(); }).then(function (data) {
        places.clearLayers();
        if (list) list.textContent = "";
        var bounds = [];
        data.places.forEach(function (p) {
          if (p.lat === null || p.lon === null) return;
          // a stale place (no report for a month before the day shown) is drawn apart: dashed, faded
          var marker = L.circleMarker([p.lat, p.lon], {
            radius: 10, weight: 2, color: p.stale ? "#57606a" : "#24292f", dashArray: p.stale ? "3 3" : null,
            fillColor: COLOURS[p.state] || "#57606a", fillOpacity: p.stale ? 0.3 : 0.9,
            className: p.stale ? "place-dot stale" : "place-dot"
          });
          marker.bindPopup(popup(p), { maxWidth: 360 });
          marker.addTo(places);
          // The name beside the dot, a marker of its own (clicking it opens the dot's popup).
          var label = L.marker([p.lat, p.lon], {
            icon: L.divIcon({ className: "place-label", html: el("span", p.place), iconSize: null, iconAnchor: [-14, 10] }),
            title: p.place + ": " + p.state, keyboard: false
          });
          label.on("click", function () { marker.openPopup(); });
          label.addTo(places);
          bounds.push([p.lat, p.lon]);
          if (list) list.appendChild(listItem(p));
        });
        if (list && !data.places.length) list.appendChild(el("li", "No place has a known holder on " + day + "."));
        return ev.then(function (points) { return [data.places.length, bounds, points]; });
      }).then(function (drawn) {
        var held = drawn[0], bounds = drawn[1], points = drawn[2];
        events.clearLayers();
        // The first frame holds the places and the events of the week shown, so that the
        // legend's "events" never points at dots outside it.
        var all = bounds.concat(points.items.map(function (p) { return [p.lat, p.lon]; }));
        if (!fitted && all.length) {
          map.fitBounds(all, { padding: [60, 60], maxZoom: 7, animate: false });
          fitted = true;
        }
        if (status) {
          status.textContent = (held ? plural(held, "place") + " with a known holder" : "no place with a known holder") +
            " on " + day + "; " + (points.items.length ? plural(points.items.length, "event point") :
            "no events") + " in the week " + since + " to " + day + ".";
        }
        points.items.forEach(function (p) {
          var m = L.circleMarker([p.lat, p.lon], { radius: 3 + Math.min(8, Math.sqrt(p.n)), weight: 1,
            color: "#6e40c9", fillColor: "#8250df", fillOpacity: 0.5 });
          var box = el("div");
          box.appendChild(el("b", p.type + " × " + p.n));
          box.appendChild(el("div", (p.place_name || "") + ", last " + (p.last || "")));
          box.appendChild(link(sentenceHref(p), "a sentence behind it"));
          m.bindPopup(box);
          m.addTo(events);
        });
        return outlines.then(function () {
          node.dataset.shown = day;
          drawReference(since, day);
        });
      });
    }

    // ACLED's events of the same days: hollow squares, their notes shown as text. Only the
    // answer to the latest ask is drawn (the slider can ask again before one arrives).
    var referenceAsked = 0;
    function drawReference(since, day) {
      var asked = ++referenceAsked;
      node.dataset.reference = "";
      if (!referenceBox || !referenceBox.checked) { acled.clearLayers(); return; }
      fetch("/api/reference/points?since=" + since + "&until=" + day +
            (country ? "&country=" + encodeURIComponent(country) : ""))
        .then(function (r) { return r.json(); })
        .then(function (points) {
          if (asked !== referenceAsked) return;
          acled.clearLayers();
          points.items.forEach(function (p) {
            // Wider than a place's dot, so a square framing one shows (and takes clicks) round it.
            var size = 26 + Math.min(12, 3 * Math.sqrt(p.n - 1));
            var m = L.marker([p.lat, p.lon], {
              icon: L.divIcon({ className: "acled-point", iconSize: [size, size] }),
              title: "ACLED: " + p.sub_event_type + " × " + p.n, pane: "acled"
            });
            m.bindPopup(referencePopup(p, points), { maxWidth: 360 });
            m.addTo(acled);
          });
          node.dataset.reference = String(points.items.length);
        });
    }

    var slider = document.getElementById("asof");
    var out = document.getElementById("asof-day");
    var first = node.dataset.first, last = node.dataset.last, day = node.dataset.day || last;
    if (!day) return;
    // A week before the first day known, to see the picture before anything was reported.
    var days = daysBetween(shiftDay(first || day, -7), (last && last > day) ? last : day);
    if (slider) {
      slider.max = String(days.length - 1);
      slider.value = String(Math.max(0, days.indexOf(day)));
      slider.addEventListener("input", function () { out.textContent = days[+slider.value]; });
      slider.addEventListener("change", function () { draw(days[+slider.value]); });
      var then = document.getElementById("asof-then");
      if (then) then.addEventListener("change", function () { draw(days[+slider.value]); });
    }
    if (referenceBox) referenceBox.addEventListener("change", function () {
      var shown = slider ? days[+slider.value] : day;
      drawReference(shiftDay(shown, -6), shown);
    });
    draw(day);
  }

  document.addEventListener("DOMContentLoaded", function () {
    var node = document.getElementById("map");
    if (node && window.L) start(node);
  });
})();
