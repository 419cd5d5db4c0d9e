// Offline search over search-index.json: prefix matching on words of titles, topics, sources and
// summaries, with topic and date-range filters. No third-party code; an inverted index of word
// prefixes is built once so each keystroke costs a few binary searches, not a scan of the archive.
(function () {
  "use strict";
  var script = document.currentScript;
  var indexURL = new URL(script.getAttribute("data-index"), location.href);
  var root = new URL(".", indexURL);
  var form = { q: document.getElementById("q"), tag: document.getElementById("tag"),
               from: document.getElementById("from"), to: document.getElementById("to") };
  var status = document.getElementById("status");
  var list = document.getElementById("results");
  var data = null, words = [], postings = [], tagSlugs = [];
  var LIMIT = 50;

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  function tokens(text) {
    return fold(text).split(/[^\p{L}\p{N}]+/u).filter(function (w) { return w.length > 0; });
  }
  function slug(text) { return tokens(text).join("-"); }

  function build(index) {
    data = index;
    tagSlugs = index.tags.map(slug);
    var map = new Map();
    index.entries.forEach(function (row, id) {
      var text = row[0] + " " + row[5] + " " + row[3].map(function (t) { return index.tags[t]; }).join(" ") +
        " " + row[4].map(function (s) { return index.sources[s]; }).join(" ");
      tokens(text).forEach(function (w) {
        var ids = map.get(w);
        if (!ids) { ids = []; map.set(w, ids); }
        if (ids[ids.length - 1] !== id) ids.push(id);
      });
    });
    words = Array.from(map.keys()).sort();
    postings = words.map(function (w) { return map.get(w); });
  }

  // Entries whose words start with `prefix`: the sorted word list makes them one contiguous run.
  function matching(prefix) {
    var lo = 0, hi = words.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (words[mid] < prefix) lo = mid + 1; else hi = mid; }
    var found = new Set();
    for (var i = lo; i < words.length && words[i].startsWith(prefix); i++) {
      postings[i].forEach(function (id) { found.add(id); });
    }
    return found;
  }

  function dayNumber(value) { return value ? parseInt(value.replace(/-/g, ""), 10) : 0; }

  function run() {
    if (!data) return;
    var started = performance.now();
    var query = tokens(form.q.value);
    var tag = form.tag.value, from = dayNumber(form.from.value), to = dayNumber(form.to.value);
    if (query.length === 0 && !tag && !from && !to) {
      list.textContent = "";
      status.textContent = "Type to search " + data.entries.length + " entries.";
      return;
    }
    var ids = null;
    query.forEach(function (word) {
      var hits = matching(word);
      ids = ids === null ? hits : new Set(Array.from(ids).filter(function (id) { return hits.has(id); }));
    });
    var candidates = ids === null ? data.entries.map(function (_, id) { return id; }) : Array.from(ids).sort(function (a, b) { return a - b; });
    var tagIndex = tag ? tagSlugs.indexOf(tag) : -1;
    var results = candidates.filter(function (id) {
      var row = data.entries[id];
      if (tagIndex >= 0 && row[3].indexOf(tagIndex) < 0) return false;
      if (from && row[2] < from) return false;
      if (to && row[2] > to) return false;
      return true;
    });
    render(results);
    var ms = Math.round(performance.now() - started);
    status.textContent = results.length + (results.length === 1 ? " entry" : " entries") +
      (results.length > LIMIT ? ", showing the newest " + LIMIT : "") + " (" + ms + " ms).";
    status.setAttribute("data-ms", String(ms));
  }

  function render(results) {
    var fragment = document.createDocumentFragment();
    results.slice(0, LIMIT).forEach(function (id) {
      var row = data.entries[id];
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = new URL(row[1], root).href;
      link.textContent = row[0];
      var meta = document.createElement("p");
      meta.className = "meta";
      var d = String(row[2]);
      meta.textContent = d.slice(0, 4) + "-" + d.slice(4, 6) + "-" + d.slice(6) + " · " +
        row[4].map(function (s) { return data.sources[s]; }).join(", ");
      var summary = document.createElement("p");
      summary.textContent = row[5];
      item.appendChild(link); item.appendChild(meta); item.appendChild(summary);
      fragment.appendChild(item);
    });
    list.textContent = "";
    list.appendChild(fragment);
  }

  fetch(indexURL).then(function (r) { return r.json(); }).then(function (index) {
    build(index);
    var params = new URLSearchParams(location.search);
    if (params.get("q")) form.q.value = params.get("q");
    if (params.get("tag")) form.tag.value = params.get("tag");
    run();
  }).catch(function () { status.textContent = "The search index could not be loaded."; });
  ["input", "change"].forEach(function (type) {
    Object.keys(form).forEach(function (key) { form[key].addEventListener(type, run); });
  });
})();
