/* The forgiving search (docs/search-index.md, "When nothing matches
 * exactly"): the query rewritten into words of the site (a department it
 * abbreviates, the word its pinyin spells, the word it writes with wrong
 * characters of the same sound) and near matches by closeness. Loaded only
 * when a query matches nothing exactly; node's tests require() it. */
(function (root) {
  'use strict';

  var node = typeof module !== 'undefined' && module.exports;
  var R = node ? require('./search-rank.js') : root.BulletinSearchRank;
  var HAN = /^\p{Script=Han}$/u;
  var HAN_ANY = /\p{Script=Han}/u;
  var FIELD_WEIGHT = R.FIELD_WEIGHT;
  var inOrder = R.inOrder;
  var sortHits = R.sortHits;
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

  /** The vocabulary words of one letter (search-index/w/<letter>.json):
   *  [{text, pinyin, readings, docs, kind}], `readings` each way of reading
   *  it; departments first, then tags, then by projects holding them. */
  function words(index, letter) {
    var w = index.manifest.words;
    if (!w || !letter || w.letters.indexOf(letter) < 0) return Promise.resolve([]);
    if (!index.wordShards) index.wordShards = new Map();
    if (!index.wordShards.has(letter)) {
      var T = index.tokenizer;
      index.wordShards.set(letter, index.load(w.path + letter + '.json').then(function (file) {
        return file.words.map(function (e) {
          return { text: e[0], pinyin: e[1], readings: T.readingCombinations(e[1], 8), docs: e[2], kind: e[3] };
        });
      }));
    }
    return index.wordShards.get(letter);
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

  /** A pinyin form read as a chain of the site's two-ideograph words, each
   *  sharing a character with the next ("hezuoshe": 合作 and 作社 make
   *  合作社), the chain whose rarest pair most projects hold; null if none.
   *  `wordsOf(letter)` gives the loaded vocabulary files (words()). */
  function spelledChain(form, wordsOf) {
    var pairs = new Map();  // letter -> [{a, b, ra, rb, docs}]
    var pairsAt = function (letter) {
      if (!pairs.has(letter)) {
        var list = [];
        (wordsOf(letter) || []).forEach(function (w) {
          var t = Array.from(w.text);
          if (w.kind !== 2 || t.length !== 2) return;
          w.readings.forEach(function (r) {
            var s = r.split(' ');
            list.push({ a: t[0], b: t[1], ra: s[0], rb: s[1], docs: w.docs });
          });
        });
        pairs.set(letter, list);
      }
      return pairs.get(letter);
    };
    var memo = new Map();
    // The best chain from character c, whose reading starts at i: {text, docs}.
    function from(i, c, reading) {
      var end = i + reading.length;
      if (end === form.length) return { text: c, docs: Infinity };
      var key = i + ':' + c + ':' + reading;
      if (memo.has(key)) return memo.get(key);
      var best = null;
      pairsAt(form[i]).forEach(function (p) {
        if (p.a !== c || p.ra !== reading || form.substr(end, p.rb.length) !== p.rb) return;
        var rest = from(end, p.b, p.rb);
        if (!rest) return;
        var docs = Math.min(p.docs, rest.docs);
        if (!best || docs > best.docs || (docs === best.docs && c + rest.text < best.text)) best = { text: c + rest.text, docs: docs };
      });
      memo.set(key, best);
      return best;
    }
    var best = null;
    pairsAt(form[0]).forEach(function (p) {
      if (form.substr(0, p.ra.length) !== p.ra) return;
      var chain = from(0, p.a, p.ra);
      if (chain && chain.text.length >= 2 && (!best || chain.docs > best.docs ||
          (chain.docs === best.docs && chain.text < best.text))) best = chain;
    });
    return best && best.text;
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

  /** The shortest stretch of `text` (in characters) holding every one of
   *  `chars`, and whether some stretch that short holds them in order:
   *  {span, ordered}, or null when one is missing. */
  function closestWindow(text, chars) {
    var t = Array.from(text);
    var need = new Map();
    chars.forEach(function (c) { need.set(c, (need.get(c) || 0) + 1); });
    var have = new Map(), missing = need.size, best = null;
    for (var lo = 0, hi = 0; hi < t.length; hi++) {
      var c = t[hi];
      if (need.has(c)) {
        have.set(c, (have.get(c) || 0) + 1);
        if (have.get(c) === need.get(c)) missing--;
      }
      while (missing === 0) {
        var span = hi - lo + 1;
        var ordered = inOrder(chars.join(''), t.slice(lo, hi + 1).join(''));
        if (!best || span < best.span || (span === best.span && ordered && !best.ordered)) best = { span: span, ordered: ordered };
        var d = t[lo++];
        if (need.has(d)) {
          if (have.get(d) === need.get(d)) missing++;
          have.set(d, have.get(d) - 1);
        }
      }
    }
    return best;
  }

  /** Near matches by closeness: documents (`docs`, id -> document, already
   *  folded as the index is) holding every one of the query's characters,
   *  ranked by the shortest stretch that holds them in one field (weighted
   *  as the exact ranking weighs fields, in order better than not). */
  function rankByCloseness(chars, docs, editionOf) {
    var hits = [];
    docs.forEach(function (d, id) {
      var fields = [d.title, d.department, (d.tags || []).join('\u3000'), d.text];
      var score = 0;
      fields.forEach(function (text, f) {
        var w = text && closestWindow(text, chars);
        if (w) score = Math.max(score, FIELD_WEIGHT[f] * chars.length / w.span * (w.ordered ? 1.5 : 1));
      });
      if (score > 0) hits.push({ doc: id, score: score });
    });
    return sortHits(hits, editionOf);
  }

  /** The word a query in pinyin spells: in full, else by its initials, from
   *  the sound table; else a chain of two-character words, from the
   *  vocabulary files of its letters. */
  function spelledBy(index, form) {
    var tries = [];
    if (/[aeiouv]/.test(form)) tries.push(form);      // a full spelling has vowels
    if (!/[iuv]/.test(form)) tries.push('=' + form);  // no reading starts with i, u or v
    function next(k) {
      if (k >= tries.length) {
        var letters = Array.from(new Set(form.split('')));
        return Promise.all(letters.map(function (l) {
          return words(index, l).then(function (ws) { return [l, ws]; });
        })).then(function (files) {
          var byLetter = new Map(files);
          return spelledChain(form, function (l) { return byLetter.get(l); });
        });
      }
      return soundFor(index, [tries[k]]).then(function (keys) { return spelledWord(form, keys) || next(k + 1); });
    }
    return next(0);
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
   *  holds the query's index, t2s, parsed query and postings. Resolves to
   *  {hits, near, parsed, t2s, hint}. */
  function forgive(state, p, ranked) {
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
      attempts.push(function () { return spelledBy(index, form); });
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
      var chars = Array.from(new Set(Array.from(folded).filter(function (c) { return HAN.test(c); })));
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
          return { hits: rankByCloseness(chars, foldedDocs, editionOf), near: true, parsed: parsed, t2s: state.t2s };
        });
      });
    });
  }

  var api = {
    readingsFor: readingsFor, soundFor: soundFor, words: words, spelledWord: spelledWord, spelledChain: spelledChain,
    correctSounds: correctSounds, closestWindow: closestWindow, rankByCloseness: rankByCloseness, spelledBy: spelledBy,
    soundCorrected: soundCorrected, forgive: forgive
  };
  if (node) module.exports = api;
  else root.BulletinSearchForgive = api;
})(typeof self !== 'undefined' ? self : this);
