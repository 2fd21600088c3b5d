/* Reading the search index (docs/search-index.md) and ranking its documents
 * for a query. Pure functions over a loader, so node's tests can run them;
 * search.js wires them to the page. */
(function (root) {
  'use strict';

  var FORMAT_VERSION = 3;
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

  var api = {
    FORMAT_VERSION: FORMAT_VERSION, FIELD_WEIGHT: FIELD_WEIGHT, openIndex: openIndex, parseQuery: parseQuery, rank: rank,
    sortHits: sortHits, highlightRanges: highlightRanges, snippet: snippet, inOrder: inOrder,
    departmentsSpelled: departmentsSpelled
  };
  if (typeof module !== 'undefined' && module.exports) module.exports = api;
  else root.BulletinSearchRank = api;
})(typeof self !== 'undefined' ? self : this);
