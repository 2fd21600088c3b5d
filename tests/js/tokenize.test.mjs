// The JavaScript half of the shared tokenizer vectors: the browser's query
// side must cut text exactly as the C++ indexer does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const tokenizer = require('../../themes/default/assets/search-tokenize.js');
const vectors = JSON.parse(readFileSync(new URL('../search/vectors.json', import.meta.url), 'utf8'));
const t2s = tokenizer.makeT2s(Object.entries(vectors.t2s).map(([from, to]) => from + to).join(''));

test('tokenizer version matches the vectors', () => {
  assert.equal(tokenizer.TOKENIZER_VERSION, vectors.tokenizer_version);
});

for (const v of vectors.fold) {
  test(`fold ${JSON.stringify(v.input)}`, () => {
    assert.equal(tokenizer.fold(v.input, t2s), v.output);
  });
}

for (const v of vectors.tokenize) {
  test(`tokenize ${JSON.stringify(v.input)}`, () => {
    const got = tokenizer.tokenize(v.input, t2s).map((t) => `${t.text}@${t.position}`);
    assert.deepEqual(got, v.tokens);
  });
}

test('token kinds', () => {
  const kinds = tokenizer.tokenize('金额8.98万元 CMake', t2s, 10).map((t) => `${t.text}:${t.kind}@${t.position}`);
  assert.deepEqual(kinds.slice(0, 4), ['金额:bigram@10', '金:unigram@10', '额:unigram@11', '8.98:number@12']);
  assert.equal(kinds.at(-1), 'cmake:word@15');
});

test('token hash is 32-bit FNV-1a over UTF-8, as in the C++ index', () => {
  assert.equal(tokenizer.tokenHash(''), 2166136261);
  for (const [token, hash] of Object.entries(vectors.hash)) assert.equal(tokenizer.tokenHash(token), hash, token);
});

for (const v of vectors.pinyin_query) {
  test(`pinyin form of ${JSON.stringify(v.input)}`, () => {
    assert.equal(tokenizer.pinyinForm(v.input), v.form);
  });
}

test('the readings of a word read in several ways, as the C++ index lists them', () => {
  for (const v of vectors.reading_combinations) {
    assert.deepEqual(tokenizer.readingCombinations(v.key, v.limit), v.readings, v.key);
  }
});
