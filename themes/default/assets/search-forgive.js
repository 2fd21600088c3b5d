/* The forgiving search (docs/search-index.md, "When nothing matches
 * exactly"): the query rewritten into words of the site (a department it
 * abbreviates, the word its pinyin spells, the word it writes with wrong
 * characters of the same sound). Loaded only when a query matches nothing
 * exactly; search-near.js has the rest (a chain of words for pinyin, near
 * matches by closeness). node's tests require() it. */
(function (root) {
  'use strict';

  var node = typeof module !== 'undefined' && module.exports;
  var R = node ? require('./search-rank.js') : root.BulletinSearchRank;
  var HAN = /^\p{Script=Han}$/u;
  var HAN_ANY = /\p{Script=Han}/u;
  var PINYIN_BLOCK = 256;       // code points per readings file
  var QUERY_READINGS = 4;       // readings of a run or a pair of the query tried at most

  function compareArrays(a, b) {
    for (var i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
    return 0;
  }

  /** Map ideograph -> its readings (["xing", "hang"]) for the ideographs
   *  of `text`, from the readings files of their blocks of 256 code points. */
  function readingsFor(index, text) {
    var m = index.manifest.pinyin;
    var chars = Array.from(new Set(Array.from(String(text)).filter(function (c) { return HAN.test(c); })));
    var blocks = new Map();
    chars.forEach(function (c) {
      var b = Math.floor(c.codePointAt(0) / PINYIN_BLOCK);
      if (m && b >= m.first && b <= m.last && !blocks.has(b)) blocks.set(b, index.load(m.path + b.toString(16) + '.json'));
    });
    var out = new Map();
    return Promise.all(Array.from(blocks.values())).then(function () {
      return Promise.all(chars.map(function (c) {
        var b = Math.floor(c.codePointAt(0) / PINYIN_BLOCK);
        if (!blocks.has(b)) return null;
        return blocks.get(b).then(function (f) {
          var r = f.readings.split(' ')[c.codePointAt(0) % PINYIN_BLOCK];
          if (r) out.set(c, r.split(','));
        });
      }));
    }).then(function () { return out; });
  }

  /** The sound table's file of a key: by the hash of its letters ("ti jian":
   *  "tijian"), of the whole key for initials ("=tj"). */
  function soundPath(index, key) {
    var s = index.manifest.sound;
    var hashed = key[0] === '=' ? key : key.replace(/ /g, '');
    var shard = (index.tokenizer.tokenHash(hashed) & (s.shards - 1)).toString(16);
    return s.path + '0'.repeat(Math.max(0, s.digits - shard.length)) + shard + '.json';
  }

  /** The entries of the sound table's files that hold `keys`, merged:
   *  {key: [[text, projects, kind], ...]} (every key of those files). */
  function soundFor(index, keys) {
    if (!index.manifest.sound) return Promise.resolve({});
    var paths = Array.from(new Set(keys.map(function (k) { return soundPath(index, k); })));
    return Promise.all(paths.map(function (p) { return index.load(p); })).then(function (files) {
      var out = {};
      files.forEach(function (f) { Object.keys(f.keys).forEach(function (k) { out[k] = f.keys[k]; }); });
      return out;
    });
  }

  /** The best word that a pinyin form spells in full ("jiaoyu",
   *  "wuyeguanli": a key of the sound table whose letters are the form) or
   *  by its initials ("wygl": the key "=wygl"), from the sound table's
   *  `keys`: full spelling first, then names and tags before other words,
   *  then the most projects. Null if none. */
  function spelledWord(form, keys) {
    var best = null, bestRank = null;
    Object.keys(keys).forEach(function (k) {
      var how = k[0] === '=' ? (k === '=' + form ? 1 : -1) : (k.replace(/ /g, '') === form ? 0 : -1);
      if (how < 0) return;
      keys[k].forEach(function (e) {
        var rank = [how, e[2] === 2 ? 1 : 0, -e[1], e[0]];
        if (!bestRank || compareArrays(rank, bestRank) < 0) { best = e[0]; bestRank = rank; }
      });
    });
    return best;
  }

  /** The runs of ideographs of `chars`: [start, end) pairs. */
  function hanRuns(chars) {
    var runs = [];
    for (var i = 0; i < chars.length;) {
      if (!HAN.test(chars[i])) { i++; continue; }
      var j = i;
      while (j < chars.length && HAN.test(chars[j])) j++;
      runs.push([i, j]);
      i = j;
    }
    return runs;
  }

  /** The readings of some characters, each way (at most QUERY_READINGS). */
  function readingsOf(chars, readings, T) {
    return T.readingCombinations(chars.map(function (c) { return readings.get(c).join(','); }).join(' '), QUERY_READINGS);
  }

  /** Wrong characters of the same sound: each run of ideographs of the
   *  folded query that reads like a department, tag or title becomes it;
   *  else each pair of ideographs that the index does not hold (`known(bigram)`
   *  is false) becomes the two-character word of the same reading that
   *  keeps a character of the query and that most projects hold (体减:
   *  体检). `readings` maps each ideograph to its readings; `soundOf(key)`
   *  gives the sound table's entries of a reading ("ti jian"), or undefined
   *  while not loaded: with one that gives nothing, the call only collects
   *  the keys it would look up, into `asked`. Returns the corrected text,
   *  or null when nothing changed. */
  function correctSounds(folded, readings, soundOf, known, T, asked) {
    var chars = Array.from(folded);
    var changed = false;
    var look = function (key) {
      if (asked) asked.push(key);
      return soundOf(key) || [];
    };
    hanRuns(chars).forEach(function (run) {
      var text = chars.slice(run[0], run[1]);
      if (text.some(function (c) { return !readings.has(c); })) return;
      var phrase = null;
      readingsOf(text, readings, T).forEach(function (key) {
        phrase = phrase || look(key).find(function (e) {
          return e[2] < 2 && e[0] !== text.join('') && Array.from(e[0]).length === text.length;
        });
      });
      if (phrase) {
        Array.from(phrase[0]).forEach(function (c, k) { chars[run[0] + k] = c; });
        changed = true;
        return;
      }
      for (var k = run[0]; k + 1 < run[1]; k++) {
        var pair = chars[k] + chars[k + 1];
        if (known(pair)) continue;
        var best = null, bestRank = null;
        readingsOf([chars[k], chars[k + 1]], readings, T).forEach(function (key) {
          look(key).forEach(function (e) {
            var w = Array.from(e[0]);
            if (w.length !== 2) return;
            var keeps = (w[0] === chars[k] ? 1 : 0) + (w[1] === chars[k + 1] ? 1 : 0);
            var rank = [-keeps, -e[1], e[0]];
            if (!bestRank || compareArrays(rank, bestRank) < 0) { best = w; bestRank = rank; }
          });
        });
        if (best) {
          chars[k] = best[0];
          chars[k + 1] = best[1];
          changed = true;
        }
      }
    });
    return changed ? chars.join('') : null;
  }

  /** The word one pinyin form spells, in full, else by its initials, from
   *  the sound table (one file for each); null if none. */
  function wordOf(index, form) {
    var tries = [];
    if (/[aeiouv]/.test(form)) tries.push(form);      // a full spelling has vowels
    if (!/[iuv]/.test(form)) tries.push('=' + form);  // no reading starts with i, u or v
    function next(k) {
      if (k >= tries.length) return Promise.resolve(null);
      return soundFor(index, [tries[k]]).then(function (keys) { return spelledWord(form, keys) || next(k + 1); });
    }
    return next(0);
  }

  /** What a query in pinyin spells: one word (`form`, the whole query);
   *  else, typed as several words (`parts`, the pinyin forms of its
   *  space-separated parts: "changxiao jizhi"), the words they spell one by
   *  one, together (长效机制); else a chain of two-character words, from the
   *  vocabulary files of its letters (search-near.js, from `loadNear()`). */
  function spelledBy(index, form, loadNear, parts) {
    return wordOf(index, form).then(function (word) {
      if (word) return word;
      var each = (parts || []).length > 1 ? Promise.all(parts.map(function (f) { return wordOf(index, f); }))
        : Promise.resolve([null]);
      return each.then(function (words) {
        if (words.every(Boolean)) return words.join('');
        return loadNear().then(function (N) { return N.chainFor(index, form); });
      });
    });
  }

  /** The query's wrong characters of the same sound corrected, from the
   *  readings of its ideographs and the sound table's files of their
   *  readings (all fetched at once). */
  function soundCorrected(index, folded, known) {
    var T = index.tokenizer;
    return readingsFor(index, folded).then(function (readings) {
      var keys = [];
      correctSounds(folded, readings, function () { return undefined; }, known, T, keys);
      if (!keys.length) return null;
      return soundFor(index, keys).then(function (table) {
        return correctSounds(folded, readings, function (k) { return table[k]; }, known, T);
      });
    });
  }

  /** When the query matches nothing exactly: the query rewritten into words
   *  of the site (a department it abbreviates, the word its pinyin spells,
   *  the word it writes with a wrong character of the same sound), tried in
   *  that order; the first that matches exactly is shown with "您是不是要找".
   *  Otherwise the near matches: `ranked` (most of the query's words) if
   *  any, or else every one of its characters close together. `state`
   *  holds the query's index, t2s, parsed query and postings; `loadNear()`
   *  gives search-near.js, loaded only for a chain of words or the near
   *  matches by closeness. Resolves to {hits, near, parsed, t2s, hint}. */
  function forgive(state, p, ranked, loadNear) {
    var index = state.index, T = index.tokenizer;
    var allowed = index.filter(p.edition, p.department);
    var editionOf = function (id) { return index.editionOf(id); };
    var folded = T.fold(p.q, state.t2s);
    var foldT2s = function (x) { return T.fold(x, state.t2s); };
    var attempts = [];
    var departments = R.departmentsSpelled(folded, index.manifest.departments, foldT2s);
    if (departments.length) attempts.push(function () { return departments[0].name; });
    var form = T.pinyinForm(p.q);
    if (form) {
      var parts = p.q.trim().split(/\s+/).map(T.pinyinForm);
      attempts.push(function () { return spelledBy(index, form, loadNear, parts.every(Boolean) ? parts : []); });
    } else if (HAN_ANY.test(folded)) {
      attempts.push(function () {
        return soundCorrected(index, folded, function (token) { return state.postings.has(token); });
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
      return loadNear().then(function (N) { return N.closeTogether(state, p, folded); });
    });
  }

  var api = {
    readingsFor: readingsFor, soundPath: soundPath, soundFor: soundFor, spelledWord: spelledWord, correctSounds: correctSounds,
    spelledBy: spelledBy, soundCorrected: soundCorrected, forgive: forgive
  };
  if (node) module.exports = api;
  else root.BulletinSearchForgive = api;
})(typeof self !== 'undefined' ? self : this);
