// The dashboard's drift panel: reads /admin/drift every ten seconds with the admin token the main script keeps in
// this tab's session storage, and shows what the drift sampler found (docs/drift-sampler.md). Its own file, so that
// the main script stays as it is. Text from the server is only ever set as textContent.
(function () {
  "use strict";

  var POLL_MS = 10000;
  var STORE = "monobridge-admin-token";
  var KINDS = ["list-over-max-items", "over-max-bytes", "undeclared-field", "stale-version"];

  function $(id) { return document.getElementById(id); }

  function cell(row, text, className) {
    var td = document.createElement("td");
    if (className) { td.className = className; }
    td.textContent = text;
    row.appendChild(td);
    return td;
  }

  function grouped(n) {
    return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  }

  function shapeText(shape) {
    var parts = [];
    KINDS.forEach(function (kind) { if (shape[kind] > 0) { parts.push(kind + " " + grouped(shape[kind])); } });
    return parts.length ? parts.join(", ") : "none";
  }

  function render(drift) {
    $("drift-panel").hidden = false;
    $("drift-total").textContent = grouped(drift.drifted);
    $("drift-total").className = drift.drifted > 0 ? "value bad-text" : "value";
    $("drift-state").textContent = !drift.on ? "The drift sampler is off (drift.interval-ms: 0)."
      : drift.lastRoundAt ? "Last round " + drift.lastRoundAt.replace("T", " ").replace(/(\.\d+)?Z$/, " UTC")
        + (drift.lastError ? "; last failure: " + drift.lastError : "")
      : "Waiting for the first round.";
    var body = $("drift-projections").tBodies[0];
    while (body.firstChild) { body.removeChild(body.firstChild); }
    Object.keys(drift.projections).forEach(function (name) {
      var p = drift.projections[name];
      var row = document.createElement("tr");
      cell(row, name);
      cell(row, grouped(p.checked), "number");
      cell(row, grouped(p.drifted), p.drifted > 0 ? "number bad-text" : "number");
      cell(row, grouped(p.repaired), "number");
      cell(row, grouped(p.moved), "number");
      cell(row, grouped(p.failed), "number");
      cell(row, shapeText(p.shape), "error-cell");
      body.appendChild(row);
    });
    var list = $("drift-records");
    while (list.firstChild) { list.removeChild(list.firstChild); }
    drift.records.slice(0, 5).forEach(function (record) {
      var first = record.differences[0] || {};
      var id = typeof record.documentId === "object" ? JSON.stringify(record.documentId) : String(record.documentId);
      var item = document.createElement("li");
      item.textContent = record.projection + " " + id + ": " + record.differenceCount + " paths differ, e.g. "
        + (first.path || "(whole document)") + " stored " + (first.stored === undefined ? "(missing)" : first.stored)
        + ", source gives " + (first.expected === undefined ? "nothing" : first.expected) + "; repair " + record.repair;
      list.appendChild(item);
    });
  }

  function refresh() {
    var token = null;
    try { token = window.sessionStorage.getItem(STORE); } catch (e) { token = null; }
    if (!token) { return; }
    window.fetch("/admin/drift?limit=5", { headers: { "Authorization": "Bearer " + token }, cache: "no-store" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (drift) { if (drift) { render(drift); } })
      .catch(function () { /* the main script says when the bridge cannot be reached */ });
  }

  document.addEventListener("DOMContentLoaded", function () {
    // After the main script has taken the token from the fragment.
    window.setTimeout(refresh, 0);
    window.setInterval(refresh, POLL_MS);
  });
}());
