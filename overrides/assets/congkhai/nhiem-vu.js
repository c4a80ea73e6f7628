// Filters of the "Nhiệm vụ" page: agency, status, month. Rows carry data-* attributes.
(function () {
  "use strict";
  function init() {
    var form = document.getElementById("nv-filter");
    var table = document.getElementById("nv-table");
    if (!form || !table) return;
    form.hidden = false;
    var rows = table.querySelectorAll("tbody tr");
    var count = document.getElementById("nv-count");
    function apply() {
      var lead = form.elements["lead"].value, status = form.elements["status"].value,
          month = form.elements["month"].value, shown = 0;
      rows.forEach(function (r) {
        var ok = (!lead || r.dataset.lead === lead) &&
                 (!status || r.dataset.status === status) &&
                 (!month || r.dataset.months === "*" || (" " + r.dataset.months + " ").indexOf(" " + month + " ") >= 0);
        r.hidden = !ok;
        if (ok) shown++;
      });
      if (count) count.textContent = String(shown);
    }
    form.addEventListener("change", apply);
    form.addEventListener("reset", function () { setTimeout(apply, 0); });
    apply();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();

