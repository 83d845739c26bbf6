// The job page follows its files' import without reload: it reads the job's status every second until
// every file is finished, and writes each file's status, line and reason into its row.
(function () {
  "use strict";
  var box = document.getElementById("framsteg");
  if (!box || box.dataset.done === "1") { return; }
  var bar = box.querySelector("progress");

  function detail(file) {
    if (file.message) { return file.message; }
    if (file.warnings.length) {
      return file.warnings.length + (file.warnings.length === 1 ? " varning: " : " varningar: ") + file.warnings.join("; ");
    }
    return "";
  }

  function show(status) {
    bar.value = status.finished;
    box.querySelector("[data-finished]").textContent = String(status.finished);
    box.querySelector("[data-failed]").textContent = String(status.failed);
    box.querySelector("[data-failed-text]").hidden = status.failed === 0;
    status.files.forEach(function (file) {
      var row = document.querySelector('tr[data-position="' + file.position + '"]');
      if (!row) { return; }
      row.className = "status-" + file.status;
      row.querySelector("[data-status]").textContent = file.status_text;
      row.querySelector("[data-line]").textContent = file.line === null ? "" : String(file.line);
      row.querySelector("[data-detail]").textContent = detail(file);
    });
    if (status.done) { box.dataset.done = "1"; }
  }

  function poll() {
    fetch(box.dataset.statusUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.json(); })
      .then(function (status) {
        show(status);
        if (!status.done) { window.setTimeout(poll, 1000); }
      })
      .catch(function () { window.setTimeout(poll, 3000); });
  }

  window.setTimeout(poll, 1000);
}());
