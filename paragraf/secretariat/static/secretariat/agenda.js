// Drag an agenda row to its new place: the same move the Upp/Ned buttons make (POST offset).
(function () {
  "use strict";
  var table = document.querySelector("table.agenda");
  if (!table) { return; }
  var dragged = null;
  table.addEventListener("dragstart", function (event) {
    var row = event.target.closest("tr[data-move]");
    if (!row) { return; }
    dragged = row;
    row.classList.add("dragging");
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", row.id);
  });
  table.addEventListener("dragend", function () {
    if (dragged) { dragged.classList.remove("dragging"); }
  });
  table.addEventListener("dragover", function (event) {
    if (dragged && event.target.closest("tr[data-move]")) { event.preventDefault(); }
  });
  table.addEventListener("drop", function (event) {
    var target = event.target.closest("tr[data-move]");
    if (!dragged || !target || target === dragged) { return; }
    event.preventDefault();
    var offset = Number(target.dataset.position) - Number(dragged.dataset.position);
    var form = dragged.querySelector("td.moves form");
    form.querySelector("input[name=offset]").value = String(offset);
    form.submit();
  });
}());
