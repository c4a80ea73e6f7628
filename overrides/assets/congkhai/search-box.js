// The header's search box: live results as the reader types (the first 5, from the site's one
// search, window.congkhaiSearch in search.js, loaded only once the reader starts typing), as an
// ARIA combobox: arrows move through the results, Enter opens the chosen one or, with none
// chosen, the full search page; Escape closes the list. Without JavaScript the box is a plain
// form that opens /tim-kiem/?q=….
(function () {
  "use strict";
  var me = document.currentScript;
  var form = document.querySelector(".ck-search-form");
  if (!me || !form) return;
  var input = form.querySelector("input[name=q]");
  var searchJs = me.getAttribute("data-search");
  var LIMIT = 5;
  var list = document.createElement("ul");
  var live = document.createElement("p");
  var items = [];
  var active = -1;
  var timer = null;
  var asked = 0;
  var loader = null;

  list.id = "ck-q-list";
  list.className = "ck-suggest";
  list.setAttribute("role", "listbox");
  list.setAttribute("aria-label", "Kết quả tìm nhanh");
  list.hidden = true;
  live.className = "ck-sr-only";
  live.setAttribute("role", "status");
  form.appendChild(list);
  form.appendChild(live);
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("aria-controls", list.id);

  function load() {
    if (!loader) {
      loader = new Promise(function (resolve, reject) {
        if (window.congkhaiSearch) return resolve();
        var s = document.createElement("script");
        s.src = searchJs;
        s.onload = resolve;
        s.onerror = reject;
        document.head.appendChild(s);
      });
    }
    return loader;
  }

  function searchPage(q) {
    return form.action + (q ? "?q=" + encodeURIComponent(q) : "");
  }

  function close() {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }

  function select(i) {
    items.forEach(function (li, n) { li.setAttribute("aria-selected", n === i ? "true" : "false"); });
    active = i;
    if (i >= 0) {
      input.setAttribute("aria-activedescendant", items[i].id);
      items[i].scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  function option(n, href, title, detail) {
    var li = document.createElement("li");
    li.id = "ck-q-opt-" + n;
    li.setAttribute("role", "option");
    li.setAttribute("aria-selected", "false");
    var a = document.createElement("a");
    a.href = href;
    a.tabIndex = -1;
    var t = document.createElement("span");
    t.className = "ck-suggest__title";
    t.textContent = title;
    a.appendChild(t);
    if (detail) {
      var d = document.createElement("span");
      d.className = "ck-suggest__detail";
      d.textContent = detail;
      a.appendChild(d);
    }
    li.appendChild(a);
    li.addEventListener("mousedown", function (e) { e.preventDefault(); }); // keep the focus in the box
    return li;
  }

  function show(q, results) {
    list.textContent = "";
    items = results.map(function (r, n) {
      var detail = [r.kind, r.number, r.when, r.context].filter(Boolean).join(" · ");
      return option(n, r.url, r.title, detail);
    });
    items.push(option(results.length, searchPage(q), results.length ? "Xem tất cả kết quả cho “" + q + "”" : "Không thấy kết quả nhanh: tìm “" + q + "” trên trang Tìm kiếm", ""));
    items[items.length - 1].classList.add("ck-suggest__all");
    items.forEach(function (li) { list.appendChild(li); });
    list.hidden = false;
    input.setAttribute("aria-expanded", "true");
    select(-1);
    live.textContent = results.length ? results.length + " kết quả nhanh; dùng phím mũi tên để chọn." : "Không có kết quả nhanh.";
  }

  function update() {
    var q = input.value.trim();
    var n = ++asked;
    if (q.length < 2) { close(); return; }
    load().then(function () {
      return window.congkhaiSearch(input.value, { limit: LIMIT });
    }).then(function (results) {
      if (n === asked && document.activeElement === input) show(q, results);
    }).catch(function () {
      if (n === asked) close();
    });
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(update, 150);
  });
  input.addEventListener("focus", function () { load().then(function () { window.congkhaiSearch.preload(); }).catch(function () {}); });
  input.addEventListener("keydown", function (e) {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      if (list.hidden) { if (items.length) { list.hidden = false; input.setAttribute("aria-expanded", "true"); } else return; }
      e.preventDefault();
      var step = e.key === "ArrowDown" ? 1 : -1;
      var next = active + step;
      if (next < -1) next = items.length - 1;
      if (next >= items.length) next = -1;
      select(next);
    } else if (e.key === "Enter") {
      if (!list.hidden && active >= 0) {
        e.preventDefault();
        window.location.href = items[active].querySelector("a").href;
      } // else: the form opens the full search page
    } else if (e.key === "Escape") {
      if (!list.hidden) { e.preventDefault(); close(); }
    }
  });
  input.addEventListener("blur", function () { setTimeout(close, 150); });
})();
