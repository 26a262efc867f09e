// Progress a module kept on this device while offline is sent from any page of the site,
// not only when that module is opened again: a learner who finished offline and never
// reopens it still gets the completion. player.js keeps each attempt's last commit with the
// address it goes to (scorm-attempt-<id>:pending, :url); commits need no session, only the
// signed token in that address. The script tag says which attempt the page plays itself
// (data-own, left to player.js), where commits go, and what to tell once one is saved.
(function () {
  "use strict";

  var script = document.currentScript;
  var own = script.getAttribute("data-own") || "";
  var commitPath = script.getAttribute("data-commit-path");
  var savedMessage = script.getAttribute("data-saved");
  if (!window.fetch || !commitPath) return;

  // A page left a moment ago may still be sending its last commit itself: let it land.
  setTimeout(function () {
    var keys = [];
    try { keys = Object.keys(localStorage); } catch (e) { return; } // no storage on this device
    keys.forEach(function (key) {
      try { send(key); } catch (e) { /* a malformed entry: the others still go */ }
    });
  }, 3000);

  function send(key) {
    var attempt = (/^(scorm-attempt-\d+):pending$/.exec(key) || [])[1];
    var url = attempt && attempt !== own && localStorage.getItem(attempt + ":url");
    if (!url) return;
    url = new URL(url, location.href);
    if (url.origin !== location.origin || url.pathname.indexOf(commitPath) !== 0) return;
    var body = localStorage.getItem(key);
    var seq = JSON.parse(body).seq;
    fetch(url, { method: "POST", body: body, credentials: "same-origin", headers: { "Content-Type": "application/json" } })
      .then(function (response) {
        return response.json().catch(function () { return null; }).then(function (answer) {
          // Only the server's own answer (JSON with "result") settles it: a 5xx, or an answer
          // from something on the way (a proxy's 429, a login page), leaves it for a later page.
          if (!answer || response.status >= 500 || (answer.result !== "true" && answer.result !== "false")) return;
          if (response.status === 403 || response.status === 422) {
            // Its address expired (kept over 30 days), or values in it are refused (the
            // module's player sends the rest without them): left to the module's player.
            localStorage.removeItem(attempt + ":url");
            return;
          }
          var kept = JSON.parse(localStorage.getItem(key) || "null");
          if (kept && kept.seq > seq) return; // an open page kept a newer one meanwhile
          localStorage.removeItem(key);
          localStorage.removeItem(attempt + ":url");
          if (response.ok && answer.applied !== false) saved();
        });
      })
      .catch(function () {}); // offline: kept for a later page
  }

  function saved() {
    var main = document.getElementById("main");
    if (!main || !savedMessage || document.getElementById("device-progress-saved")) return;
    var notice = document.createElement("ul");
    notice.className = "messages";
    notice.id = "device-progress-saved";
    notice.setAttribute("role", "status");
    var item = document.createElement("li");
    item.textContent = savedMessage;
    notice.appendChild(item);
    main.insertBefore(notice, main.firstChild);
  }
})();
