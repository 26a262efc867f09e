// Upload with a progress bar, then follow the import job until it finishes.
(function () {
  "use strict";
  var form = document.getElementById("scorm-upload");
  if (!form || !window.XMLHttpRequest || !window.FormData) return;
  var text = JSON.parse(document.getElementById("scorm-upload-messages").textContent);
  var box = document.getElementById("scorm-upload-progress");
  var bar = document.getElementById("scorm-upload-bar");
  var stage = document.getElementById("scorm-upload-stage");
  var error = document.getElementById("scorm-upload-error");

  function show(label, percent) { box.hidden = false; stage.textContent = label; bar.value = percent; }

  function follow(statusUrl) {
    fetch(statusUrl, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (job) {
        show(text.importing + " " + job.files_done + "/" + job.files_total, job.percent);
        if (job.status === "succeeded") { window.location = job.report_url; }
        else if (job.status === "failed") { window.location = statusUrl; }
        else { setTimeout(function () { follow(statusUrl); }, 1000); }
      })
      .catch(function () { setTimeout(function () { follow(statusUrl); }, 3000); });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    error.textContent = "";
    var request = new XMLHttpRequest();
    request.open("POST", form.action);
    request.setRequestHeader("Accept", "application/json");
    request.upload.onprogress = function (e) {
      if (e.lengthComputable) show(text.uploading, Math.round((100 * e.loaded) / e.total));
    };
    request.onload = function () {
      var body = {};
      try { body = JSON.parse(request.responseText); } catch (ignored) {}
      if (request.status === 202) { follow(body.status_url); return; }
      var messages = [];
      Object.keys(body.errors || {}).forEach(function (field) { messages = messages.concat(body.errors[field]); });
      error.textContent = messages.join(" ") || text.failed;
    };
    request.onerror = function () { error.textContent = text.failed; };
    show(text.uploading, 0);
    request.send(new FormData(form));
  });
})();
