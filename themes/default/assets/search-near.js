/* The rest of the forgiving search (docs/search-index.md, "When nothing
 * matches exactly"): pinyin read as a chain of the site's two-character
 * words, and near matches by closeness. search-forgive.js loads it only
 * when a query needs one of these; node's tests require() it. */
(function (root) {
  'use strict';

  var node = typeof module !== 'undefined' && module.exports;
  var R = node ? require('./search-rank.js') : root.BulletinSearchRank;
  var HAN = /^\p{Script=Han}$/u;
  var FIELD_WEIGHT = R.FIELD_WEIGHT;
  var inOrder = R.inOrder;
  var sortHits = R.sortHits;

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

  /** The chain of words that a pinyin form spells, from the vocabulary
   *  files of its letters; null if none. */
  function chainFor(index, form) {
    var letters = Array.from(new Set(form.split('')));
    return Promise.all(letters.map(function (l) {
      return words(index, l).then(function (ws) { return [l, ws]; });
    })).then(function (files) {
      var byLetter = new Map(files);
      return spelledChain(form, function (l) { return byLetter.get(l); });
    });
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

  /** Near matches when nothing else worked: every ideograph of the folded
   *  query close together in one project (at most 60 projects read, those
   *  with all of them in one field first), ranked by rankByCloseness().
   *  Resolves to {hits, near, parsed, t2s}. */
  function closeTogether(state, p, folded) {
    var index = state.index, T = index.tokenizer;
    var allowed = index.filter(p.edition, p.department);
    var editionOf = function (id) { return index.editionOf(id); };
    var foldT2s = function (x) { return T.fold(x, state.t2s); };
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
  }

  var api = {
    words: words, spelledChain: spelledChain, chainFor: chainFor, closestWindow: closestWindow,
    rankByCloseness: rankByCloseness, closeTogether: closeTogether
  };
  if (node) module.exports = api;
  else root.BulletinSearchNear = api;
})(typeof self !== 'undefined' ? self : this);
