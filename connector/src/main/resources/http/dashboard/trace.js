// The trace page: asks GET /admin/trace/... with the admin token and shows the answer. As on the dashboard,
// text from the server is only ever set as textContent, never as HTML, and the token comes from this tab's
// session storage (where the dashboard keeps it) or the URL's fragment (#token=...), never from the query.
(function () {
  "use strict";

  var STORE = "monobridge-admin-token";

  function $(id) { return document.getElementById(id); }

  function takeToken() {
    var match = /(?:^#|&)token=([^&]+)/.exec(window.location.hash || "");
    if (match) {
      var token = decodeURIComponent(match[1]);
      try { window.sessionStorage.setItem(STORE, token); } catch (e) { /* storage may be off */ }
      if (window.history && window.history.replaceState) {
        window.history.replaceState(null, "", window.location.pathname + window.location.search);
      }
      return token;
    }
    try { return window.sessionStorage.getItem(STORE); } catch (e) { return null; }
  }

  function text(value) {
    if (value === null || value === undefined) { return "-"; }
    if (typeof value === "object" && value.$date !== undefined) { return String(value.$date); }
    if (typeof value === "object") { return JSON.stringify(value); }
    return String(value);
  }

  function keyText(key) {
    if (key && typeof key === "object") {
      return Object.keys(key).map(function (column) { return column + "=" + text(key[column]); }).join(",");
    }
    return text(key);
  }

  function documentsText(documents) {
    return (documents || []).map(function (d) { return d.projection + " " + keyText(d.id); }).join(", ");
  }

  function cell(row, value, className) {
    var td = document.createElement("td");
    td.textContent = value;
    if (className) { td.className = className; }
    row.appendChild(td);
  }

  function show(answer, kind) {
    var summary;
    if (kind === "document") {
      summary = answer.projection + " " + keyText(answer.key) + (answer.exists ? ": the document exists" : ": no such document now");
      $("trace-meta").textContent = answer.meta ? "_meta: " + JSON.stringify(answer.meta) : "";
    } else {
      summary = answer.table + " " + keyText(answer.key) + (answer.remembered
        ? ": no change to it is in the trail, but the bridge remembers it" + (answer.remembered.deleted ? " as deleted" : "")
          + ", as of source position " + answer.remembered.position
        : !answer.seen ? ": never seen"
        : answer.documents.length ? ": in " + documentsText(answer.documents) : ": in no document now");
      $("trace-meta").textContent = "";
    }
    $("trace-summary").textContent = summary;
    var body = $("trace-trail").tBodies[0];
    while (body.firstChild) { body.removeChild(body.firstChild); }
    (answer.trail || []).forEach(function (entry) {
      var row = document.createElement("tr");
      cell(row, entry.position);
      cell(row, entry.op + " " + entry.table + " " + keyText(entry.key));
      cell(row, text(entry.commitTime));
      cell(row, text(entry.txId));
      var outcome = entry.outcome + (entry.paths ? ": " + entry.paths.join(", ") : "")
        + (entry.documents ? " (in " + documentsText(entry.documents) + ")" : "");
      cell(row, outcome, "outcome " + (entry.outcome === "wrote" ? "wrote" : "quiet"));
      cell(row, text(entry.acknowledged));
      body.appendChild(row);
    });
    $("trace-reached").textContent = answer.reached ? "The bridge has reached source position " + answer.reached + "."
      : "The bridge has written no batch yet.";
    $("trace-result").hidden = false;
    $("trace-error").hidden = true;
  }

  function fail(message) {
    $("trace-result").hidden = true;
    $("trace-error").textContent = message;
    $("trace-error").hidden = false;
  }

  function trace(kind, name, key, token) {
    var path = kind === "document"
      ? "/admin/trace/projections/" + encodeURIComponent(name) + "/documents/" + encodeURIComponent(key)
      : "/admin/trace/rows/" + encodeURIComponent(name) + "/" + encodeURIComponent(key);
    window.fetch(path, { headers: { "Authorization": "Bearer " + token }, cache: "no-store" })
      .then(function (response) {
        return response.json().then(function (body) { return { status: response.status, body: body }; });
      })
      .then(function (result) {
        if (result.status === 200) {
          show(result.body, kind);
        } else {
          fail(result.body && result.body.message ? result.body.message : "HTTP " + result.status);
        }
      })
      .catch(function () { fail("The bridge did not answer."); });
  }

  function fromQuery() {
    // The page's own address may name what to trace (?projection=&key= or ?table=&key=): a link to share.
    var params = new URLSearchParams(window.location.search);
    if (params.get("table")) { return { kind: "row", name: params.get("table"), key: params.get("key") }; }
    if (params.get("projection")) { return { kind: "document", name: params.get("projection"), key: params.get("key") }; }
    return null;
  }

  document.addEventListener("DOMContentLoaded", function () {
    var token = takeToken();
    if (token) { $("trace-token").value = token; }
    $("trace-kind").addEventListener("change", function () {
      $("trace-name-label").textContent = $("trace-kind").value === "row" ? "Table" : "Projection";
      $("trace-name").placeholder = $("trace-kind").value === "row" ? "public.selection" : "event-page";
    });
    $("trace-form").addEventListener("submit", function (event) {
      event.preventDefault();
      token = $("trace-token").value;
      try { window.sessionStorage.setItem(STORE, token); } catch (e) { /* storage may be off */ }
      trace($("trace-kind").value, $("trace-name").value.trim(), $("trace-key").value.trim(), token);
    });
    var asked = fromQuery();
    if (asked && asked.key && token) {
      $("trace-kind").value = asked.kind;
      $("trace-name").value = asked.name;
      $("trace-key").value = asked.key;
      trace(asked.kind, asked.name, asked.key, token);
    }
  });
}());
