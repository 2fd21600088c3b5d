/* The /search/ page: reads ?q=, &edition= and &department=, runs the query
 * against the site's index and lists the results in #search-results.
 * The tokenizer and ranking live in search-tokenize.js and search-rank.js,
 * loaded from beside this file. Data never goes through innerHTML. */
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

  var helpersPromise = null;
  function helpers() {
    if (!helpersPromise) {
      helpersPromise = Promise.all([loadScript(scriptDir + 'search-tokenize.js'), loadScript(scriptDir + 'search-rank.js')]);
    }
    return helpersPromise;
  }

  var forgivePromise = null;
  function forgiving() {
    if (!forgivePromise) forgivePromise = helpers().then(function () { return loadScript(scriptDir + 'search-forgive.js'); });
    return forgivePromise;
  }

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

  /** When the query matches nothing exactly: the query rewritten into words
   *  of the site (a department it abbreviates, the word its pinyin spells,
   *  the word it writes with a wrong character of the same sound), tried in
   *  that order; the first that matches exactly is shown with "您是不是要找".
   *  Otherwise the near matches: most of the query's words, or else every
   *  one of its characters close together. Resolves to {hits, near, parsed,
   *  t2s, hint}. */
  function forgive(state, p, ranked) {
    return forgiving().then(function () { return forgiveLoaded(state, p, ranked); });
  }

  function forgiveLoaded(state, p, ranked) {
    var R = window.BulletinSearchRank, T = window.BulletinSearchTokenize, F = window.BulletinSearchForgive;
    var index = state.index;
    var allowed = index.filter(p.edition, p.department);
    var editionOf = function (id) { return index.editionOf(id); };
    var folded = T.fold(p.q, state.t2s);
    var foldT2s = function (x) { return T.fold(x, state.t2s); };
    var attempts = [];
    var departments = R.departmentsSpelled(folded, index.manifest.departments, foldT2s);
    if (departments.length) attempts.push(function () { return departments[0].name; });
    var form = F.pinyinForm(p.q);
    if (form) {
      attempts.push(function () {
        return index.words(form[0]).then(function (words) {
          var w = F.spelledWord(form, words);
          if (w) return w.text;
          // Not one word: a chain of two-character words, from the shards of its letters.
          var letters = Array.from(new Set(form.split('')));
          return Promise.all(letters.map(function (l) {
            return index.words(l).then(function (ws) { return [l, ws]; });
          })).then(function (shards) {
            var byLetter = new Map(shards);
            return F.spelledChain(form, function (l) { return byLetter.get(l); });
          });
        });
      });
    } else if (/\p{Script=Han}/u.test(folded)) {
      attempts.push(function () {
        return index.readingsFor(folded).then(function (readings) {
          var letters = new Set();
          Array.from(folded).forEach(function (c) { if (readings.has(c)) letters.add(readings.get(c)[0]); });
          return Promise.all(Array.from(letters).map(function (l) {
            return index.words(l).then(function (words) { return [l, words]; });
          })).then(function (shards) {
            var byLetter = new Map(shards);
            return F.correctSounds(folded, readings, function (l) { return byLetter.get(l); },
              function (token) { return state.postings.has(token); });
          });
        });
      });
    }
    function attempt(k) {
      if (k >= attempts.length) return Promise.resolve(null);
      return Promise.resolve(attempts[k]()).then(function (text) {
        if (!text || text === folded) return attempt(k + 1);
        return index.t2sFor(text).then(function (t2s) {
          var parsed = R.parseQuery(text, T, t2s);
          return index.postings(parsed.tokens).then(function (postings) {
            var r = R.rank(parsed, postings, allowed, editionOf);
            if (r.near || !r.hits.length) return attempt(k + 1);
            return { hits: r.hits, near: false, parsed: parsed, t2s: t2s, hint: text };
          });
        });
      });
    }
    return attempt(0).then(function (found) {
      if (found) return found;
      if (ranked.hits.length) return { hits: ranked.hits, near: true, parsed: state.parsed, t2s: state.t2s };
      // Every character of the query, close together in one project.
      var chars = Array.from(new Set(Array.from(folded).filter(function (c) { return /\p{Script=Han}/u.test(c); })));
      if (chars.length < 2) return { hits: [], near: false, parsed: state.parsed, t2s: state.t2s };
      return index.postings(chars).then(function (postings) {
        var fieldsOf = new Map();
        chars.forEach(function (c) {
          (postings.get(c) || []).forEach(function (e) {
            if (!allowed(e.doc)) return;
            if (!fieldsOf.has(e.doc)) fieldsOf.set(e.doc, new Map());
            var f = fieldsOf.get(e.doc);
            f.set(c, (f.get(c) || 0) | (1 << e.field));
          });
        });
        // Those with every character; the ones with all of them in one
        // short field first, at most 60 documents read.
        var ids = [];
        fieldsOf.forEach(function (f, id) {
          if (f.size !== chars.length) return;
          var together = 0;
          for (var field = 0; field < 4; field++) {
            if (Array.from(f.values()).every(function (bits) { return bits & (1 << field); })) together = Math.max(together, 4 - field);
          }
          ids.push({ id: id, together: together });
        });
        ids.sort(function (a, b) { return b.together - a.together || a.id - b.id; });
        ids = ids.slice(0, 60).map(function (x) { return x.id; });
        return index.documents(ids).then(function (docs) {
          var foldedDocs = new Map();
          docs.forEach(function (d, id) {
            foldedDocs.set(id, { title: foldT2s(d.title), department: foldT2s(d.department),
              tags: (d.tags || []).map(foldT2s), text: foldT2s(d.text) });
          });
          var parsed = R.parseQuery(chars.join(' '), T, state.t2s);
          return { hits: F.rankByCloseness(chars, foldedDocs, editionOf), near: true, parsed: parsed, t2s: state.t2s };
        });
      });
    });
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

  /* Suggestions as the reader types: an ARIA 1.2 combobox (role="combobox"
   * on the box, a role="listbox" popup, aria-activedescendant for the
   * option under the arrow keys). Down/Up move, Enter takes the option and
   * searches, Escape closes the list (or, closed, empties the box), Tab
   * leaves it. */
  var suggestions = document.getElementById('search-suggestions');
  var suggestRun = 0, suggestTimer = null, active = -1;
  var SUGGESTIONS = 8;

  function suggestionItems() { return suggestions ? Array.from(suggestions.children) : []; }

  function setActive(k) {
    var items = suggestionItems();
    active = k;
    items.forEach(function (li, i) { li.setAttribute('aria-selected', i === k ? 'true' : 'false'); });
    if (k >= 0 && items[k]) {
      input.setAttribute('aria-activedescendant', items[k].id);
      if (items[k].scrollIntoView) items[k].scrollIntoView({ block: 'nearest' });
    } else {
      input.removeAttribute('aria-activedescendant');
    }
  }

  function closeSuggestions() {
    if (!suggestions) return;
    suggestRun++;
    suggestions.hidden = true;
    suggestions.textContent = '';
    input.setAttribute('aria-expanded', 'false');
    setActive(-1);
  }

  function takeSuggestion(li) {
    input.value = li.textContent;
    closeSuggestions();
    go(true);
  }

  function showSuggestions(words) {
    suggestions.textContent = '';
    words.forEach(function (w, i) {
      var li = document.createElement('li');
      li.id = 'search-suggestion-' + i;
      li.setAttribute('role', 'option');
      li.setAttribute('aria-selected', 'false');
      li.textContent = w;
      li.addEventListener('mousedown', function (e) { e.preventDefault(); });  // the box keeps the focus
      li.addEventListener('click', function () { takeSuggestion(li); });
      suggestions.appendChild(li);
    });
    suggestions.hidden = words.length === 0;
    input.setAttribute('aria-expanded', words.length ? 'true' : 'false');
    setActive(-1);
  }

  function updateSuggestions() {
    var mine = ++suggestRun;
    var typed = input.value;
    if (!typed.trim()) { closeSuggestions(); return; }
    forgiving().then(function () {
      return window.BulletinSearchForgive.suggest(load, window.BulletinSearchTokenize, typed, SUGGESTIONS);
    }).then(function (words) {
      if (mine === suggestRun && document.activeElement === input) showSuggestions(words);
    }).catch(function () {
      if (mine === suggestRun) closeSuggestions();
    });
  }

  if (suggestions) {
    input.addEventListener('input', function () {
      clearTimeout(suggestTimer);
      suggestTimer = setTimeout(updateSuggestions, 120);
    });
    input.addEventListener('keydown', function (e) {
      var items = suggestionItems();
      var open = !suggestions.hidden && items.length > 0;
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        if (!open) { updateSuggestions(); return; }
        var n = items.length;
        setActive(e.key === 'ArrowDown' ? (active + 1) % n : (active <= 0 ? n - 1 : active - 1));
      } else if (e.key === 'Enter') {
        if (open && active >= 0) { e.preventDefault(); takeSuggestion(items[active]); } else closeSuggestions();
      } else if (e.key === 'Escape') {
        if (open) { e.preventDefault(); closeSuggestions(); } else if (input.value) { e.preventDefault(); input.value = ''; }
      } else if (e.key === 'Tab') {
        closeSuggestions();
      }
    });
    input.addEventListener('blur', function () { setTimeout(closeSuggestions, 0); });
  }

  form.addEventListener('submit', function (e) { e.preventDefault(); closeSuggestions(); go(true); });
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
