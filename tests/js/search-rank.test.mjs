// The ranking rules of themes/default/assets/search-rank.js on a small index
// written inline in the format of docs/search-index.md.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const tokenizer = require('../../themes/default/assets/search-tokenize.js');
const rank = require('../../themes/default/assets/search-rank.js');

const FIELDS = ['title', 'department', 'tags', 'text'];
const docs = [
  { url: '2021/a/', title: '城市回迁安置', department: '区住建局', edition: '2021', slug: 'zhujian', number: 1, text: '回迁安置房建设，充电设施与电桩基础。' },
  { url: '2022/b/', title: '物业管理难题专项整治', department: '区住建局', edition: '2022', slug: 'zhujian', number: 2, text: '督促物业企业整改。' },
  { url: '2022/c/', title: '新能源汽车充电难问题', department: '区发改局', edition: '2022', slug: 'fagai', number: 3, text: '建成公共充电桩71个，完成目标的118%。' },
  { url: '2022/d/', title: '教育乱收费专项治理', department: '区教育局', edition: '2022', slug: 'jiaoyu', number: 4, text: '涉及金额8.98万元，充电桩不在此。' },
];

// The index the C++ side would write for `docs` (ids in the order above,
// which already follows edition, department, number).
function buildIndex() {
  const terms = new Map();
  docs.forEach((d, id) => {
    [d.title, d.department, '', d.text].forEach((text, field) => {
      for (const t of tokenizer.tokenize(text, null)) {
        if (!terms.has(t.text)) terms.set(t.text, []);
        const list = terms.get(t.text);
        let last = list.at(-1);
        if (!last || last.doc !== id || last.field !== field) list.push(last = { doc: id, field, positions: [] });
        if (t.kind !== 'unigram') last.positions.push(t.position);
      }
    });
  });
  const encoded = {};
  for (const token of [...terms.keys()].sort()) {
    let prev = 0;
    encoded[token] = terms.get(token).map((p) => {
      const entry = [p.doc - prev, p.field];
      let last = 0;
      for (const pos of p.positions) { entry.push(pos - last); last = pos; }
      prev = p.doc;
      return entry;
    });
  }
  return {
    format: 'bulletin-search', version: 3, tokenizer: 2, fields: FIELDS, doc_count: docs.length,
    editions: [{ id: '2021', title: '2021年' }, { id: '2022', title: '2022年' }],
    departments: [{ slug: 'fagai', name: '区发改局' }, { slug: 'jiaoyu', name: '区教育局' }, { slug: 'zhujian', name: '区住建局' }],
    groups: [[0, 2, 0, 1], [1, 2, 1, 1], [1, 0, 2, 1], [1, 1, 3, 1]],
    t2s: { path: 'search-index/t2s/', blocks: ['51', '57', '69'] },
    postings: { shards: 0, terms: encoded },
    docs: { per_file: 0, list: docs.map(({ slug, ...d }) => d) },
  };
}

const files = {
  'search-index.json': buildIndex(),
  'search-index/t2s/51.json': { version: 1, pairs: '兒儿' },
  'search-index/t2s/57.json': { version: 1, pairs: '園园' },
  'search-index/t2s/69.json': { version: 1, pairs: '業业' },
};
const load = async (path) => structuredClone(files[path]);
const index = await rank.openIndex(load, tokenizer);

async function search(q, edition = '', department = '') {
  const t2s = await index.t2sFor(q);
  const parsed = rank.parseQuery(q, tokenizer, t2s);
  const postings = await index.postings(parsed.tokens);
  const r = rank.rank(parsed, postings, index.filter(edition, department), (id) => index.editionOf(id));
  return { near: r.near, urls: r.hits.map((h) => docs[h.doc].url), parsed };
}

test('a phrase ranks above the same characters scattered', async () => {
  const r = await search('充电桩');
  assert.equal(r.near, false);
  // c and d have 充电桩 in their text; a has 充电 and 电桩 apart.
  assert.deepEqual(r.urls, ['2022/c/', '2022/d/', '2021/a/']);
});

test('a title or department hit ranks above a body hit', async () => {
  const r = await search('物业');
  assert.deepEqual(r.urls, ['2022/b/']);
  const dept = await search('区住建局');
  assert.deepEqual(dept.urls, ['2022/b/', '2021/a/']);  // equal scores: the newer edition first
});

