/* The /search/ page: reads ?q=, &edition= and &department=, runs the query
 * against the site's index and lists the results in #search-results.
 * The tokenizer and ranking live in search-tokenize.js and search-rank.js,
 * loaded from beside this file; search-forgive.js (and search-near.js) only
 * when a query matches nothing exactly, search-suggest.js only when the
 * reader is in the search box. Data never goes through innerHTML. */
(function () {
  'use strict';

  var app = document.getElementById('search-app');
  if (!app) return;
  var PAGE_SIZE = 20;
  var SNIPPET_LENGTH = 90;
  var siteRoot = app.getAttribute('data-root') || './';
  var offline = app.getAttribute('data-offline') === 'true';
  var form = document.getElementById('search-form');
  var input = document.getElementById('search-q');
  var editionSelect = document.getElementById('search-edition');
  var departmentSelect = document.getElementById('search-department');
  var status = document.getElementById('search-status');
  var list = document.getElementById('search-results');
  var scriptDir = (document.currentScript && document.currentScript.src || '').replace(/[^/]*$/, '');
  var strings = readStrings();
  var indexPromise = null;
  var run = 0;  // a newer search makes the results of an older one stale
  var moreButton = null;

  var DEFAULTS = {
    search_results_count: '找到 {n} 条结果',
    search_no_results: '没有找到与“{q}”相关的结果。',
    search_near_matches: '没有完全匹配的结果，以下为相近结果（{n} 条）',
    search_near_label: '相近结果',
    search_loading: '正在载入搜索索引……',
    search_error: '搜索索引载入失败，请稍后重试。',
    search_empty: '请输入要搜索的词语。',
    search_more: '显示更多结果',
    search_did_you_mean: '您是不是要找：',
    search_suggestions: '搜索建议'
  };

  function readStrings() {
    var el = document.getElementById('search-strings');
    try { return JSON.parse(el ? el.textContent : '{}') || {}; } catch (e) { return {}; }
  }

  function say(key, values) {
    var text = strings[key] || DEFAULTS[key] || key;
    return text.replace(/\{(\w+)\}/g, function (m, name) { return values && name in values ? values[name] : m; });
  }

  // Offline copies run from file://, where fetch() is refused: the index
  // then comes as scripts that store their data in window.BULLETIN_SEARCH.
  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var s = document.createElement('script');
      s.src = src;
      s.async = false;
      s.onload = function () { resolve(); };
      s.onerror = function () { reject(new Error('cannot load ' + src)); };
      document.head.appendChild(s);
    });
  }

  var cache = new Map();
  function load(path) {
    if (!cache.has(path)) {
      var loaded;
      if (offline) {
        var store = window.BULLETIN_SEARCH || {};
        loaded = path in store ? Promise.resolve(store[path]) : loadScript(siteRoot + path.replace(/\.json$/, '.js'))
          .then(function () { return window.BULLETIN_SEARCH[path]; });
      } else {
        loaded = fetch(siteRoot + path).then(function (r) {
          if (!r.ok) throw new Error(path + ': ' + r.status);
          return r.json();
        });
      }
      cache.set(path, loaded);
    }
    return cache.get(path);
  }

  // The helper scripts beside this one, each loaded once, when first needed.
  var scripts = new Map();
  function script(name) {
    if (!scripts.has(name)) scripts.set(name, loadScript(scriptDir + name));
    return scripts.get(name);
  }

  function helpers() { return Promise.all([script('search-tokenize.js'), script('search-rank.js')]); }

  function engine() {
    if (!indexPromise) {
      indexPromise = helpers()
        .then(function () { return window.BulletinSearchRank.openIndex(load, window.BulletinSearchTokenize); });
    }
    return indexPromise;
  }

  function readParams() {
    var params = new URLSearchParams(location.search);  // turns a form's + into a space
    return { q: (params.get('q') || '').trim(), edition: params.get('edition') || '', department: params.get('department') || '' };
  }

  function showParams(p) {
    input.value = p.q;
    if (editionSelect) editionSelect.value = p.edition;
    if (departmentSelect) departmentSelect.value = p.department;
  }

  function pageLink(url) { return siteRoot + url + (offline ? 'index.html' : ''); }

  function appendPieces(parent, pieces) {
    pieces.forEach(function (piece) {
      var node = piece.mark ? document.createElement('mark') : document.createTextNode(piece.text);
      if (piece.mark) node.textContent = piece.text;
      parent.appendChild(node);
    });
  }

  function resultItem(doc, index, parsed, t2s, near) {
    var R = window.BulletinSearchRank, T = window.BulletinSearchTokenize;
    var li = document.createElement('li');
    li.className = near ? 'search-result search-result-near' : 'search-result';
    var a = document.createElement('a');
    a.href = pageLink(doc.url);
    appendPieces(a, R.snippet(doc.title, R.highlightRanges(doc.title, parsed, T, t2s), doc.title.length));
    li.appendChild(a);
    if (near) {
      var label = document.createElement('span');
      label.className = 'search-near';
      label.textContent = say('search_near_label');
      li.appendChild(document.createTextNode(' '));
      li.appendChild(label);
    }
    var meta = document.createElement('p');
    meta.className = 'search-meta';
    var edition = index.manifest.editions.find(function (e) { return e.id === doc.edition; });
    meta.textContent = doc.department + ' · ' + (edition ? edition.title : doc.edition);
    li.appendChild(meta);
    var text = document.createElement('p');
    text.className = 'search-snippet';
    appendPieces(text, R.snippet(doc.text, R.highlightRanges(doc.text, parsed, T, t2s), SNIPPET_LENGTH));
    li.appendChild(text);
    return li;
  }

  /** "您是不是要找：X" under the status, X a link that searches for X. */
  function showHint(text) {
    var hint = document.getElementById('search-hint');
    if (!hint) {
      hint = document.createElement('p');
      hint.id = 'search-hint';
      hint.className = 'search-hint';
      status.parentNode.insertBefore(hint, status.nextSibling);
    }
    hint.textContent = '';
    hint.hidden = !text;
    if (!text) return;
    hint.appendChild(document.createTextNode(say('search_did_you_mean')));
    var a = document.createElement('a');
    a.href = '?q=' + encodeURIComponent(text);
    a.textContent = text;
    a.addEventListener('click', function (e) {
      e.preventDefault();
      input.value = text;
      go(true);
    });
    hint.appendChild(a);
  }

  /** When the query matches nothing exactly: search-forgive.js rewrites
   *  it into words of the site or finds near matches (with search-near.js,
   *  only if it needs it). Resolves to {hits, near, parsed, t2s, hint}. */
  function forgive(state, p, ranked) {
    var near = function () { return script('search-near.js').then(function () { return window.BulletinSearchNear; }); };
    return helpers().then(function () { return script('search-forgive.js'); })
      .then(function () { return window.BulletinSearchForgive.forgive(state, p, ranked, near); });
  }

  /** The projects of the departments that the query abbreviates, not in
   *  `hits`, marked as near matches after them. */
  function departmentHits(index, p, hits) {
    var R = window.BulletinSearchRank, T = window.BulletinSearchTokenize;
    var m = index.manifest;
    var spelled = R.departmentsSpelled(T.fold(p.q), m.departments, function (x) { return T.fold(x); });
    var have = new Set(hits.map(function (h) { return h.doc; }));
    var allowed = index.filter(p.edition, p.department);
    var out = [];
    spelled.forEach(function (d) {
      var k = m.departments.indexOf(d);
      m.groups.forEach(function (g) {
        if (g[1] !== k) return;
        for (var id = g[2]; id < g[2] + g[3]; id++) {
          if (!have.has(id) && allowed(id)) { have.add(id); out.push({ doc: id, score: 0, near: true }); }
        }
      });
    });
    return out.sort(function (a, b) { return index.editionOf(b.doc) - index.editionOf(a.doc) || a.doc - b.doc; });
  }

  function showPage(state, from) {
    var ids = state.hits.slice(from, from + PAGE_SIZE).map(function (h) { return h.doc; });
    return state.index.documents(ids).then(function (docs) {
      if (state.run !== run) return;
      var first = null;
      ids.forEach(function (id) {
        var hit = state.hits[from + ids.indexOf(id)] || {};
        var li = resultItem(docs.get(id), state.index, state.parsed, state.t2s, state.near || hit.near === true);
        list.appendChild(li);
        first = first || li;
      });
      state.shown = from + ids.length;
      if (moreButton) moreButton.hidden = state.shown >= state.hits.length;
      return first;
    });
  }

  function search(p) {
    var started = performance.now();
    var mine = ++run;
    list.textContent = '';
    showHint(null);
    if (moreButton) moreButton.hidden = true;
    if (!p.q) { status.textContent = p.edition || p.department ? say('search_empty') : ''; return Promise.resolve(); }
    status.textContent = say('search_loading');
    app.setAttribute('aria-busy', 'true');
    var state = { run: mine };
    return engine().then(function (index) {
      state.index = index;
      return index.t2sFor(p.q);
    }).then(function (t2s) {
      var R = window.BulletinSearchRank;
      state.t2s = t2s;
      state.parsed = R.parseQuery(p.q, window.BulletinSearchTokenize, t2s);
      return state.index.postings(state.parsed.tokens);
    }).then(function (postings) {
      if (mine !== run) return;
      var index = state.index;
      state.postings = postings;
      var ranked = window.BulletinSearchRank.rank(state.parsed, postings, index.filter(p.edition, p.department),
        function (id) { return index.editionOf(id); });
      // Exact matches come first as they are; only the projects of a
      // department the query abbreviates (公安局: 区公安分局) may follow them.
      if (ranked.hits.length && !ranked.near) {
        return { hits: ranked.hits.concat(departmentHits(index, p, ranked.hits)), near: false,
          parsed: state.parsed, t2s: state.t2s };
      }
      return forgive(state, p, ranked);
    }).then(function (found) {
      if (!found || mine !== run) return;
      state.hits = found.hits;
      state.near = found.near;
      state.parsed = found.parsed;
      state.t2s = found.t2s;
      showHint(found.hint);
      moreButton.onclick = function () {
        showPage(state, state.shown).then(function (first) { if (first) first.querySelector('a').focus(); });
      };
      return showPage(state, 0).then(function () {
        if (mine !== run) return;
        var n = state.hits.length;
        status.textContent = n === 0 ? say('search_no_results', { q: p.q })
          : say(state.near ? 'search_near_matches' : 'search_results_count', { n: n });
        app.setAttribute('data-search-ms', String(Math.round(performance.now() - started)));
      });
    }).catch(function () {
      if (mine === run) status.textContent = say('search_error');
    }).then(function () {
      if (mine === run) app.removeAttribute('aria-busy');
    });
  }

  function go(push) {
    var p = {
      q: input.value.trim(),
      edition: editionSelect ? editionSelect.value : '',
      department: departmentSelect ? departmentSelect.value : ''
    };
    var params = new URLSearchParams();
    Object.keys(p).forEach(function (k) { if (p[k]) params.set(k, p[k]); });
    var url = location.pathname + (params.toString() ? '?' + params.toString() : '');
    if (push && url !== location.pathname + location.search) {
      try {
        history.pushState(p, '', url);
      } catch (e) {
        form.submit();  // some file:// pages refuse pushState: a normal GET still works
        return;
      }
    }
    search(p);
  }

  moreButton = document.createElement('button');
  moreButton.type = 'button';
  moreButton.className = 'search-more';
  moreButton.textContent = say('search_more');
  moreButton.hidden = true;
  list.parentNode.insertBefore(moreButton, list.nextSibling);

  /* Suggestions as the reader types (search-suggest.js, an ARIA 1.2
   * combobox), loaded when the box first gets the focus or is typed in. */
  var suggestions = document.getElementById('search-suggestions');
  var suggesting = null;
  function wakeSuggestions() {
    if (suggesting) return;
    suggesting = Promise.all([script('search-tokenize.js'), script('search-suggest.js')]).then(function () {
      window.BulletinSearchSuggest.attach(input, suggestions, load, window.BulletinSearchTokenize, function () { go(true); });
    }).catch(function () {});
  }
  if (suggestions) {
    input.addEventListener('focus', wakeSuggestions);
    input.addEventListener('input', wakeSuggestions);
  }

  form.addEventListener('submit', function (e) { e.preventDefault(); go(true); });
  [editionSelect, departmentSelect].forEach(function (select) {
    if (select) select.addEventListener('change', function () { if (input.value.trim()) go(true); });
  });
  window.addEventListener('popstate', function () {
    var p = readParams();
    showParams(p);
    search(p);
  });

  var initial = readParams();
  showParams(initial);
  if (initial.q) search(initial);
})();
