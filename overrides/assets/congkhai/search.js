// The site's search: one ranking, used by the search page (/tim-kiem/), the header box and the
// tests, exposed as window.congkhaiSearch(query, options) → Promise of [{url, title, excerpt, …}]
// in the order shown.
//
// Pagefind indexes a copy of each page whose words are tokens (builder/site/search.py explains
// them; builder/publish/searchindex.py writes the copy). This file writes a query the same way:
// - a query with marks asks for its syllables exactly ("quá" is not "quả"), either tone placement;
//   only when no page has them all does it fall back to the folded syllables;
// - a query without marks asks for folded syllables, whole ("qua" is not "quan"; đ = d);
// - a query of several words asks first for its adjacent pairs (a phrase), then for the words
//   anywhere on the page; pairs are cheap to fetch, so the first results arrive after a few
//   small downloads;
// - while typing, when nothing matches, the last word counts as the beginning of a word.
// Results then say what they are (from the page's search facts) and show an excerpt decoded
// from the tokens, with only the matched words highlighted. A match in a plan's task table
// (and not in its header) leads to the task: the plan's page at the task's anchor.
(function () {
  "use strict";
  if (window.congkhaiSearch) return;

  var SEP = "\u014b";
  var NAME = "\u0127"; // in name tokens only
  var TASK_END = "ck-het"; // the anchor where a task's name ends
  var MODS = { "\u0302": "c", "\u0306": "b", "\u031b": "h" };
  var TONES = { "\u0300": "f", "\u0301": "s", "\u0309": "r", "\u0303": "x", "\u0323": "j" };
  var FLAGGED = "aeoud";
  var PAGE = 20; // results a search shows at once
  // Ranking: Pagefind's BM25 with its page-length penalty lowered (plans are long; the penalty
  // ranked a short registry entry above the plan that holds the words many times).
  var RANKING = { pageLength: 0.4, termSimilarity: 0 };

  var me = document.currentScript;
  var here = me && me.src;
  var ROOT = new URL("../../", here || window.location.href).href;
  // Other sites' indexes searched with this one (a national page over per-province sites,
  // docs/SCALING.md): data-merge='[{"bundlePath": "/x/pagefind/", "baseUrl": "/x/"}]'.
  var MERGE = JSON.parse((me && me.getAttribute("data-merge")) || "[]");
  // A large site's index in shards (mkdocs.yml extra.search_shards; the header's search-box tag
  // says how many): pagefind/ and pagefind/phan-1/ … phan-(N-1)/, one search over them all.
  var shardTag = document.querySelector("script[data-shards]");
  var SHARDS = Math.max(1, +(shardTag && shardTag.getAttribute("data-shards")) || 1);
  var SHARD_FILTER = "phan";
  var ALL_SHARDS = {};
  ALL_SHARDS[SHARD_FILTER] = { any: Array.apply(null, Array(SHARDS)).map(function (_, k) { return String(k); }) };

  // -- words and tokens (the same rules as builder/site/search.py) -----------------------------

  var infoCache = Object.create(null);
  function letterInfo(c) {
    if (c in infoCache) return infoCache[c];
    var r = null;
    if (c === "đ" || c === "Đ") {
      r = [c === "đ" ? "d" : "D", "d", ""];
    } else {
      var d = c.normalize("NFD");
      var base = d.charAt(0);
      var marks = d.slice(1);
      if (/^[A-Za-z]$/.test(base) && /^\p{M}*$/u.test(marks)) {
        var flag = "";
        var tone = "";
        var i;
        if (FLAGGED.indexOf(base.toLowerCase()) >= 0) {
          flag = "n";
          for (i = 0; i < marks.length; i++) if (MODS[marks[i]]) { flag = MODS[marks[i]]; break; }
        }
        for (i = 0; i < marks.length; i++) if (TONES[marks[i]]) { tone = TONES[marks[i]]; break; }
        r = [base, flag, tone];
      }
    }
    infoCache[c] = r;
    return r;
  }

  // Runs of Vietnamese-Latin letters and of digits: "59/2023/NĐ-CP" → 59, 2023, NĐ, CP.
  function runs(text) {
    var out = [];
    var m;
    var re = /[0-9]+|[\p{L}\p{Nl}\p{No}]+/gu;
    text = text.normalize("NFC");
    while ((m = re.exec(text))) {
      var s = m[0];
      if (/^[0-9]+$/.test(s)) { out.push(s); continue; }
      var cur = "";
      for (var c of s) {
        if (letterInfo(c)) cur += c;
        else if (cur) { out.push(cur); cur = ""; }
      }
      if (cur) out.push(cur);
    }
    return out;
  }

  function parts(run) {
    if (/^[0-9]+$/.test(run)) return { folded: run, code: "" };
    var folded = "";
    var flags = "";
    var tone = "";
    for (var c of run) {
      var info = letterInfo(c);
      folded += info[0].toLowerCase();
      flags += info[1];
      tone = tone || info[2];
    }
    return { folded: folded, code: flags + (tone || "z") };
  }

  function marked(text) {
    for (var c of text.normalize("NFC")) {
      var info = letterInfo(c);
      if (info && ((info[1] && info[1] !== "n") || info[2])) return true;
    }
    return false;
  }

  function unigram(run, exact) {
    var p = parts(run);
    return p.code ? p.folded + SEP + (exact ? p.code : "") : p.folded;
  }

  // Digits inside pair and name tokens are Greek letters (builder/site/search.py, `pair`).
  function greek(token) {
    return token.replace(/[0-9]/g, function (d) { return "αβγδεζηθικ".charAt(+d); });
  }

  function pairToken(a, b, exact) {
    var p = parts(a);
    var q = parts(b);
    return greek(SEP + p.folded + SEP + q.folded + SEP + (exact ? p.code + q.code : ""));
  }

  // Where the usual spelling puts a syllable's tone (old style: "hòa", "thủy"): an index into
  // `letters` (lower-case ASCII; `mods` one modifier flag or "" per letter), -1 without a vowel.
  var COMBINE = { c: "\u0302", b: "\u0306", h: "\u031b" };
  var TONE_MARK = { f: "\u0300", s: "\u0301", r: "\u0309", x: "\u0303", j: "\u0323" };
  function isVowel(c) { return "aeiouy".indexOf(c) >= 0; }
  function defaultToneAt(letters, mods) {
    var n = letters.length;
    var i = (letters.slice(0, 2) === "qu" || letters.slice(0, 2) === "gi") && n > 2 && isVowel(letters.charAt(2)) ? 2 : 0;
    while (i < n && !isVowel(letters.charAt(i))) i++;
    if (i === n) return -1;
    var j = i;
    while (j < n && isVowel(letters.charAt(j))) j++;
    for (var k = j - 1; k >= i; k--) if (COMBINE[mods[k]]) return k;
    if (j - i === 1 || j < n) return j - 1;
    return j - i === 3 ? i + 1 : i;
  }

  // The run an ASCII token stands for ("Dai" + "dnj" → "Đại"); null when the code does not fit.
  function withMarks(letters, code) {
    code = code.toLowerCase();
    var chars = letters.split("");
    var flagged = [];
    chars.forEach(function (c, i) { if (FLAGGED.indexOf(c.toLowerCase()) >= 0) flagged.push(i); });
    var k = flagged.length;
    if (code.length !== k + 1 && code.length !== k + 2) return null;
    var mods = chars.map(function () { return ""; });
    for (var n = 0; n < k; n++) {
      var i = flagged[n];
      var f = code.charAt(n);
      var isD = chars[i] === "d" || chars[i] === "D";
      if (f === "d" && isD) chars[i] = chars[i] === "d" ? "đ" : "Đ";
      else if (COMBINE[f] && !isD) { chars[i] += COMBINE[f]; mods[i] = f; }
      else if (f !== "n") return null;
    }
    var tone = code.charAt(k);
    if (tone !== "z") {
      if (!TONE_MARK[tone]) return null;
      var at = code.length === k + 2 ? code.charCodeAt(k + 1) - 97 : defaultToneAt(letters.toLowerCase(), mods);
      if (at < 0 || at >= letters.length) return null;
      chars[at] += TONE_MARK[tone];
    } else if (code.length === k + 2) {
      return null;
    }
    return chars.join("").normalize("NFC");
  }

  // The page text of one indexed word ("Daiŋdnj," → "Đại,"); "" for a pair or name token. A word the
  // code cannot spell kept its marks (builder/site/search.py, `token`): only its đ come back.
  function decodeWord(word) {
    if (word.charAt(0) === SEP || word.indexOf(NAME) >= 0) return "";
    return word.replace(/([^\s\d_\u014b\u014a]+?)([\u014b\u014a])([a-zA-Z]+)/gu, function (all, letters, sep, code) {
      var chars = Array.from(letters);
      var start = chars.length;
      while (start > 0 && letterInfo(chars[start - 1])) start--;
      var run = chars.slice(start);
      if (!run.length) return all;
      var head = chars.slice(0, start).join("");
      if (/^[A-Za-z]+$/.test(run.join(""))) {
        var spelled = withMarks(run.join(""), code);
        if (spelled !== null) return head + spelled;
        // letters glued to the token (text nodes without a space between them): the code is as
        // long as the letters say, the rest is text
        var k = run.filter(function (c) { return FLAGGED.indexOf(c.toLowerCase()) >= 0; }).length + 1;
        spelled = withMarks(run.join(""), code.slice(0, k));
        return spelled === null ? all : head + spelled + code.slice(k);
      }
      var flagged = [];
      run.forEach(function (c, i) { if (letterInfo(c)[1]) flagged.push(i); });
      if (code.length !== flagged.length + 1) return all;
      flagged.forEach(function (i, n) {
        if (code.charAt(n).toLowerCase() === "d") run[i] = run[i] === "D" ? "Đ" : "đ";
      });
      return head + run.join("");
    });
  }

  // What stays of a word after its pair token is dropped ("ŋabŋcdŋxy." → ".").
  function pairTail(word) {
    var m = /^\u014b[a-z\u03b1-\u03ba\u014b]+(.*)$/u.exec(word);
    return m ? m[1] : "";
  }

  // -- Pagefind ----------------------------------------------------------------------------------

  var loading = null;
  function pagefind() {
    if (!loading) {
      loading = import(ROOT + "pagefind/pagefind.js").then(function (pf) {
        // noWorker: the worker script would be one more download before the first result
        return pf
          .options({ baseUrl: new URL(ROOT).pathname, noWorker: true, ranking: RANKING })
          .then(function () {
            // each merged bundle ranks as the site's own (Pagefind's options() reach only the first)
            var base = new URL(ROOT).pathname;
            var more = MERGE.slice();
            for (var k = 1; k < SHARDS; k++) more.push({ bundlePath: base + "pagefind/phan-" + k + "/", baseUrl: base });
            return Promise.all(more.map(function (m) {
              return pf.mergeIndex(m.bundlePath, { baseUrl: m.baseUrl, ranking: RANKING });
            }));
          })
          .then(function () { return pf.init(); })
          .then(function () { return pf; });
      });
    }
    return loading;
  }

  // Sorted searches over shards: Pagefind sorts each bundle's results by date, but scores them by
  // their place in their own bundle and merges bundles by score; each bundle's ck-ngay.json (page
  // id → date, publish/searchindex.py) puts the merged list back in date order. Fetched once, on
  // the first sorted search.
  var datesLoading = null;
  function shardDates() {
    if (!datesLoading) {
      var files = [];
      for (var k = 0; k < SHARDS; k++) files.push(ROOT + "pagefind/" + (k ? "phan-" + k + "/" : "") + "ck-ngay.json");
      datesLoading = Promise.all(files.map(function (f) {
        return fetch(f).then(function (r) { return r.ok ? r.json() : {}; }).catch(function () { return {}; });
      })).then(function (tables) { return Object.assign.apply(null, [{}].concat(tables)); });
    }
    return datesLoading;
  }

  function byDate(results, desc) {
    return shardDates().then(function (dates) {
      var at = results.map(function (r, i) { return { r: r, i: i, d: dates[r.id] || "" }; });
      at.sort(function (a, b) {
        if (a.d !== b.d) return (a.d < b.d) === desc ? 1 : -1;
        return a.i - b.i; // same day: the merged order
      });
      return at.map(function (x) { return x.r; });
    });
  }

  // -- one search: stages tried in order, results kept in the order found ------------------------

  // The token of a whole name (builder/site/search.py, `name_token`): before the pair tokens of
  // its first two words, or before its one word's tokens, in Pagefind's sorted index.
  function nameToken(words, exact) {
    var ps = words.map(parts);
    var f = ps.map(function (p) { return p.folded; });
    var head = f.length === 1 ? f[0] : SEP + f[0] + SEP + f[1];
    return greek(head + f.slice(2).map(function (x) { return NAME + x; }).join("") + NAME + NAME +
      (exact ? ps.map(function (p) { return p.code; }).join("") : ""));
  }


  // A query is asked as: the whole of a page's name (a title, a number, a short name: that page
  // first), then its adjacent pairs (a phrase), then — when not every pair stands together
  // anywhere ("nhiệm vụ quá hạn": "vụ quá" nowhere) — the pairs that do, as phrases of their own,
  // with the words no such pair holds, then its words anywhere on the page.
  function stagesFor(words, exact, sorted) {
    var out = [];
    if (!sorted) {
      out.push({ terms: [nameToken(words, exact)], name: true, exact: exact });
      if (words.length > 1) {
        var pairs = [];
        for (var i = 0; i + 1 < words.length; i++) pairs.push(pairToken(words[i], words[i + 1], exact));
        out.push({ terms: pairs, phrase: true, exact: exact });
        if (words.length > 2) {
          out.push({ terms: [], pairs: pairs, unigrams: words.map(function (w) { return unigram(w, exact); }), exact: exact });
        }
      }
    }
    out.push({ terms: words.map(function (w) { return unigram(w, exact); }), exact: exact });
    return out;
  }

  function Search(query, options) {
    this.query = query;
    this.options = options || {};
    this.words = runs(query);
    this.exact = marked(query);
    var sorted = !!this.options.sort;
    this.groups = [];
    if (this.words.length) {
      this.groups.push(stagesFor(this.words, this.exact, sorted));
      if (this.exact) this.groups.push(stagesFor(this.words, false, sorted));
      if (!/\s$/.test(query)) {
        // still typing: the last word as the beginning of a word
        var last = parts(this.words[this.words.length - 1]).folded;
        var head = this.words.slice(0, -1).map(function (w) { return unigram(w, false); });
        this.groups.push([{ terms: head.concat([last]), exact: false, prefix: true }]);
      }
    }
    this.group = 0;
    this.stage = 0;
    this.hits = [];
    this.seen = Object.create(null);
    this.filters = null;
    this.counted = 0; // results of the widest stage run so far
    this.done = !this.words.length;
  }

  // The phrases a query holds where not all of its pairs stand together anywhere: the pairs
  // found somewhere, and the words none of them holds; null when every pair or none is found.
  function subPhrases(pf, stage) {
    return Promise.all(stage.pairs.map(function (t) {
      return pf.search(t).then(function (r) { return r.results.length > 0; });
    })).then(function (found) {
      var n = found.filter(Boolean).length;
      if (!n || n === found.length) return null;
      var terms = stage.pairs.filter(function (t, i) { return found[i]; });
      var loose = stage.unigrams.filter(function (u, w) { return !found[w - 1] && !found[w]; });
      return { terms: terms.concat(loose), phrase: !loose.length, sub: true, exact: stage.exact };
    });
  }

  Search.prototype.runStage = function (pf) {
    var self = this;
    var stage = this.groups[this.group][this.stage];
    if (stage.pairs) {
      return subPhrases(pf, stage).then(function (sub) {
        if (sub) return self.runStageAs(pf, sub);
        self.advance();
      });
    }
    return this.runStageAs(pf, stage);
  };

  Search.prototype.runStageAs = function (pf, stage) {
    var self = this;
    var sort = this.options.sort === "moi-nhat" ? { ngay: "desc" } : this.options.sort === "cu-nhat" ? { ngay: "asc" } : {};
    // Pagefind leaves out of its AND a word that is nowhere in the index (it would answer "dân
    // vặn" with the pages holding "dân"): a stage counts only if each of its words is somewhere.
    // Over shards, each bundle does so on its own: the stage is asked only in the shards that
    // hold every word (the shard filter's counts for each word, publish/searchindex.py).
    var filters = this.options.filters || {};
    var present = stage.terms.length < 2 ? Promise.resolve(true) : Promise.all(stage.terms.map(function (t) {
      return SHARDS < 2
        ? pf.search(t).then(function (r) { return r.results.length > 0; })
        : pf.search(t, { filters: ALL_SHARDS }).then(function (r) { return r.filters[SHARD_FILTER] || {}; });
    })).then(function (found) {
      if (SHARDS < 2) return found.every(Boolean);
      var holding = Object.keys(found[0]).filter(function (k) {
        return found.every(function (counts) { return counts[k] > 0; });
      });
      if (!holding.length) return false;
      filters = Object.assign({}, filters);
      filters[SHARD_FILTER] = { any: holding };
      return true;
    });
    // A number is a whole word ("195" is not "1957"): Pagefind matches words as prefixes, its
    // quoted search matches them whole; the pages of the stage must be among those.
    var numbers = stage.prefix ? [] : stage.terms.filter(function (t) { return /^[0-9]+$/.test(t); });
    var whole = Promise.all(numbers.map(function (n) {
      return pf.search('"' + n + '"').then(function (r) {
        var ids = Object.create(null);
        r.results.forEach(function (x) { ids[x.id] = true; });
        return ids;
      });
    }));
    return present.then(function (ok) {
      return ok ? pf.search(stage.terms.join(" "), { filters: filters, sort: sort }) : { results: [], filters: null };
    }).then(function (res) {
      if (SHARDS < 2 || !sort.ngay || !res.results.length) return res;
      return byDate(res.results, sort.ngay === "desc").then(function (sorted) {
        return { results: sorted, filters: res.filters };
      });
    }).then(function (res) {
      return whole.then(function (sets) {
        if (!sets.length) return res;
        var kept = res.results.filter(function (r) { return sets.every(function (ids) { return ids[r.id]; }); });
        return { results: kept, filters: kept.length === res.results.length ? res.filters : null };
      });
    }).then(function (res) {
      res.results.forEach(function (r) {
        if (self.seen[r.id]) return;
        self.seen[r.id] = true;
        self.hits.push({ result: r, stage: stage });
      });
      // facets count the widest stage that found something (the pages of the stages before it
      // are, but for a name, among its pages)
      if (res.results.length && res.filters) {
        self.filters = Object.assign({}, res.filters);
        delete self.filters[SHARD_FILTER]; // the shards are not a facet
      }
      self.counted = Math.max(self.counted, res.results.length);
      self.reached = stage; // the last stage run (the search page says what its results hold)
      self.advance();
    });
  };

  Search.prototype.advance = function () {
    this.stage++;
    if (this.stage >= this.groups[this.group].length) {
      // a group that found anything ends the search: folded matches do not count when the
      // syllables typed with marks are found, nor beginnings of words when whole words are
      if (this.hits.length || this.group + 1 >= this.groups.length) this.done = true;
      else { this.group++; this.stage = 0; }
    }
  };

  // At least `n` results ranked (or every stage run).
  Search.prototype.ensure = function (n) {
    var self = this;
    if (this.done || this.hits.length >= n) return Promise.resolve(this);
    return pagefind().then(function (pf) {
      // facet counts need Pagefind's filter files, fetched once (the search page asks for them;
      // the header box does not: it shows no facets)
      return (self.options.facets ? facetFiles(pf) : Promise.resolve()).then(function () { return self.runStage(pf); });
    }).then(function () { return self.ensure(n); });
  };

  var facetsLoading = null;
  function facetFiles(pf) {
    if (!facetsLoading) facetsLoading = pf.filters();
    return facetsLoading;
  }

  // The query's words as the stage asked for them (exact or folded; while typing, the last one
  // as the beginning of a word).
  Search.prototype.unigrams = function (stage) {
    if (stage.prefix) return stage.terms;
    return this.words.map(function (w) { return unigram(w, stage.exact); });
  };

  Search.prototype.page = function (offset, limit) {
    var self = this;
    return this.ensure(offset + limit).then(function () {
      return Promise.all(self.hits.slice(offset, offset + limit).map(function (h) {
        return h.result.data().then(function (f) { return item(f, h.stage, self.unigrams(h.stage)); });
      }));
    });
  };

  // -- a result as shown ------------------------------------------------------------------------

  // The keys Pagefind gave a page word (marks stripped, lower case): the word and its parts.
  function keys(word) {
    var norm = function (w) { return w.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase(); };
    var out = [norm(word).replace(/[^\p{L}\p{N}]/gu, "")];
    word.split(/[^\p{L}\p{N}]+/u).forEach(function (p) { if (p) out.push(norm(p)); });
    return out;
  }

  // The query's words that a page word is (their indexes), as the stage asks for them.
  function termsOf(word, words) {
    var ks = keys(word);
    var out = [];
    for (var t = 0; t < words.length; t++) {
      for (var k = 0; k < ks.length; k++) if (ks[k].indexOf(words[t]) === 0) { out.push(t); break; }
    }
    return out;
  }

  // The page's words as a reader sees them, each with the query words it matches.
  function visibleWords(f, stage, unis) {
    var words = f.content.split(/[\r\n\s]+/g);
    var vis = [];
    for (var i = 0; i < words.length; i++) {
      var w = words[i];
      if (!w) continue;
      if (w.indexOf(NAME) >= 0) continue; // a name token
      if (w.charAt(0) === SEP) {
        var tail = pairTail(w);
        // Pagefind ends a block with "." after the token that closes it: keep it, once
        if (tail && vis.length && !(tail === "." && /[.!?…:;]$/.test(vis[vis.length - 1].text))) {
          vis[vis.length - 1].text += tail;
        }
        continue;
      }
      vis.push({ at: i, text: decodeWord(w), terms: termsOf(w, unis), mark: false });
    }
    // In a phrase, a word counts when it stands next to the word that follows or precedes it
    // in the query; otherwise every word of the query counts.
    vis.forEach(function (v, n) {
      if (!v.terms.length) return;
      if (!stage.phrase || unis.length < 2) { v.mark = true; return; }
      var prev = vis[n - 1];
      var next = vis[n + 1];
      v.mark = v.terms.some(function (t) {
        return v.terms.indexOf(t + 1) >= 0 ||
          (next && next.terms.indexOf(t + 1) >= 0) || (prev && prev.terms.indexOf(t - 1) >= 0);
      });
    });
    return vis;
  }

  function distinct(vis, from, to) {
    var seen = {};
    var n = 0;
    for (var i = from; i < to; i++) {
      if (!vis[i].mark) continue;
      vis[i].terms.forEach(function (t) { if (!seen[t]) { seen[t] = true; n++; } });
    }
    return n;
  }

  // A task whose table row holds every word of the query, unless the page's header (title,
  // number, card: before its first anchor) holds them all: then the page itself was asked for.
  function findTask(vis, anchors, need) {
    var headerEnd = anchors.length ? anchors[0].location : Infinity;
    var h = 0;
    while (h < vis.length && vis[h].at < headerEnd) h++;
    if (distinct(vis, 0, h) >= need) return null;
    for (var i = 0; i < anchors.length; i++) {
      var a = anchors[i];
      if (!/^ck-nv-/.test(a.id)) continue;
      // the task's name ends at the "ck-het" after it (builder/publish/searchindex.py), its row
      // at the next anchor
      var j = i + 1;
      var nameEnd = null;
      if (j < anchors.length && anchors[j].id === TASK_END) nameEnd = anchors[j++].location;
      var stop = j < anchors.length ? anchors[j].location : Infinity;
      var from = 0;
      while (from < vis.length && vis[from].at < a.location) from++;
      var to = from;
      while (to < vis.length && vis[to].at < stop) to++;
      if (distinct(vis, from, to) >= need) {
        var end = from;
        while (end < to && (nameEnd === null || vis[end].at < nameEnd)) end++;
        var name = vis.slice(from, end).map(function (v) { return v.text; }).join(" ");
        return { id: a.id, name: name, from: from, to: to };
      }
    }
    return null;
  }

  // The start of the stretch of 30 words holding the most of the query's words (the first such).
  function bestWindow(vis, from, to) {
    var best = from;
    var bestN = 0;
    for (var i = from; i < to; i++) {
      if (!vis[i].mark) continue;
      var n = distinct(vis, i, Math.min(to, i + 30));
      if (n > bestN) { bestN = n; best = i; }
    }
    return best;
  }

  function item(f, stage, unis) {
    var vis = visibleWords(f, stage, unis);
    var anchors = (f.anchors || []).slice().sort(function (a, b) { return a.location - b.location; });
    var task = findTask(vis, anchors, unis.length);
    var from = task ? task.from : 0;
    var to = task ? task.to : vis.length;
    var focus = bestWindow(vis, from, to);
    var start = Math.max(from, focus - 6);
    var stop = Math.min(to, start + 26);
    var segments = vis.slice(start, stop).map(function (v) { return { text: v.text, mark: v.mark }; });
    if (start > 0) segments.unshift({ text: "…", mark: false });
    if (stop < vis.length) segments.push({ text: "…", mark: false });
    var meta = f.meta || {};
    var kind = ((f.filters || {})["Mục"] || [""])[0];
    var pageTitle = decodeText(meta.title || "");
    var number = decodeText(meta.so || "");
    return {
      url: f.url + (task ? "#" + task.id : ""),
      title: task ? task.name : pageTitle,
      excerpt: segments.map(function (x) { return x.text; }).join(" "),
      kind: task ? "Nhiệm vụ" : kind,
      number: task ? "" : number,
      when: task ? "" : decodeText(meta.thoi_gian || ""),
      context: task ? [kind + (number ? " " + number : ""), pageTitle].filter(Boolean).join(": ") : decodeText(meta.context || ""),
      segments: segments,
      exact: stage.exact,
    };
  }

  function decodeText(text) {
    return text.split(/\s+/).map(decodeWord).filter(Boolean).join(" ");
  }

  // -- exposed -------------------------------------------------------------------------------

  // congkhaiSearch(query, {limit, offset, filters, sort}) → the results shown, in order.
  window.congkhaiSearch = function (query, options) {
    options = options || {};
    var s = new Search(String(query || ""), options);
    return s.page(options.offset || 0, options.limit || PAGE);
  };
  // For the search page: a search it can page through, with its facets and count.
  window.congkhaiSearch.start = function (query, options) {
    return new Search(String(query || ""), options);
  };
  window.congkhaiSearch.preload = pagefind;
  // What a query asks the index for (tests compare it with builder/site/search.py).
  window.congkhaiSearch.terms = function (query) {
    var words = runs(String(query || ""));
    var exact = marked(String(query || ""));
    return {
      exact: exact,
      words: words,
      unigrams: words.map(function (w) { return unigram(w, exact); }),
      pairs: words.slice(1).map(function (w, i) { return pairToken(words[i], w, exact); }),
      name: words.length ? nameToken(words, exact) : "",
    };
  };
  // The page text back from indexed text (tests compare it with builder/site/search.py).
  window.congkhaiSearch.decode = decodeText;
  window.congkhaiSearch.PAGE = PAGE;
})();
