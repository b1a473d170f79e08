// The Monobridge ops dashboard: reads /admin/status and /admin/history every two seconds with the admin
// token, and draws the figures and charts itself (plain SVG, no library, nothing fetched from elsewhere).
// Text from the server is only ever set as textContent, never as HTML: a dead letter's reason may hold
// anything the source database held.
(function () {
  "use strict";

  var SVG = "http://www.w3.org/2000/svg";
  var POLL_MS = 2000;
  var STORE = "monobridge-admin-token";
  var token = null;
  var timer = null;

  function $(id) { return document.getElementById(id); }

  // The token comes in the URL's fragment (#token=...), which the browser never sends to a server; it is
  // moved to this tab's session storage and taken off the address bar.
  function takeToken() {
    var match = /(?:^#|&)token=([^&]+)/.exec(window.location.hash || "");
    if (match) {
      token = decodeURIComponent(match[1]);
      try { window.sessionStorage.setItem(STORE, token); } catch (e) { /* storage may be off */ }
      if (window.history && window.history.replaceState) {
        window.history.replaceState(null, "", window.location.pathname + window.location.search);
      }
      return;
    }
    try { token = window.sessionStorage.getItem(STORE); } catch (e) { token = null; }
  }

  function askForToken(message) {
    $("board").hidden = true;
    $("login").hidden = false;
    if (message) { $("login-message").textContent = message; }
    $("capture").textContent = "signed out";
    $("capture").className = "pill";
  }

  function grouped(n) {
    var whole = Math.round(n);
    var sign = whole < 0 ? "-" : "";
    return sign + String(Math.abs(whole)).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  }

  function bytes(n) {
    if (n === null || n === undefined || n < 0) { return "n/a"; }
    if (n < 1024) { return grouped(n) + " B"; }
    if (n < 1024 * 1024) { return (n / 1024).toFixed(n < 10240 ? 1 : 0) + " KiB"; }
    return (n / (1024 * 1024)).toFixed(1) + " MiB";
  }

  function millis(n) {
    if (n === null || n === undefined) { return "-"; }
    if (n < 10000) { return grouped(n) + " ms"; }
    return (n / 1000).toFixed(n < 60000 ? 1 : 0) + " s";
  }

  function rate(n) {
    return n < 10 ? n.toFixed(1) : grouped(n);
  }

  function request(path) {
    return window.fetch(path, { headers: { "Authorization": "Bearer " + token }, cache: "no-store" })
      .then(function (response) {
        if (response.status === 401 || response.status === 403) {
          var refused = new Error("refused");
          refused.refused = true;
          throw refused;
        }
        if (!response.ok) { throw new Error(path + " answered " + response.status); }
        return response.json();
      });
  }

  function element(name, className, text) {
    var node = document.createElement(name);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = text; }
    return node;
  }

  function svgElement(name, attributes) {
    var node = document.createElementNS(SVG, name);
    Object.keys(attributes).forEach(function (key) { node.setAttribute(key, attributes[key]); });
    return node;
  }

  // A line chart of values over the sampled times, scaled from 0 to the largest value.
  function span(seconds) {
    if (seconds < 60) { return "last " + seconds + " s"; }
    return "last " + Math.floor(seconds / 60) + " min" + (seconds % 60 ? " " + (seconds % 60) + " s" : "");
  }

  function drawChart(svg, values, format, seconds) {
    while (svg.firstChild) { svg.removeChild(svg.firstChild); }
    var width = 320, height = 90, top = 12, bottom = 4;
    var max = 0;
    values.forEach(function (v) { if (v > max) { max = v; } });
    var scale = max > 0 ? max * 1.1 : 1;
    svg.appendChild(svgElement("line", { "class": "grid", x1: 0, y1: height - bottom, x2: width, y2: height - bottom }));
    svg.appendChild(svgElement("line", { "class": "grid", x1: 0, y1: top, x2: width, y2: top }));
    if (values.length > 0) {
      var step = values.length > 1 ? width / (values.length - 1) : 0;
      var points = values.map(function (v, i) {
        var x = values.length > 1 ? i * step : width;
        var y = height - bottom - (Math.max(0, v) / scale) * (height - top - bottom);
        return x.toFixed(1) + "," + y.toFixed(1);
      });
      var first = points[0].split(",")[0];
      var last = points[points.length - 1].split(",")[0];
      svg.appendChild(svgElement("polygon", { "class": "area",
        points: first + "," + (height - bottom) + " " + points.join(" ") + " " + last + "," + (height - bottom) }));
      svg.appendChild(svgElement("polyline", { "class": "line", points: points.join(" ") }));
    }
    var label = svgElement("text", { x: 2, y: 10 });
    label.textContent = "max " + format(max) + "   now " + format(values.length ? values[values.length - 1] : 0);
    svg.appendChild(label);
    var time = svgElement("text", { x: width - 2, y: 10, "text-anchor": "end" });
    time.textContent = span(seconds);
    svg.appendChild(time);
  }

  function sparkline(values) {
    var svg = svgElement("svg", { "class": "spark chart", viewBox: "0 0 110 28", preserveAspectRatio: "none" });
    var max = 0;
    values.forEach(function (v) { if (v > max) { max = v; } });
    var scale = max > 0 ? max : 1;
    if (values.length > 0) {
      var step = values.length > 1 ? 110 / (values.length - 1) : 0;
      var points = values.map(function (v, i) {
        return (values.length > 1 ? i * step : 110).toFixed(1) + "," + (26 - (Math.max(0, v) / scale) * 24).toFixed(1);
      });
      svg.appendChild(svgElement("polyline", { "class": "line", points: points.join(" ") }));
    }
    return svg;
  }

  // The sampled sizes against the byte budget: the bar is the largest document, the marks p50 and p99.
  function budgetBar(sizes, budget) {
    var svg = svgElement("svg", { "class": "budget", viewBox: "0 0 220 16", preserveAspectRatio: "none" });
    svg.appendChild(svgElement("rect", { "class": "track", x: 0, y: 3, width: 220, height: 10, rx: 3 }));
    if (sizes) {
      var share = function (n) { return Math.min(1, n / budget) * 220; };
      svg.appendChild(svgElement("rect", { "class": sizes.max > budget * 0.9 ? "used over" : "used",
        x: 0, y: 3, width: Math.max(1, share(sizes.max)).toFixed(1), height: 10, rx: 3 }));
      [sizes.p50, sizes.p99].forEach(function (p) {
        var x = share(p).toFixed(1);
        svg.appendChild(svgElement("line", { "class": "mark", x1: x, y1: 0, x2: x, y2: 16 }));
      });
    }
    return svg;
  }

  function rebuildCell(rebuild, pending) {
    var cell = element("td");
    if (rebuild) {
      var bar = element("div", "progress");
      var fill = element("div");
      fill.style.width = rebuild.percent + "%";
      bar.appendChild(fill);
      cell.appendChild(bar);
      var text = rebuild.phase + " " + rebuild.percent + "%";
      if (rebuild.documentKey !== null) { text += " (document " + rebuild.documentKey + ")"; }
      cell.appendChild(element("span", "sub", text));
      if (rebuild.error) { cell.appendChild(element("span", "sub error", rebuild.error)); }
    } else {
      cell.appendChild(element("span", "sub", "none"));
    }
    if (pending) { cell.appendChild(element("span", "sub", "newer definition pending")); }
    return cell;
  }

  function renderProjections(status, history) {
    var body = document.querySelector("#projections tbody");
    while (body.firstChild) { body.removeChild(body.firstChild); }
    status.projections.forEach(function (p) {
      var row = element("tr");
      row.setAttribute("data-projection", p.name);

      var name = element("td");
      name.appendChild(element("span", "name", p.name));
      name.appendChild(element("span", "sub", "team " + p.team + ", v" + p.version + ", " + p.collection));
      row.appendChild(name);

      row.appendChild(element("td", "number documents", grouped(p.documents)));

      var writes = element("td", "writes");
      writes.appendChild(sparkline(history.samples.map(function (s) { return s.written[p.name] || 0; })));
      writes.appendChild(element("span", "sub", rate(p.writtenPerSecond) + "/s"));
      row.appendChild(writes);

      row.appendChild(element("td", "number", p.lastWriteAgeMillis === null ? "-" : millis(p.lastWriteAgeMillis) + " ago"));

      var size = element("td", "size");
      size.appendChild(budgetBar(p.sizes, p.maxBytes));
      size.appendChild(element("span", "sizes", p.sizes
        ? bytes(p.sizes.p50) + " / " + bytes(p.sizes.p99) + " / " + bytes(p.sizes.max) + " of " + bytes(p.maxBytes)
          + " (" + p.sizes.sampled + " sampled)"
        : "not sampled yet, budget " + bytes(p.maxBytes)));
      row.appendChild(size);

      row.appendChild(element("td", "number", grouped(p.deadLetters)));
      row.appendChild(element("td", "error-cell", p.lastError ? p.lastError.reason : ""));
      row.appendChild(rebuildCell(p.rebuild, status.pendingDefinitions.indexOf(p.name) >= 0));
      body.appendChild(row);
    });
  }

  // The bridge's troubles: a stopped capture and every raised condition (MongoDB not acknowledging, a mapped
  // column gone from the source, ...), the reasons /ready gives; or, when there are none, that all is well.
  function renderProblems(status) {
    var problems = [];
    if (!status.capture.running && status.capture.stopped) { problems.push(status.capture.stopped); }
    (status.conditions || []).forEach(function (reason) { problems.push(reason); });
    var list = $("problems");
    while (list.firstChild) { list.removeChild(list.firstChild); }
    problems.forEach(function (reason) { list.appendChild(element("li", "problem", reason)); });
    $("no-problems").hidden = problems.length > 0;
  }

  function render(status, history) {
    $("login").hidden = true;
    $("board").hidden = false;
    $("error").hidden = true;
    var capture = $("capture");
    capture.textContent = status.capture.running ? "capturing" : "capture stopped";
    capture.className = status.capture.running ? "pill ok" : "pill bad";
    capture.title = status.capture.stopped || "";
    $("updated").textContent = "as of " + status.at.replace("T", " ").replace(/(\.\d+)?Z$/, " UTC");
    $("changes-total").textContent = grouped(status.changes);
    $("changes-rate").textContent = rate(status.changesPerSecond);
    $("lag").textContent = millis(status.lagMillis);
    $("source-lag").textContent = bytes(status.sourceLagBytes);
    $("dead-letters").textContent = grouped(status.deadLetters);
    $("trimmed").textContent = grouped(status.trimmedEntries);
    $("expired").textContent = grouped(status.expiredMarkers);
    $("pending").textContent = grouped(status.pendingDefinitions.length);
    renderProblems(status);

    var samples = history.samples;
    var seconds = Math.max(0, samples.length - 1) * history.intervalSeconds;
    drawChart($("chart-changes"), samples.map(function (s) { return s.changesPerSecond; }), rate, seconds);
    drawChart($("chart-lag"), samples.map(function (s) { return s.lagMillis; }), millis, seconds);
    drawChart($("chart-source-lag"), samples.map(function (s) { return Math.max(0, s.sourceLagBytes); }), bytes, seconds);
    drawChart($("chart-dead"), samples.map(function (s) { return s.deadLetters; }), grouped, seconds);
    renderProjections(status, history);
  }

  function refresh() {
    Promise.all([request("/admin/status"), request("/admin/history")])
      .then(function (answers) { render(answers[0], answers[1]); })
      .catch(function (error) {
        if (error.refused) {
          stop();
          try { window.sessionStorage.removeItem(STORE); } catch (e) { /* ignore */ }
          askForToken("The bridge refused the token: give the admin token.");
          return;
        }
        $("error").hidden = false;
        $("error").textContent = "Cannot reach the bridge: " + error.message + " (retrying)";
      });
  }

  function stop() {
    if (timer !== null) { window.clearInterval(timer); timer = null; }
  }

  function start() {
    stop();
    refresh();
    timer = window.setInterval(refresh, POLL_MS);
  }

  document.addEventListener("DOMContentLoaded", function () {
    $("login-form").addEventListener("submit", function (event) {
      event.preventDefault();
      token = $("token").value.trim();
      $("token").value = "";
      if (token) {
        try { window.sessionStorage.setItem(STORE, token); } catch (e) { /* ignore */ }
        start();
      }
    });
    takeToken();
    if (token) { start(); } else { askForToken(null); }
  });
}());
