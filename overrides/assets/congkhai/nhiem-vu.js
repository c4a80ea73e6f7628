// Filters of the "Nhiệm vụ" page (status, locality, lead agency, plan, deadline month), kept in
// the URL query so that a link reproduces the view:
//   ?tinh-trang=qua-han&dia-ban=<mã>&co-quan=<mã cơ quan>&ke-hoach=<khóa>&thang=2025-08
// Cards carry what they match in data-* attributes (builder/site/tasks.py). Without this script
// the form stays hidden and every card is shown.
(function () {
  "use strict";
  var KEYS = ["tinh-trang", "dia-ban", "co-quan", "ke-hoach", "thang"];
  var NAMES = { "tinh-trang": "tình trạng", "dia-ban": "địa bàn", "co-quan": "cơ quan chủ trì",
                "ke-hoach": "kế hoạch", "thang": "thời hạn" };

  function words(s) { return (s || "").split(" ").filter(function (w) { return w; }); }

  function matches(card, key, value) {
    if (!value) return true;
    var d = card.dataset;
    if (key === "tinh-trang") return d.status === value;
    if (key === "ke-hoach") return d.keHoach === value;
    var list = key === "dia-ban" ? d.diaBan : key === "co-quan" ? d.coQuan : d.thang;
    return words(list).indexOf(value) >= 0;
  }

  function init() {
    var form = document.getElementById("nv-filter");
    var list = document.getElementById("nv-cards");
    if (!form || !list) return;
    form.hidden = false;
    var cards = Array.prototype.slice.call(list.querySelectorAll("li[data-task]"));
    var count = document.getElementById("nv-count");
    var summary = document.getElementById("nv-summary");
    var empty = document.getElementById("nv-empty");
    var intro = document.getElementById("nv-intro");
    var introText = intro ? intro.innerHTML : "";
    var status = form.elements["tinh-trang"];
    var base = {};
    Array.prototype.forEach.call(status.options, function (o) {
      base[o.value] = o.textContent.replace(/ \(\d+\)$/, "");
    });

    function values() {
      var v = {};
      KEYS.forEach(function (k) { v[k] = form.elements[k].value; });
      return v;
    }

    function label(k) {
      var sel = form.elements[k];
      var o = sel.options[sel.selectedIndex];
      return o ? (base[o.value] && k === "tinh-trang" ? base[o.value] : o.textContent) : "";
    }

    function fromURL() {
      var q = new URLSearchParams(window.location.search);
      KEYS.forEach(function (k) {
        var v = q.get(k) || "";
        var sel = form.elements[k];
        var known = Array.prototype.some.call(sel.options, function (o) { return o.value === v; });
        if (v && !known) {  // an old or mistyped link: kept, so the page says that nothing matches
          var o = document.createElement("option");
          o.value = v;
          o.textContent = v + " (không có trên trang)";
          sel.appendChild(o);
        }
        sel.value = v;
      });
    }

    function toURL(v) {
      var q = new URLSearchParams(window.location.search);
      KEYS.forEach(function (k) { if (v[k]) q.set(k, v[k]); else q.delete(k); });
      var s = q.toString();
      window.history.replaceState(null, "", window.location.pathname + (s ? "?" + s : "") + window.location.hash);
    }

    function apply(updateURL) {
      var v = values();
      var shown = 0;
      var byStatus = {};
      cards.forEach(function (c) {
        var others = KEYS.every(function (k) { return k === "tinh-trang" || matches(c, k, v[k]); });
        if (others) byStatus[c.dataset.status] = (byStatus[c.dataset.status] || 0) + 1;
        var ok = others && matches(c, "tinh-trang", v["tinh-trang"]);
        c.hidden = !ok;
        if (ok) shown++;
      });
      // each status counts the cards that the other filters keep
      Array.prototype.forEach.call(status.options, function (o) {
        if (o.value && base[o.value]) o.textContent = base[o.value] + " (" + (byStatus[o.value] || 0) + ")";
      });
      var chosen = KEYS.filter(function (k) { return v[k]; })
        .map(function (k) { return NAMES[k] + " “" + label(k) + "”"; });
      count.textContent = String(shown);
      if (summary) summary.textContent = chosen.length ? " (" + chosen.join("; ") + ")" : "";
      if (empty) empty.hidden = shown > 0;
      if (intro) {
        if (chosen.length) {
          intro.textContent = shown + " nhiệm vụ khớp các điều kiện: " + chosen.join("; ") +
            ", trên tổng số " + cards.length + " nhiệm vụ.";
        } else {
          intro.innerHTML = introText;  // the page's own sentence, as built
        }
      }
      if (updateURL) toURL(v);
    }

    form.addEventListener("change", function () { apply(true); });
    form.addEventListener("reset", function () { window.setTimeout(function () { apply(true); }, 0); });
    fromURL();
    apply(false);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
