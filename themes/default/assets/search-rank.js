/* Reading the search index (docs/search-index.md) and ranking its documents
 * for a query. Pure functions over a loader, so node's tests can run them;
 * search.js wires them to the page. */
(function (root) {
  'use strict';

  var FORMAT_VERSION = 2;
  // title, department, tags, text: a hit in the first two outweighs the body.
  var FIELD_WEIGHT = [6, 6, 3, 1];
  var PHRASE_FACTOR = 2;
  var MAX_QUERY_LENGTH = 64;
  var HAN = /^\p{Script=Han}$/u;

  /** The index behind `load(path) -> Promise<json>`: the manifest is read
   *  once; shards and document files are fetched only when asked for. */
  function openIndex(load, tokenizer) {
    return load('search-index.json').then(function (manifest) {
      if (manifest.format !== 'bulletin-search' || manifest.version !== FORMAT_VERSION ||
          manifest.tokenizer !== tokenizer.TOKENIZER_VERSION) {
        throw new Error('unsupported search index ' + manifest.version + '/' + manifest.tokenizer);
      }
      return new Index(manifest, load, tokenizer);
    });
  }

  function Index(manifest, load, tokenizer) {
    this.manifest = manifest;
    this.load = load;
    this.tokenizer = tokenizer;
    this.t2sBlocks = new Map();  // block name -> Promise of its file
  }

  /** The Traditional to Simplified table for the query's ideographs: only
   *  the blocks of 256 code points they fall in are loaded (none for a
   *  query without ideographs). Resolves to a Map, or null. */
  Index.prototype.t2sFor = function (query) {
    var t = this.manifest.t2s;
    var wanted = new Set();
    Array.from(String(query).normalize('NFKC')).forEach(function (c) {
      if (HAN.test(c)) wanted.add((c.codePointAt(0) >> 8).toString(16));
    });
    var blocks = t.blocks.filter(function (b) { return wanted.has(b); });
    if (!blocks.length) return Promise.resolve(null);
    var self = this;
    return Promise.all(blocks.map(function (b) {
      if (!self.t2sBlocks.has(b)) self.t2sBlocks.set(b, self.load(t.path + b + '.json'));
      return self.t2sBlocks.get(b);
    })).then(function (files) {
      return self.tokenizer.makeT2s(files.map(function (f) { return f.pairs; }).join(''));
    });
  };

  /** Loads the blocks of `path`/`blocks` (t2s, pinyin) that the ideographs
   *  of `text` fall in; resolves to the list of loaded files. */
  Index.prototype.blocksFor = function (part, text, cache) {
    var t = this.manifest[part];
    var wanted = new Set();
    Array.from(String(text).normalize('NFKC')).forEach(function (c) {
      if (HAN.test(c)) wanted.add((c.codePointAt(0) >> 8).toString(16));
    });
    var self = this;
    return Promise.all(t.blocks.filter(function (b) { return wanted.has(b); }).map(function (b) {
      if (!cache.has(b)) cache.set(b, self.load(t.path + b + '.json'));
      return cache.get(b);
    }));
  };

  /** Map ideograph -> reading ("ti", "lv") for the ideographs of `text`. */
  Index.prototype.readingsFor = function (text) {
    if (!this.pinyinBlocks) this.pinyinBlocks = new Map();
    return this.blocksFor('pinyin', text, this.pinyinBlocks).then(function (files) {
      var map = new Map();
      files.forEach(function (f) {
        var re = /(\P{Script=Han})|(\p{Script=Han})([a-z]+)/gu, m;
        while ((m = re.exec(f.pinyin))) if (m[2]) map.set(m[2], m[3]);
      });
      return map;
    });
  };

  /** The vocabulary words whose reading starts with `letter`:
   *  [{text, pinyin, compact, initials, docs, kind}], kind 0 department,
   *  1 tag, 2 title, 3 two-ideograph token; departments first, then by
   *  projects holding them. */
  Index.prototype.words = function (letter) {
    var w = this.manifest.words;
    if (!this.wordShards) this.wordShards = new Map();
    if (!letter || w.letters.indexOf(letter) < 0) return Promise.resolve([]);
    if (!this.wordShards.has(letter)) {
      this.wordShards.set(letter, this.load(w.path + letter + '.json').then(function (file) {
        return file.words.map(function (e) {
          var syllables = e[1].split(' ');
          return { text: e[0], pinyin: e[1], compact: syllables.join(''),
            initials: syllables.map(function (x) { return x[0]; }).join(''), docs: e[2], kind: e[3] };
        });
      }));
    }
    return this.wordShards.get(letter);
  };

  /** Map token -> [{doc, field, positions}] for the given tokens. */
  Index.prototype.postings = function (tokens) {
    var p = this.manifest.postings;
    var self = this;
    var shards = new Map();
    tokens.forEach(function (token) {
      var path = null;
      if (p.shards > 0) {
        var shard = (self.tokenizer.tokenHash(token) & (p.shards - 1)).toString(16);
        path = p.path + '0'.repeat(Math.max(0, p.digits - shard.length)) + shard + '.json';
      }
      if (!shards.has(path)) shards.set(path, []);
      shards.get(path).push(token);
    });
    var out = new Map();
    return Promise.all(Array.from(shards.keys()).map(function (path) {
      var terms = path === null ? Promise.resolve(p.terms) : self.load(path).then(function (s) { return s.terms; });
      return terms.then(function (terms) {
        shards.get(path).forEach(function (token) {
          if (Object.prototype.hasOwnProperty.call(terms, token)) out.set(token, decodePostings(terms[token]));
        });
      });
    })).then(function () { return out; });
  };

  /** Map id -> document for the given ids. */
  Index.prototype.documents = function (ids) {
    var d = this.manifest.docs;
    var out = new Map();
    if (!d.per_file) {
      ids.forEach(function (id) { out.set(id, d.list[id]); });
      return Promise.resolve(out);
    }
    var self = this;
    var files = Array.from(new Set(ids.map(function (id) { return Math.floor(id / d.per_file); })));
    return Promise.all(files.map(function (f) {
      return self.load(d.path + f + '.json').then(function (file) {
        ids.forEach(function (id) {
          if (id >= file.first && id < file.first + file.docs.length) out.set(id, file.docs[id - file.first]);
        });
      });
    })).then(function () { return out; });
  };

  /** Ids outside the chosen edition (id) or department (slug) are dropped. */
  Index.prototype.filter = function (edition, department) {
    var m = this.manifest;
    var ranges = m.groups.filter(function (g) {
      return (!edition || m.editions[g[0]].id === edition) && (!department || m.departments[g[1]].slug === department);
    });
    return function (id) {
      return ranges.some(function (g) { return id >= g[2] && id < g[2] + g[3]; });
    };
  };

  /** The edition index of a document: newer editions win ties. */
  Index.prototype.editionOf = function (id) {
    var groups = this.manifest.groups;
    for (var i = 0; i < groups.length; i++) if (id >= groups[i][2] && id < groups[i][2] + groups[i][3]) return groups[i][0];
    return 0;
  };

  function decodePostings(list) {
    var doc = 0;
    return list.map(function (e) {
      doc += e[0];
      var positions = [];
      for (var i = 2, p = 0; i < e.length; i++) positions.push(p += e[i]);
      return { doc: doc, field: e[1], positions: positions };
    });
  }

  /** The query as terms (split at spaces; every term must match). A term
   *  requires all its tokens except unigrams inside a longer run (their
   *  bigrams imply them); its primary tokens, one per position, make the
   *  phrase. */
  function parseQuery(query, tokenizer, t2s) {
    var terms = [];
    // A pasted paragraph would fetch a shard per token: its start is enough.
    String(query).slice(0, MAX_QUERY_LENGTH).split(/\s+/).forEach(function (word) {
      var tokens = tokenizer.tokenize(word, t2s);
      var bigramAt = new Set();
      tokens.forEach(function (t) { if (t.kind === 'bigram') bigramAt.add(t.position); });
      var required = [], primary = [], seen = new Set(), primaryAt = new Set();
      tokens.forEach(function (t) {
        if (t.kind === 'unigram' && (bigramAt.has(t.position) || bigramAt.has(t.position - 1))) return;
        if (!seen.has(t.text)) { seen.add(t.text); required.push(t.text); }
        if (!primaryAt.has(t.position)) { primaryAt.add(t.position); primary.push(t); }
      });
      if (required.length) terms.push({ text: word, required: required, primary: primary });
    });
    var tokens = new Set();
    terms.forEach(function (t) { t.required.forEach(function (x) { tokens.add(x); }); });
    return { terms: terms, tokens: Array.from(tokens) };
  }

  // hits: Map token -> Map field -> positions (empty for unigrams)
  function phraseIn(primary, hits, field) {
    var fieldsOf = primary.map(function (t) { return hits.get(t.text) && hits.get(t.text).get(field); });
    if (fieldsOf.some(function (p) { return !p; })) return false;
    var anchor = primary.findIndex(function (t, i) { return fieldsOf[i].length > 0; });
    if (anchor < 0) return true;
    return fieldsOf[anchor].some(function (start) {
      return primary.every(function (t, i) {
        return fieldsOf[i].length === 0 || fieldsOf[i].indexOf(start + t.position - primary[anchor].position) >= 0;
      });
    });
  }

  /** Pairs of successive primary tokens found in one field in the query's
   *  order, close together: what is left of the phrase in a near match. */
  function orderedPairs(primary, hits) {
    var pairs = 0;
    for (var i = 0; i + 1 < primary.length; i++) {
      var a = hits.get(primary[i].text), b = hits.get(primary[i + 1].text);
      if (!a || !b) continue;
      var found = false;
      a.forEach(function (pa, field) {
        var pb = b.get(field);
        if (pb && pa.some(function (x) { return pb.some(function (y) { return y > x && y - x <= 4; }); })) found = true;
      });
      if (found) pairs++;
    }
    return pairs;
  }

  function termScore(term, hits) {
    var score = 0, phrase = 0;
    for (var f = 0; f < FIELD_WEIGHT.length; f++) {
      var present = term.required.filter(function (t) { return hits.has(t) && hits.get(t).has(f); }).length;
      score += FIELD_WEIGHT[f] * present / term.required.length;
      if (present && phraseIn(term.primary, hits, f)) phrase = Math.max(phrase, PHRASE_FACTOR * FIELD_WEIGHT[f]);
    }
    // More mentions in the body rank a little higher, never above a better field.
    var mentions = 0;
    term.primary.forEach(function (t) {
      var text = hits.get(t.text) && hits.get(t.text).get(3);
      if (text) mentions += text.length;
    });
    return score + phrase + Math.min(0.9, Math.log2(1 + mentions) / 10);
  }

  /** Ranked hits [{doc, score}] for a parsed query over `postings`
   *  (index.postings of its tokens); `allowed(id)` applies the filters.
   *  Without a document that matches every term, the best partial matches
   *  come back with near = true. */
  function rank(parsed, postings, allowed, editionOf) {
    var byDoc = new Map();
    parsed.tokens.forEach(function (token) {
      (postings.get(token) || []).forEach(function (e) {
        if (!allowed(e.doc)) return;
        if (!byDoc.has(e.doc)) byDoc.set(e.doc, new Map());
        var hits = byDoc.get(e.doc);
        if (!hits.has(token)) hits.set(token, new Map());
        hits.get(token).set(e.field, e.positions);
      });
    });
    var exact = [];
    byDoc.forEach(function (hits, doc) {
      var all = parsed.terms.every(function (term) {
        return term.required.every(function (t) { return hits.has(t); });
      });
      if (all) exact.push({ doc: doc, score: parsed.terms.reduce(function (s, t) { return s + termScore(t, hits); }, 0) });
    });
    if (exact.length || !parsed.terms.length) return { near: false, hits: sortHits(exact, editionOf) };

    // Near matches: most of the query's primary tokens, other than single
    // ideographs (too common to count), ideally in the query's order.
    var primary = [];
    parsed.terms.forEach(function (t) { primary = primary.concat(t.primary); });
    var counted = primary.filter(function (t) { return t.kind !== 'unigram'; });
    if (!counted.length) counted = primary;
    var near = [];
    byDoc.forEach(function (hits, doc) {
      var found = counted.filter(function (t) { return hits.has(t.text); }).length;
      if (found === 0 || found * 2 < counted.length) return;
      var score = 100 * found / counted.length;
      parsed.terms.forEach(function (t) { score += 10 * orderedPairs(t.primary, hits) + termScore(t, hits); });
      near.push({ doc: doc, score: score });
    });
    return { near: true, hits: sortHits(near, editionOf) };
  }

  function sortHits(hits, editionOf) {
    return hits.sort(function (a, b) {
      return b.score - a.score || editionOf(b.doc) - editionOf(a.doc) || a.doc - b.doc;
    });
  }

  /** Where the query's tokens occur in `text`, as merged [start, end)
   *  offsets into the original string, for <mark>. */
  function highlightRanges(text, parsed, tokenizer, t2s) {
    var folded = '', starts = [], ends = [], offset = 0;
    Array.from(text).forEach(function (ch) {
      var f = tokenizer.fold(ch, t2s);
      for (var i = 0; i < f.length; i++) { starts.push(offset); ends.push(offset + ch.length); }
      folded += f;
      offset += ch.length;
    });
    var ranges = [];
    parsed.tokens.forEach(function (needle) {
      for (var at = folded.indexOf(needle); needle && at >= 0; at = folded.indexOf(needle, at + 1)) {
        ranges.push([starts[at], ends[at + needle.length - 1]]);
      }
    });
    ranges.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
    var merged = [];
    ranges.forEach(function (r) {
      var last = merged[merged.length - 1];
      if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
      else merged.push([r[0], r[1]]);
    });
    return merged;
  }

  /** A window of about `length` characters around the densest hits, as
   *  [{text, mark}] pieces with "…" where text was cut. */
  function snippet(text, ranges, length) {
    var start = 0;
    var best = -1;
    var first = 0;
    ranges.forEach(function (r) {
      var n = ranges.filter(function (o) { return o[0] >= r[0] && o[1] <= r[0] + length; }).length;
      if (n > best) { best = n; first = r[0]; start = Math.max(0, r[0] - Math.floor(length / 5)); }
    });
    if (text.length <= length) { start = 0; first = 0; }  // short text (a title): show it whole
    // Rather begin at the start of the sentence or clause holding the first hit.
    for (var i = first - 1; i >= start; i--) {
      if ('。；！？，'.indexOf(text.charAt(i)) >= 0) { start = i + 1; break; }
    }
    if (/[\uDC00-\uDFFF]/.test(text.charAt(start))) start++;  // never split a surrogate pair
    var end = Math.min(text.length, start + length);
    var pieces = [];
    if (start > 0) pieces.push({ text: '…', mark: false });
    var at = start;
    ranges.forEach(function (r) {
      if (r[1] <= start || r[0] >= end) return;
      var a = Math.max(r[0], start), b = Math.min(r[1], end);
      if (a > at) pieces.push({ text: text.slice(at, a), mark: false });
      pieces.push({ text: text.slice(a, b), mark: true });
      at = b;
    });
    if (end > at) pieces.push({ text: text.slice(at, end), mark: false });
    if (end < text.length) pieces.push({ text: '…', mark: false });
    return pieces;
  }

  /* ---- Forgiving search (docs/search-index.md, "When nothing matches
   * exactly"): the query rewritten into words of the site, tried only when
   * the query itself matches nothing. */

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
      var rank = [how, w.kind === 3 ? 1 : 0, -w.docs];
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
          return w.kind === 3 && Array.from(w.text).length === 2;
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
        return w.kind < 3 && w.pinyin === key && w.text !== text.join('');
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

  /** True when the characters of `needle` occur in `hay` in the same order. */
  function inOrder(needle, hay) {
    var at = 0;
    var h = Array.from(hay);
    return Array.from(needle).every(function (c) {
      while (at < h.length && h[at] !== c) at++;
      return at++ < h.length;
    });
  }

  /** Departments whose name or an alias holds the query's characters in
   *  order (卫健局 in 区卫生健康局), an exact alias first. */
  function departmentsSpelled(folded, departments, fold) {
    var q = Array.from(folded).filter(function (c) { return HAN.test(c); }).join('');
    if (Array.from(q).length < 2) return [];
    var exact = [], partial = [];
    departments.forEach(function (d) {
      var names = [d.name].concat(d.aliases || []).map(function (n) { return fold(n); });
      if (names.indexOf(q) >= 0) exact.push(d);
      else if (names.some(function (n) { return inOrder(q, n); })) partial.push(d);
    });
    return exact.concat(partial);
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
   *  initials); names and tags before titles, titles before two-character
   *  words, then the most projects. Loads one vocabulary file by its fixed
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
    FORMAT_VERSION: FORMAT_VERSION, openIndex: openIndex, suggest: suggest, parseQuery: parseQuery, rank: rank,
    highlightRanges: highlightRanges, snippet: snippet,
    pinyinForm: pinyinForm, spelledWord: spelledWord, spelledChain: spelledChain, correctSounds: correctSounds, inOrder: inOrder,
    departmentsSpelled: departmentsSpelled, closestWindow: closestWindow, rankByCloseness: rankByCloseness
  };
  if (typeof module !== 'undefined' && module.exports) module.exports = api;
  else root.BulletinSearchRank = api;
})(typeof self !== 'undefined' ? self : this);
