/* The search tokenizer of the browser side: the same rules as
 * generator/search_tokenize.cpp (documented in docs/search-index.md), proven
 * by tests/search/vectors.json on both sides. Loaded by search.js; node's
 * tests require() it. */
(function (root) {
  'use strict';

  var TOKENIZER_VERSION = 2;
  var MULTI_MEASURES = ['平方公里', '平方米', '立方米', '公里', '千米', '公斤', '千克', '小时', '分钟', '人次', '户次'];
  var SINGLE_MEASURES = '元角人户家个座所次件份名辆艘套间项条台张本批场起宗处吨米岁天周年月日号' +
    '时分秒倍亩斤克只头株篇期届类种组支队层栋幢床位班笔例款部趟轮册度瓦%‰';
  var MULTIPLIERS = '万亿千百';
  var APPROXIMATIONS = '余多';
  var DATE_SUFFIXES = '底初末';
  var HAN = /^\p{Script=Han}$/u;
  var WORD_CHAR = /^[\p{L}\p{M}\p{N}]$/u;
  var IGNORABLE = /\p{Default_Ignorable_Code_Point}/gu;

  /** A Map from Traditional to Simplified ideograph, from the pairs string
   *  of search-index/t2s.json. */
  function makeT2s(pairs) {
    var chars = Array.from(pairs || '');
    var map = new Map();
    for (var i = 0; i + 1 < chars.length; i += 2) map.set(chars[i], chars[i + 1]);
    return map;
  }

  /** NFKC with case folding, then Traditional to Simplified: an array of
   *  code points. JavaScript has no NFKC_Casefold: NFKC already folds the
   *  compatibility letters (ſ, ϐ, ﬁ), lower case does the rest but for final
   *  sigma and sharp s, mended by hand. */
  function foldChars(text, t2s) {
    var s = String(text).replace(IGNORABLE, '').normalize('NFKC').toLowerCase()
      .replace(/ς/g, 'σ').replace(/ß/g, 'ss').normalize('NFKC');
    var chars = Array.from(s);
    if (t2s) for (var i = 0; i < chars.length; i++) chars[i] = t2s.get(chars[i]) || chars[i];
    return chars;
  }

  function fold(text, t2s) { return foldChars(text, t2s).join(''); }

  function isHan(c) { return HAN.test(c); }
  function isDigit(c) { return c >= '0' && c <= '9' && c.length === 1; }
  function isWordChar(c) { return WORD_CHAR.test(c); }

  function numberLength(s, i) {
    var j = i;
    while (j < s.length && isDigit(s[j])) j++;
    if (j > i && j + 1 < s.length && s[j] === '.' && isDigit(s[j + 1])) {
      j++;
      while (j < s.length && isDigit(s[j])) j++;
    }
    return j - i;
  }

  /** The number's length without the zeros that end its decimal part, and
   *  without the point if nothing is left after it. */
  function trimmedNumberLength(s, i, n) {
    if (s.slice(i, i + n).indexOf('.') < 0) return n;
    var k = n;
    while (s[i + k - 1] === '0') k--;
    if (s[i + k - 1] === '.') k--;
    return k;
  }

  function measureLength(s, i) {
    for (var m = 0; m < MULTI_MEASURES.length; m++) {
      var unit = Array.from(MULTI_MEASURES[m]);
      if (s.slice(i, i + unit.length).join('') === unit.join('')) return unit.length;
    }
    return i < s.length && SINGLE_MEASURES.indexOf(s[i]) >= 0 ? 1 : 0;
  }

  function numberCuts(s, i, n) {
    var cuts = [];
    var k = i + n;
    for (;;) {
      for (var m = 0; m < 2 && k < s.length && MULTIPLIERS.indexOf(s[k]) >= 0; m++) cuts.push(++k);
      if (k < s.length && APPROXIMATIONS.indexOf(s[k]) >= 0) cuts.push(++k);
      var measure = measureLength(s, k);
      if (measure === 0) break;
      var unit = s[k];
      k += measure;
      cuts.push(k);
      if (measure === 1 && (unit === '年' || unit === '月')) {
        var next = numberLength(s, k);
        if (next > 0) { k += next; cuts.push(k); continue; }
      }
      if (measure === 1 && (unit === '年' || unit === '月' || unit === '日') && k < s.length &&
          DATE_SUFFIXES.indexOf(s[k]) >= 0) cuts.push(++k);
      break;
    }
    return cuts;
  }

  /** Tokens {text, position, kind} of text, kind one of bigram, unigram,
   *  word, number; the rules are documented in docs/search-index.md. */
  function tokenize(text, t2s, firstPosition) {
    var s = foldChars(text, t2s);
    var tokens = [];
    var position = firstPosition || 0;
    var i = 0;
    while (i < s.length) {
      var end = i;
      if (isHan(s[i])) {
        while (end < s.length && isHan(s[end])) end++;
        for (var k = i; k < end; k++, position++) {
          if (k + 1 < end) tokens.push({ text: s[k] + s[k + 1], position: position, kind: 'bigram' });
          tokens.push({ text: s[k], position: position, kind: 'unigram' });
        }
        i = end;
      } else if (isWordChar(s[i])) {
        var letters = false;
        while (end < s.length && !isHan(s[end]) && isWordChar(s[end])) letters = !isDigit(s[end++]) || letters;
        if (letters) {
          tokens.push({ text: s.slice(i, end).join(''), position: position++, kind: 'word' });
          i = end;
          continue;
        }
        var n = numberLength(s, i);
        // One written form for one value: 118.0 is 118, 8.980 is 8.98.
        var k = trimmedNumberLength(s, i, n);
        if (k < n) { s.splice(i + k, n - k); n = k; }
        tokens.push({ text: s.slice(i, i + n).join(''), position: position, kind: 'number' });
        numberCuts(s, i, n).forEach(function (cut) {
          tokens.push({ text: s.slice(i, cut).join(''), position: position, kind: 'number' });
        });
        position++;
        i += n;
      } else {
        i++;
      }
    }
    return tokens;
  }

  /** 32-bit FNV-1a of the token's UTF-8 bytes: picks its postings shard. */
  function tokenHash(token) {
    var bytes = new TextEncoder().encode(token);
    var h = 0x811c9dc5;
    for (var i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i], 0x01000193) >>> 0;
    return h >>> 0;
  }

  /** A query typed in pinyin ("Wù yè", "wygl", "lü") as lower-case letters
   *  without tones or spaces (ü as v), or null if it is not letters only. */
  function pinyinForm(query) {
    var s = String(query).normalize('NFKC').toLowerCase().normalize('NFD')
      .replace(/u\u0308/g, 'v').replace(/u:/g, 'v').replace(/\p{M}/gu, '');
    if (!/^[a-z' ]+$/.test(s)) return null;
    s = s.replace(/[' ]/g, '');
    return s.length >= 2 ? s : null;
  }

  /** Each reading of a word whose characters have several ("zhong,chong
   *  qing": "zhong qing", "chong qing"), the first character's varying
   *  slowest, at most `limit` (reading_combinations in search_pinyin.cpp). */
  function readingCombinations(key, limit) {
    if (!key || !(limit > 0)) return [];
    var out = [''];
    key.split(' ').forEach(function (syllable, i) {
      var next = [];
      for (var k = 0; k < out.length && next.length < limit; k++) {
        var alternatives = syllable.split(',');
        for (var a = 0; a < alternatives.length && next.length < limit; a++) {
          next.push(i ? out[k] + ' ' + alternatives[a] : alternatives[a]);
        }
      }
      out = next;
    });
    return out;
  }

  var api = {
    TOKENIZER_VERSION: TOKENIZER_VERSION, makeT2s: makeT2s, fold: fold, tokenize: tokenize, tokenHash: tokenHash,
    pinyinForm: pinyinForm, readingCombinations: readingCombinations
  };
  if (typeof module !== 'undefined' && module.exports) module.exports = api;
  else root.BulletinSearchTokenize = api;
})(typeof self !== 'undefined' ? self : this);
