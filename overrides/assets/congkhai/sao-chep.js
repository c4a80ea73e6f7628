// "Sao chép" beside a citation on a document page: copies the text of the element named by
// data-copy. The button stays hidden where the clipboard is not available (the text itself
// can always be selected).
(function () {
  "use strict";
  function init() {
    if (!navigator.clipboard) return;
    document.querySelectorAll("button[data-copy]").forEach(function (b) {
      var target = document.getElementById(b.dataset.copy);
      if (!target) return;
      b.hidden = false;
      b.addEventListener("click", function () {
        navigator.clipboard.writeText(target.textContent.trim()).then(function () {
          b.textContent = "Đã sao chép";
          setTimeout(function () { b.textContent = "Sao chép"; }, 2000);
        });
      });
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
