/* The forgiving search (docs/search-index.md, "When nothing matches
 * exactly"): the query rewritten into words of the site (pinyin, wrong
 * characters of the same sound), near matches by closeness, and the
 * suggestions as the reader types. Loaded only when a query matches nothing
 * exactly or the reader types in the box; node's tests require() it. */
(function (root) {
  'use strict';

  var R = typeof module !== 'undefined' && module.exports ? require('./search-rank.js') : root.BulletinSearchRank;
  var HAN = /^\p{Script=Han}$/u;
  var FIELD_WEIGHT = R.FIELD_WEIGHT;
  var inOrder = R.inOrder;
  var sortHits = R.sortHits;

  /** A query typed in pinyin ("Wù yè", "wygl", "lü") as lower-case letters
   *  without tones or spaces (ü as v), or null if it is not letters only. */
  function pinyinForm(query) {
    var s = String(query).normalize('NFKC').toLowerCase().normalize('NFD')
      .replace(/u\u0308/g, 'v').replace(/u:/g, 'v').replace(/\p{M}/gu, '');
    if (!/^[a-z' ]+$/.test(s)) return null;
    s = s.replace(/[' ]/g, '');
    return s.length >= 2 ? s : null;
  }

  /** The best word of `words` that a pinyin form spells in full ("jiaoyu",
   *  "wuyeguanli") or by its initials ("wygl"): full spelling first, then
   *  names and tags before other words, then the most projects. */
  function spelledWord(form, words) {
    var best = null, bestRank = null;
    words.forEach(function (w) {
      var how = w.compact === form ? 0 : (form.length >= 2 && w.initials === form && w.text.length >= 2 ? 1 : -1);
      if (how < 0) return;
      var rank = [how, w.kind === 2 ? 1 : 0, -w.docs];
      if (!bestRank || compareArrays(rank, bestRank) < 0) { best = w; bestRank = rank; }
    });
    return best;
  }

  /** A pinyin form read as a chain of the site's two-ideograph words, each
   *  sharing a character with the next ("hezuoshe": 合作 and 作社 make
   *  合作社), the chain whose rarest pair most projects hold; null if none.
   *  `wordsOf(letter)` gives the loaded vocabulary shards. */
  function spelledChain(form, wordsOf) {
    var pairs = new Map();  // letter -> [{a, b, ra, rb, docs}]
    var pairsAt = function (letter) {
      if (!pairs.has(letter)) {
        pairs.set(letter, (wordsOf(letter) || []).filter(function (w) {
          return w.kind === 2 && Array.from(w.text).length === 2;
        }).map(function (w) {
          var r = w.pinyin.split(' ');
          return { a: w.text[0], b: w.text[1], ra: r[0], rb: r[1], docs: w.docs };
        }));
      }
      return pairs.get(letter);
    };
    var memo = new Map();
    // The best chain from character c, whose reading starts at i: {text, docs}.
    function from(i, c, reading) {
      var end = i + reading.length;
      if (end === form.length) return { text: c, docs: Infinity };
      var key = i + ':' + c;
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

  function compareArrays(a, b) {
    for (var i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
    return 0;
  }

  /** Wrong characters of the same sound: each pair of ideographs in the
   *  folded query that the index does not hold (`known(bigram)` is false)
   *  becomes the word of the same reading that the most projects hold,
   *  preferring one that keeps a character of the query; a whole run that
   *  reads like a department, tag or title becomes it. Returns the corrected
   *  text, or null when nothing changed. `wordsOf(letter)` gives the loaded
   *  vocabulary shards. */
  function correctSounds(folded, readings, wordsOf, known) {
    var chars = Array.from(folded);
    var changed = false;
    var runs = [];
    for (var i = 0; i < chars.length;) {
      if (!HAN.test(chars[i])) { i++; continue; }
      var j = i;
      while (j < chars.length && HAN.test(chars[j])) j++;
      runs.push([i, j]);
      i = j;
    }
    var reading = function (c) { return readings.get(c) || ''; };
    runs.forEach(function (run) {
      var text = chars.slice(run[0], run[1]);
      if (text.some(function (c) { return !reading(c); })) return;
      var key = text.map(reading).join(' ');
      var phrase = (wordsOf(key[0]) || []).find(function (w) {
        return w.kind < 2 && w.pinyin === key && w.text !== text.join('');
      });
      if (phrase) {
        Array.from(phrase.text).forEach(function (c, k) { chars[run[0] + k] = c; });
        changed = true;
        return;
      }
      for (var k = run[0]; k + 1 < run[1]; k++) {
        var pair = chars[k] + chars[k + 1];
        if (known(pair)) continue;
        var pairKey = reading(chars[k]) + ' ' + reading(chars[k + 1]);
        var best = null, bestRank = null;
        (wordsOf(pairKey[0]) || []).forEach(function (w) {
          if (w.pinyin !== pairKey || Array.from(w.text).length !== 2) return;
          var keeps = (w.text[0] === chars[k] ? 1 : 0) + (w.text[1] === chars[k + 1] ? 1 : 0);
          var rank = [-keeps, -w.docs, w.text];
          if (!bestRank || compareArrays(rank, bestRank) < 0) { best = w; bestRank = rank; }
        });
        if (best) {
          chars[k] = best.text[0];
          chars[k + 1] = best.text[1];
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

  /** Suggestions as the reader types (关键词推荐): words of the site that
   *  start with what is typed, in characters or in pinyin (full or
   *  initials); names and tags before two-character words, then the most
   *  projects. Loads one vocabulary file by its fixed
   *  name (search-index/w/<letter>.json) and, for characters, the readings
   *  block of the first one (search-index/py/<hex>.json): never the manifest. */
  function suggest(load, tokenizer, typed, limit) {
    var text = String(typed).trim();
    var folded = tokenizer.fold(text).replace(/\s+/g, '');
    var form = pinyinForm(text) || (/^[a-z]$/.test(folded) ? folded : null);
    if (!folded) return Promise.resolve([]);
    var first = Array.from(folded)[0];
    var letter;
    if (form) {
      letter = Promise.resolve(form[0]);
    } else if (HAN.test(first) && first.codePointAt(0) >= 0x3400 && first.codePointAt(0) < 0xa000) {
      letter = load('search-index/py/' + (first.codePointAt(0) >> 8).toString(16) + '.json').then(function (f) {
        var at = f.pinyin.indexOf(first);
        var m = at >= 0 && /^[a-z]+/.exec(f.pinyin.slice(at + first.length));
        return m ? m[0][0] : null;
      });
    } else {
      return Promise.resolve([]);
    }
    return letter.then(function (l) {
      if (!l || 'iuv'.indexOf(l) >= 0) return [];
      return load('search-index/w/' + l + '.json').then(function (file) {
        var out = [];
        file.words.forEach(function (e) {
          if (out.length >= limit || e[0] === folded) return;
          var ok;
          if (form) {
            var syllables = e[1].split(' ');
            ok = syllables.join('').indexOf(form) === 0 ||
              (form.length >= 2 && syllables.map(function (x) { return x[0]; }).join('').indexOf(form) === 0);
          } else {
            ok = e[0].indexOf(folded) === 0;
          }
          if (ok) out.push(e[0]);
        });
        return out;
      });
    });
  }

  var api = {
    pinyinForm: pinyinForm, spelledWord: spelledWord, spelledChain: spelledChain, correctSounds: correctSounds,
    closestWindow: closestWindow, rankByCloseness: rankByCloseness, suggest: suggest
  };
  if (typeof module !== 'undefined' && module.exports) module.exports = api;
  else root.BulletinSearchForgive = api;
})(typeof self !== 'undefined' ? self : this);
