/* Suggestions as the reader types (关键词推荐, docs/search-index.md): words
 * of the site that start with what is typed, in an ARIA 1.2 combobox.
 * search.js loads this file when the search box first gets the focus;
 * node's tests require() it. */
(function (root) {
  'use strict';

  var HAN = /^\p{Script=Han}$/u;
  var PINYIN_BLOCK = 256;  // code points per readings file
  var SUGGESTIONS = 8;

  /** Suggestions for `typed`: words of the site that start with it, in
   *  characters or in pinyin (full or initials, any reading of a word, the
   *  first reading before the others); names and tags before two-character
   *  words, then the most projects.
   *  Loads one vocabulary file by its fixed name (search-index/w/<letter>.json)
   *  and, for characters, the readings file of the first one
   *  (search-index/py/<hex>.json): never the manifest. */
  function suggest(load, tokenizer, typed, limit) {
    var text = String(typed).trim();
    var folded = tokenizer.fold(text).replace(/\s+/g, '');
    var form = tokenizer.pinyinForm(text) || (/^[a-z]$/.test(folded) ? folded : null);
    if (!folded) return Promise.resolve([]);
    var first = Array.from(folded)[0];
    var letter;
    if (form) {
      letter = Promise.resolve(form[0]);
    } else if (HAN.test(first)) {
      var cp = first.codePointAt(0);
      letter = load('search-index/py/' + Math.floor(cp / PINYIN_BLOCK).toString(16) + '.json').then(function (f) {
        var r = f.readings.split(' ')[cp % PINYIN_BLOCK];
        return r ? r[0] : null;
      });
    } else {
      return Promise.resolve([]);
    }
    return letter.then(function (l) {
      if (!l || 'iuv'.indexOf(l) >= 0) return [];
      return load('search-index/w/' + l + '.json').then(function (file) {
        // Words that start with what is typed read as ICU reads them, then
        // those that do only in another reading (重庆 for "chongq").
        var first = [], other = [];
        file.words.forEach(function (e) {
          if (first.length >= limit || e[0] === folded) return;
          if (!form) {
            if (e[0].indexOf(folded) === 0) first.push(e[0]);
            return;
          }
          var readings = tokenizer.readingCombinations(e[1], 8);
          var at = readings.findIndex(function (r) {
            var syllables = r.split(' ');
            return syllables.join('').indexOf(form) === 0 ||
              (form.length >= 2 && syllables.map(function (x) { return x[0]; }).join('').indexOf(form) === 0);
          });
          if (at === 0) first.push(e[0]);
          else if (at > 0) other.push(e[0]);
        });
        return first.concat(other).slice(0, limit);
      });
    });
  }

  /** Makes `input` (role="combobox") offer suggestions in `list`
   *  (role="listbox"): 120 ms after the last key, up to 8 options; Down and
   *  Up move through them (wrapping), Enter takes one and calls `take`,
   *  Escape closes the list (or, closed, empties the box), Tab leaves.
   *  `load(path)` fetches an index file; `tokenizer` is search-tokenize.js. */
  function attach(input, list, load, tokenizer, take) {
    var run = 0, timer = null, active = -1;

    function items() { return Array.from(list.children); }

    function setActive(k) {
      var all = items();
      active = k;
      all.forEach(function (li, i) { li.setAttribute('aria-selected', i === k ? 'true' : 'false'); });
      if (k >= 0 && all[k]) {
        input.setAttribute('aria-activedescendant', all[k].id);
        if (all[k].scrollIntoView) all[k].scrollIntoView({ block: 'nearest' });
      } else {
        input.removeAttribute('aria-activedescendant');
      }
    }

    function close() {
      run++;
      list.hidden = true;
      list.textContent = '';
      input.setAttribute('aria-expanded', 'false');
      setActive(-1);
    }

    function choose(li) {
      input.value = li.textContent;
      close();
      take();
    }

    function show(words) {
      list.textContent = '';
      words.forEach(function (w, i) {
        var li = document.createElement('li');
        li.id = 'search-suggestion-' + i;
        li.setAttribute('role', 'option');
        li.setAttribute('aria-selected', 'false');
        li.textContent = w;
        li.addEventListener('mousedown', function (e) { e.preventDefault(); });  // the box keeps the focus
        li.addEventListener('click', function () { choose(li); });
        list.appendChild(li);
      });
      list.hidden = words.length === 0;
      input.setAttribute('aria-expanded', words.length ? 'true' : 'false');
      setActive(-1);
    }

    function update() {
      var mine = ++run;
      if (!input.value.trim()) { close(); return; }
      suggest(load, tokenizer, input.value, SUGGESTIONS).then(function (words) {
        if (mine === run && document.activeElement === input) show(words);
      }).catch(function () {
        if (mine === run) close();
      });
    }

    function later() {
      clearTimeout(timer);
      timer = setTimeout(update, 120);
    }

    input.addEventListener('input', later);
    input.addEventListener('keydown', function (e) {
      var all = items();
      var open = !list.hidden && all.length > 0;
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        if (!open) { update(); return; }
        var n = all.length;
        setActive(e.key === 'ArrowDown' ? (active + 1) % n : (active <= 0 ? n - 1 : active - 1));
      } else if (e.key === 'Enter') {
        if (open && active >= 0) { e.preventDefault(); choose(all[active]); } else close();
      } else if (e.key === 'Escape') {
        if (open) { e.preventDefault(); close(); } else if (input.value) { e.preventDefault(); input.value = ''; }
      } else if (e.key === 'Tab') {
        close();
      }
    });
    input.addEventListener('blur', function () { setTimeout(close, 0); });
    if (input.form) input.form.addEventListener('submit', close);
    // Typed before this file was loaded: suggest for it as for a key.
    if (document.activeElement === input && input.value.trim()) later();
    return { close: close };
  }

  var api = { suggest: suggest, attach: attach };
  if (typeof module !== 'undefined' && module.exports) module.exports = api;
  else root.BulletinSearchSuggest = api;
})(typeof self !== 'undefined' ? self : this);
