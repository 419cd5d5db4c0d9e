// Offline search over search-index.json (its format is described in PageRenderer+Search.swift):
// prefix matching on words of titles, topics, sources and summaries, with topic and date-range
// filters. No third-party code. Word → entries postings are built once, so a query costs a binary
// search per word and a walk over the postings it matches, never a scan of the archive's text.
// The URL's q, tag, from and to parameters fill the form; #status gets data-ms (time of the last
// search, rendering included) and data-load-ms (fetching, parsing and indexing).
(() => {
  "use strict";
  const script = document.currentScript;
  const indexURL = new URL(script.getAttribute("data-index"), location.href);
  const root = new URL(".", indexURL);
  const byId = (id) => document.getElementById(id);
  const form = { q: byId("q"), tag: byId("tag"), from: byId("from"), to: byId("to") };
  const status = byId("status");
  const list = byId("results");
  const LIMIT = 50;
  const DAY_MS = 86400000;

  let index = null; // the parsed search-index.json
  let days = null; // day number (days since 1970-01-01) of each row
  let words = []; // every word, sorted, so the words with a prefix form one run
  let postings = []; // postings[i]: ascending row ids whose text has words[i]
  let hits = null; // hits[id]: how many query words row id has matched so far

  const ascii = /^[\x00-\x7f]*$/;
  const unaccent = (text) => text.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  const fold = (text) => (ascii.test(text) ? text : unaccent(text)).toLowerCase();
  const tokens = (text) => fold(text).match(/[\p{L}\p{N}]+/gu) || [];
  const isoDay = (day) => new Date(day * DAY_MS).toISOString().slice(0, 10);
  const dayOf = (value) => (value ? Math.floor(Date.parse(value) / DAY_MS) : NaN);
  const plainSlug = (title) => title.replace(/[^A-Za-z0-9]+/g, "-").toLowerCase().replace(/^-|-$/g, "");

  function build(data) {
    index = data;
    const rows = data.entries;
    const map = new Map();
    const tagWords = data.tags.map(tokens);
    const sourceWords = data.sources.map(tokens);
    let id = 0;
    const add = (word) => {
      let ids = map.get(word);
      if (ids === undefined) map.set(word, (ids = []));
      if (ids[ids.length - 1] !== id) ids.push(id);
    };
    days = new Int32Array(rows.length);
    let day = data.latest;
    for (; id < rows.length; id++) {
      const row = rows[id];
      day -= row[1];
      days[id] = day;
      tokens(row[0] + " " + row[4]).forEach(add);
      for (const t of row[2]) tagWords[t].forEach(add);
      for (const s of row[3]) sourceWords[s].forEach(add);
    }
    words = Array.from(map.keys()).sort();
    postings = words.map((word) => map.get(word));
    hits = new Uint8Array(rows.length);
  }

  // The run of words starting with `prefix`, as [first, end) positions in `words`, and its postings' size.
  function run(prefix) {
    let lo = 0;
    let hi = words.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (words[mid] < prefix) lo = mid + 1;
      else hi = mid;
    }
    let end = lo;
    let size = 0;
    for (; end < words.length && words[end].startsWith(prefix); end++) size += postings[end].length;
    return { first: lo, end, size };
  }

  // Marks the rows that have a word starting with each query word (at most 255 words): after query
  // word k, hits[id] === k + 1 for the rows that matched all so far. Rarest first, to stop early.
  function matching(query) {
    const runs = query.slice(0, 255).map(run).sort((a, b) => a.size - b.size);
    hits.fill(0);
    for (let k = 0; k < runs.length; k++) {
      let matched = 0;
      for (let i = runs[k].first; i < runs[k].end; i++) {
        for (const id of postings[i]) if (hits[id] === k) { hits[id] = k + 1; matched++; }
      }
      if (matched === 0) return 0;
    }
    return runs.length;
  }

  function search() {
    if (!index) return;
    const started = performance.now();
    const query = tokens(form.q.value);
    const tag = form.tag.value;
    const from = dayOf(form.from.value);
    const to = dayOf(form.to.value);
    if (query.length === 0 && !tag && isNaN(from) && isNaN(to)) {
      list.textContent = "";
      status.textContent = "Type to search " + index.entries.length + " entries.";
      remember();
      return;
    }
    const tagIndex = tag ? index.tagSlugs.indexOf(tag) : -1;
    const keep = (id) =>
      (tagIndex < 0 || index.entries[id][2].includes(tagIndex)) &&
      !(days[id] < from) && !(days[id] > to); // comparisons with NaN are false: no bound
    const need = query.length > 0 ? matching(query) : -1; // a row needs hits[id] === need; -1: no words
    const results = [];
    if (need !== 0) {
      for (let id = 0; id < days.length; id++) {
        if ((need < 0 || hits[id] === need) && keep(id)) results.push(id);
      }
    }
    render(results);
    const ms = performance.now() - started;
    status.textContent = results.length + (results.length === 1 ? " entry" : " entries") +
      (results.length > LIMIT ? ", showing the newest " + LIMIT : "") + " (" + Math.round(ms) + " ms).";
    status.dataset.ms = ms.toFixed(1);
    remember();
  }

  // A row's page: its path, or its day's folder and its slug, or a prefix of the slug of its title.
  function pathOf(row, day) {
    const last = row[5];
    if (typeof last === "string" && last.includes("/")) return last;
    const slug = typeof last === "string" ? last : plainSlug(row[0]).slice(0, last);
    return isoDay(day).replace(/-/g, "/") + "/" + encodeURIComponent(slug) + ".html";
  }

  function render(results) {
    const fragment = document.createDocumentFragment();
    for (const id of results.slice(0, LIMIT)) {
      const row = index.entries[id];
      const item = document.createElement("li");
      item.dataset.date = isoDay(days[id]);
      item.dataset.tags = row[2].map((t) => index.tagSlugs[t]).join(" ");
      const link = document.createElement("a");
      link.href = new URL(pathOf(row, days[id]), root).href;
      link.textContent = row[0];
      const meta = document.createElement("p");
      meta.className = "meta";
      const time = document.createElement("time");
      time.dateTime = time.textContent = item.dataset.date;
      const named = (ids, table) => ids.map((i) => table[i]).join(", ");
      meta.append(time, " · " + named(row[3], index.sources));
      if (row[2].length > 0) meta.append(" · " + named(row[2], index.tags));
      const summary = document.createElement("p");
      summary.textContent = row[4];
      item.append(link, meta, summary);
      fragment.appendChild(item);
    }
    list.textContent = "";
    list.appendChild(fragment);
  }

  // Keeps the address in step with the form, so a search can be bookmarked or shared.
  function remember() {
    const params = new URLSearchParams();
    for (const key of Object.keys(form)) if (form[key].value) params.set(key, form[key].value);
    const text = params.toString();
    history.replaceState(null, "", text ? "?" + text : location.pathname);
  }

  const loadStarted = performance.now();
  status.textContent = "Loading the search index…";
  fetch(indexURL)
    .then((response) => {
      if (!response.ok) throw new Error(response.statusText);
      return response.json();
    })
    .then((data) => {
      if (data.version !== 3) throw new Error("unknown search index version");
      build(data);
      status.dataset.loadMs = (performance.now() - loadStarted).toFixed(1);
      const params = new URLSearchParams(location.search);
      for (const key of Object.keys(form)) if (params.get(key)) form[key].value = params.get(key);
      search();
      for (const type of ["input", "change"]) {
        for (const key of Object.keys(form)) form[key].addEventListener(type, search);
      }
    })
    .catch(() => {
      status.textContent = "The search index could not be loaded.";
    });
})();
