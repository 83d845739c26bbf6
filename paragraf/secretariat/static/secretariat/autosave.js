// Autosave of a § being recorded: a few seconds after the last change the form is sent with the
// revision it was read at; a conflict (someone else saved) or a refused fact is shown, nothing lost.
(function () {
  "use strict";
  var form = document.querySelector("form[data-autosave]");
  var status = document.getElementById("autosparat");
  if (!form || !status) { return; }
  var timer = null;
  function save() {
    fetch(form.action || window.location.href, {method: "POST", body: new FormData(form), headers: {"X-Autosave": "1"}, credentials: "same-origin"})
      .then(function (response) { return response.json().then(function (data) { return {ok: response.ok, data: data}; }); })
      .then(function (result) {
        if (result.ok) {
          form.querySelector("input[name=revision]").value = String(result.data.revision);
          status.textContent = "Sparat (version " + result.data.revision + ").";
        } else {
          status.textContent = result.data.error;
        }
      })
      .catch(function () { status.textContent = "Kunde inte spara automatiskt: spara med knappen."; });
  }
  form.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(save, 3000);
  });
}());
