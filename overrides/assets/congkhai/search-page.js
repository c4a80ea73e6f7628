// The search page (/tim-kiem/?q=…&sap-xep=moi-nhat|cu-nhat): results of window.congkhaiSearch
// (search.js) as a list, with the facets that have results and "Xem thêm" for the next ones.
// Without JavaScript the form still submits here and the page says what else a reader can do.
(function () {
  "use strict";
  var form = document.getElementById("ck-search-page");
  if (!form || !window.congkhaiSearch) return;
  var input = form.elements.q;
  var sortSelect = form.elements["sap-xep"];
  var status = document.getElementById("ck-status");
  var list = document.getElementById("ck-result-list");
  var facetsBox = document.getElementById("ck-facets");
  var more = document.getElementById("ck-more");
  var FACETS = ["Mục", "Loại văn bản", "Cơ quan", "Địa bàn", "Năm", "Trạng thái"];
  var chosen = {}; // facet → [values]
  var current = null; // the search being shown
  var shown = 0;
  var timer = null;
  document.getElementById("ck-search-results").hidden = false;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }

  function filters() {
    var out = {};
    Object.keys(chosen).forEach(function (k) { if (chosen[k].length) out[k] = { any: chosen[k] }; });
    return out;
  }

  function render(r) {
    var li = el("li", "ck-result");
    var line = el("p", "ck-result__meta");
    line.appendChild(el("span", "ck-chip", r.kind || "Trang"));
    [r.number, r.when, r.context].forEach(function (t) {
      if (!t) return;
      // a space between the facts: the " · " drawn by the CSS is not in the text a screen reader
      // or a copy gets ("Kế hoạchKỳ kế hoạch …")
      line.appendChild(document.createTextNode(" "));
      line.appendChild(el("span", "ck-result__fact", t));
    });
    var a = el("a", "ck-result__title", r.title);
    a.href = r.url;
    var h = el("h2", "ck-result__heading");
    h.appendChild(a);
    li.appendChild(h);
    li.appendChild(line);
    var p = el("p", "ck-result__excerpt");
    r.segments.forEach(function (s, i) {
      if (i) p.appendChild(document.createTextNode(" "));
      p.appendChild(s.mark ? el("mark", "", s.text) : document.createTextNode(s.text));
    });
    li.appendChild(p);
    return li;
  }

  function count(s) {
    var q = "“" + s.query.trim() + "”";
    if (!s.hits.length) return "Không tìm thấy kết quả cho " + q + ".";
    if (!s.done) {
      var held = s.reached && s.reached.sub ? " có từng cụm từ liền nhau của " : " có cả cụm ";
      return s.counted + " kết quả" + held + q + "; các trang có đủ các từ nhưng không liền nhau ở sau.";
    }
    var text = s.hits.length + " kết quả cho " + q + ".";
    if (s.exact && s.group > 0) text += " Không trang nào có đúng các từ có dấu như đã gõ: đây là kết quả không phân biệt dấu.";
    return text;
  }

  function renderFacets(s) {
    facetsBox.textContent = "";
    var counts = s.filters || {};
    FACETS.forEach(function (name) {
      var values = counts[name] || {};
      var keys = Object.keys(values).filter(function (v) {
        return values[v] > 0 || (chosen[name] || []).indexOf(v) >= 0;
      });
      if (!keys.length) return;
      keys.sort(function (a, b) { return values[b] - values[a] || a.localeCompare(b, "vi"); });
      var fs = el("fieldset", "ck-facet");
      fs.appendChild(el("legend", "", name));
      keys.forEach(function (v) {
        var label = el("label", "ck-facet__value");
        var box = document.createElement("input");
        box.type = "checkbox";
        box.checked = (chosen[name] || []).indexOf(v) >= 0;
        box.addEventListener("change", function () {
          var vals = (chosen[name] = chosen[name] || []);
          if (box.checked) vals.push(v);
          else vals.splice(vals.indexOf(v), 1);
          run(false);
        });
        label.appendChild(box);
        label.appendChild(document.createTextNode(" " + v + " (" + values[v] + ")"));
        fs.appendChild(label);
      });
      facetsBox.appendChild(fs);
    });
  }

  function showMore() {
    var s = current;
    return s.page(shown, window.congkhaiSearch.PAGE).then(function (items) {
      if (s !== current) return;
      items.forEach(function (r) { list.appendChild(render(r)); });
      shown += items.length;
      status.textContent = count(s);
      more.hidden = s.done && shown >= s.hits.length;
    });
  }

  function run(push) {
    var q = input.value;
    var sort = sortSelect.value;
    var params = new URLSearchParams(window.location.search);
    if (q.trim()) params.set("q", q.trim()); else params.delete("q");
    if (sort) params.set("sap-xep", sort); else params.delete("sap-xep");
    var url = window.location.pathname + (params.toString() ? "?" + params : "");
    if (push) window.history.replaceState(null, "", url);
    list.textContent = "";
    shown = 0;
    if (!q.trim()) {
      current = null;
      status.textContent = "";
      facetsBox.textContent = "";
      more.hidden = true;
      return Promise.resolve();
    }
    status.textContent = "Đang tìm…";
    var s = (current = window.congkhaiSearch.start(q, { filters: filters(), sort: sort, facets: true }));
    return showMore().then(function () {
      if (s === current) renderFacets(s);
    }).catch(function () {
      status.textContent = "Chưa tải được bộ tìm kiếm. Hãy thử tải lại trang.";
    });
  }

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    run(true);
  });
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { chosen = {}; run(true); }, 250);
  });
  sortSelect.addEventListener("change", function () { run(true); });
  more.addEventListener("click", function () { showMore(); });

  var params = new URLSearchParams(window.location.search);
  input.value = params.get("q") || "";
  sortSelect.value = params.get("sap-xep") || "";
  if (input.value) run(false);
})();