test('every term must match', async () => {
  assert.deepEqual((await search('充电桩 8.98万元')).urls, ['2022/d/']);
});

test('numbers match whole, with their unit', async () => {
  assert.deepEqual((await search('8.98万元')).urls, ['2022/d/']);
  assert.deepEqual((await search('118%')).urls, ['2022/c/']);
  assert.deepEqual((await search('8.98亿元')).urls, ['2022/d/']);  // only as a near match
  assert.equal((await search('8.98亿元')).near, true);
});

test('near matches when no document has every term', async () => {
  const r = await search('物业管里');
  assert.equal(r.near, true);
  assert.deepEqual(r.urls, ['2022/b/']);
  const none = await search('量子计算');
  assert.deepEqual(none.urls, []);
});

test('edition and department filters', async () => {
  assert.deepEqual((await search('区住建局', '2021')).urls, ['2021/a/']);
  assert.deepEqual((await search('充电桩', '', 'jiaoyu')).urls, ['2022/d/']);
});

test('only the Traditional table blocks of the query ideographs are fetched', async () => {
  const seen = [];
  const fresh = await rank.openIndex(async (p) => { seen.push(p); return structuredClone(files[p]); }, tokenizer);
  assert.equal(await fresh.t2sFor('118%'), null);
  assert.deepEqual(seen, ['search-index.json']);
  const t2s = await fresh.t2sFor('幼兒園');  // 幼 is in block 5e, which has no Traditional character
  assert.deepEqual(seen.slice(1).sort(), ['search-index/t2s/51.json', 'search-index/t2s/57.json']);
  assert.equal(tokenizer.fold('幼兒園', t2s), '幼儿园');
  assert.deepEqual((await search('物業')).urls, ['2022/b/']);
});

test('highlights merge overlapping tokens and snippets cut around the hits', async () => {
  const { parsed } = await search('充电桩');
  const text = docs[2].text;
  const ranges = rank.highlightRanges(text, parsed, tokenizer, null);
  assert.deepEqual(ranges.map(([a, b]) => text.slice(a, b)), ['充电桩']);
  const pieces = rank.snippet('前'.repeat(50) + text, ranges.map(([a, b]) => [a + 50, b + 50]), 20);
  assert.equal(pieces[0].text, '…');
  assert.ok(pieces.some((p) => p.mark && p.text === '充电桩'));
  // A title fits its length: shown whole, never cut to start near the hit.
  const title = '新能源汽车充电难问题专项治理';
  const whole = rank.snippet(title, [[5, 7]], title.length);
  assert.equal(whole.map((p) => p.text).join(''), title);
});

test('a sharded index loads only the shards of the query tokens', async () => {
  const whole = buildIndex();
  const shards = 8;
  const sharded = { ...whole, postings: { shards, hash: 'fnv1a32', digits: 1, path: 'search-index/p/' },
    docs: { per_file: 2, files: 2, path: 'search-index/d/' } };
  const store = { 'search-index.json': sharded };
  for (const [token, list] of Object.entries(whole.postings.terms)) {
    const path = `search-index/p/${(tokenizer.tokenHash(token) & (shards - 1)).toString(16)}.json`;
    store[path] ??= { version: 1, terms: {} };
    store[path].terms[token] = list;
  }
  store['search-index/d/0.json'] = { version: 1, first: 0, docs: whole.docs.list.slice(0, 2) };
  store['search-index/d/1.json'] = { version: 1, first: 2, docs: whole.docs.list.slice(2) };
  const seen = [];
  const big = await rank.openIndex(async (p) => { seen.push(p); return store[p]; }, tokenizer);
  const parsed = rank.parseQuery('118%', tokenizer, null);
  const r = rank.rank(parsed, await big.postings(parsed.tokens), big.filter('', ''), (id) => big.editionOf(id));
  const found = await big.documents(r.hits.map((h) => h.doc));
  assert.equal(found.get(r.hits[0].doc).url, '2022/c/');
  const expected = new Set(parsed.tokens.map((t) => `search-index/p/${(tokenizer.tokenHash(t) & 7).toString(16)}.json`));
  assert.deepEqual(seen.sort(), ['search-index.json', ...expected, 'search-index/d/1.json'].sort());
});

test('a pasted paragraph is cut to its start', () => {
  const parsed = rank.parseQuery('充电桩'.repeat(200), tokenizer, null);
  assert.ok(parsed.tokens.length <= 64, String(parsed.tokens.length));
});
