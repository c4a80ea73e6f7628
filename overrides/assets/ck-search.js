// The search page: loads Pagefind's default UI from the site's own pagefind/ folder (written
// after the pages, so it is not linked statically), in Vietnamese, with the query from ?q=
// and an optional sort by date (?sap-xep=moi-nhat|cu-nhat). Loaded only on /tim-kiem/.
(function () {
  "use strict";
  var box = document.getElementById("ck-search");
  if (!box) return;
  var bundle = box.getAttribute("data-bundle");
  var css = document.createElement("link");
  css.rel = "stylesheet";
  css.href = bundle + "pagefind-ui.css";
  document.head.appendChild(css);
  var js = document.createElement("script");
  js.src = bundle + "pagefind-ui.js";
  js.onload = start;
  js.onerror = function () {
    box.textContent = "Chưa tải được bộ tìm kiếm. Hãy thử tải lại trang.";
  };
  document.head.appendChild(js);

  function start() {
    var params = new URLSearchParams(window.location.search);
    var sortParam = params.get("sap-xep") || "";
    var sort = sortParam === "moi-nhat" ? { ngay: "desc" } : sortParam === "cu-nhat" ? { ngay: "asc" } : null;
    var options = {
      element: "#ck-search",
      bundlePath: bundle,
      showSubResults: true,
      showImages: false,
      excerptLength: 30,
      // Plans are long by nature; Pagefind's default penalty on long pages ranked short
      // registry entries above the plans that readers look for (checked in tests/browser).
      ranking: { pageLength: 0 },
      // The folded words (khong_dau) exist only to be searched; the default UI would list
      // every metadata field under the result, so drop it before rendering.
      processResult: function (result) {
        if (result.meta) delete result.meta.khong_dau;
        (result.sub_results || []).forEach(function (s) { if (s.meta) delete s.meta.khong_dau; });
        return result;
      },
      translations: {
        placeholder: "Tìm kế hoạch, văn bản…",
        clear_search: "Xóa",
        load_more: "Xem thêm kết quả",
        search_label: "Tìm trong trang này",
        filters_label: "Lọc kết quả",
        zero_results: "Không tìm thấy kết quả cho [SEARCH_TERM]",
        many_results: "[COUNT] kết quả cho [SEARCH_TERM]",
        one_result: "[COUNT] kết quả cho [SEARCH_TERM]",
        alt_search: "Không có kết quả cho [SEARCH_TERM]. Đang hiện kết quả cho [DIFFERENT_TERM]",
        search_suggestion: "Không có kết quả cho [SEARCH_TERM]. Hãy thử:",
        searching: "Đang tìm [SEARCH_TERM]…"
      }
    };
    if (sort) options.sort = sort;
    var ui = new window.PagefindUI(options);
    // Pagefind's input has only a title; give it an accessible name of its own.
    var input = box.querySelector("input");
    if (input) input.setAttribute("aria-label", "Tìm trong kế hoạch và văn bản");
    var select = document.getElementById("ck-sort");
    if (select) {
      select.value = sortParam;
      select.addEventListener("change", function () {
        var input = box.querySelector("input");
        var p = new URLSearchParams(window.location.search);
        if (input && input.value) p.set("q", input.value);
        if (select.value) p.set("sap-xep", select.value); else p.delete("sap-xep");
        window.location.search = p.toString();
      });
    }
    var q = params.get("q");
    if (q) ui.triggerSearch(q);
  }
})();
