// The forgiving search's pure functions (search-forgive.js, search-rank.js): pinyin forms of a
// query, the words they spell, same-sound corrections, department
// abbreviations, closeness windows and suggestions. Pinyin forms and windows
// come from tests/search/vectors.json, shared with the C++ tests.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const tokenizer = require('../../themes/default/assets/search-tokenize.js');
const rank = { ...require('../../themes/default/assets/search-rank.js'), ...require('../../themes/default/assets/search-forgive.js') };
const vectors = JSON.parse(readFileSync(new URL('../search/vectors.json', import.meta.url), 'utf8'));

// A vocabulary as the index writes it ([text, pinyin, projects, kind]),
// grouped by first letter, with the pinyin keys of the shared vectors.
const entries = [
  ['区卫生健康局', 'qu wei sheng jian kang ju', 1, 0],
  ['物业管理', vectors.pinyin['物业管理'], 1, 1],
  ['充电桩', vectors.pinyin['充电桩'], 1, 1],
  ['安置房', 'an zhi fang', 1, 1],
  ['物业', 'wu ye', 2, 2], ['业管', 'ye guan', 1, 2], ['管理', 'guan li', 5, 2], ['管里', 'guan li', 1, 2],
  ['体检', vectors.pinyin['体检'], 3, 2], ['题目', 'ti mu', 9, 2], ['低保', vectors.pinyin['低保'], 1, 2],
  ['合作', 'he zuo', 2, 2], ['作社', 'zuo she', 1, 2], ['作者', 'zuo zhe', 4, 2], ['无线', 'wu xian', 1, 2],
  ['安置', 'an zhi', 2, 2], ['置方', 'zhi fang', 1, 2], ['置房', 'zhi fang', 3, 2],
];
const shards = new Map();
for (const e of entries) {
  const l = e[1][0];
  if (!shards.has(l)) shards.set(l, []);
  shards.get(l).push(e);
}
const files = {};
for (const [l, words] of shards) files[`search-index/w/${l}.json`] = { version: 2, words };
for (const l of 'abcdefghjklmnopqrstwxyz') files[`search-index/w/${l}.json`] ||= { version: 2, words: [] };
files['search-index/py/4f.json'] = { version: 2, pinyin: '体ti低di' };
files['search-index/py/7a.json'] = { version: 2, pinyin: '管guan' };
const load = async (path) => {
  if (!(path in files)) throw new Error(`missing ${path}`);
  return structuredClone(files[path]);
};
const decoded = (l) => (shards.get(l) || []).map((e) => {
  const s = e[1].split(' ');
  return { text: e[0], pinyin: e[1], compact: s.join(''), initials: s.map((x) => x[0]).join(''), docs: e[2], kind: e[3] };
});

for (const v of vectors.pinyin_query) {
  test(`pinyin form of ${JSON.stringify(v.input)}`, () => {
    assert.equal(rank.pinyinForm(v.input), v.form);
  });
}

for (const v of vectors.windows) {
  test(`closest window of ${v.chars.join('')} in ${v.text}`, () => {
    const w = rank.closestWindow(v.text, v.chars);
    assert.deepEqual(w && [w.span, w.ordered], v.span === null ? null : [v.span, v.ordered]);
  });
}

test('pinyin spells a word in full or by its initials; names and tags before two-character words', () => {
  assert.equal(rank.spelledWord('wuyeguanli', decoded('w')).text, '物业管理');
  assert.equal(rank.spelledWord('wygl', decoded('w')).text, '物业管理');
  assert.equal(rank.spelledWord('wuye', decoded('w')).text, '物业');
  assert.equal(rank.spelledWord('tijian', decoded('t')).text, '体检');
  assert.equal(rank.spelledWord('wuxianguanli', decoded('w')), null);
});

test('pinyin that is no one word reads as a chain of two-character words', () => {
  assert.equal(rank.spelledChain('hezuoshe', decoded), '合作社');
  assert.equal(rank.spelledChain('wuyeguanli', decoded), '物业管理');
  assert.equal(rank.spelledChain('hezuoxian', decoded), null);
});

test('a wrong character of the same sound becomes the word the site holds', () => {
  const readings = new Map([['体', 'ti'], ['减', 'jian'], ['低', 'di'], ['宝', 'bao'], ['物', 'wu'], ['业', 'ye'],
    ['管', 'guan'], ['里', 'li'], ['安', 'an'], ['置', 'zhi'], ['方', 'fang']]);
  const known = (t) => entries.some((e) => e[0] === t && e[3] === 2);
  assert.equal(rank.correctSounds('体减', readings, decoded, known), '体检');
  assert.equal(rank.correctSounds('低宝', readings, decoded, known), '低保');
  // A whole run that reads like a tag becomes the tag, even when its pairs exist.
  assert.equal(rank.correctSounds('安置方', readings, decoded, known), '安置房');
  assert.equal(rank.correctSounds('物业管里', readings, decoded, known), '物业管理');
  assert.equal(rank.correctSounds('体检', readings, decoded, known), null);
});

test('a department abbreviation or alias names the department', () => {
  const deps = [{ slug: 'weijian', name: '区卫生健康局', aliases: ['卫健委'] }, { slug: 'nongye', name: '区农业农村局' },
    { slug: 'zhifa', name: '区综合行政执法局', aliases: ['城管'] }];
  const f = (x) => tokenizer.fold(x);
  assert.deepEqual(rank.departmentsSpelled('卫健局', deps, f).map((d) => d.slug), ['weijian']);
  assert.deepEqual(rank.departmentsSpelled('农业局', deps, f).map((d) => d.slug), ['nongye']);
  assert.deepEqual(rank.departmentsSpelled('城管', deps, f).map((d) => d.slug), ['zhifa']);
  assert.deepEqual(rank.departmentsSpelled('局', deps, f), []);       // one character is no abbreviation
  assert.deepEqual(rank.departmentsSpelled('局卫', deps, f), []);     // out of order
});

test('near matches by closeness: together and in order first, title above text', () => {
  const docs = new Map([
    [0, { title: '打通瓶装燃气配送', department: '区综合行政执法局', tags: [], text: '' }],
    [1, { title: '其他', department: '区民政局', tags: [], text: '气瓶已经安装好' }],
    [2, { title: '其他', department: '区民政局', tags: [], text: '瓶装燃气' }],
    [3, { title: '其他', department: '区民政局', tags: [], text: '没有相关的字' }],
  ]);
  const hits = rank.rankByCloseness(['瓶', '装', '气'], docs, () => 0);
  assert.deepEqual(hits.map((h) => h.doc), [0, 2, 1]);
});

test('suggestions start with what is typed, in characters or pinyin, from one vocabulary file', async () => {
  files['search-index/py/72.json'] = { version: 2, pinyin: '物wu' };
  let loaded = [];
  const spy = (p) => { loaded.push(p); return load(p); };
  assert.deepEqual(await rank.suggest(spy, tokenizer, '物', 8), ['物业管理', '物业']);
  assert.deepEqual(loaded, ['search-index/py/72.json', 'search-index/w/w.json']);
  loaded = [];
  assert.deepEqual(await rank.suggest(spy, tokenizer, 'wy', 8), ['物业管理', '物业']);
  assert.deepEqual(loaded, ['search-index/w/w.json']);
  assert.deepEqual(await rank.suggest(spy, tokenizer, 'Wu X', 8), ['无线']);
  assert.deepEqual(await rank.suggest(spy, tokenizer, '物业管', 1), ['物业管理']);
  assert.deepEqual(await rank.suggest(spy, tokenizer, '物业', 8), ['物业管理']);  // not what is typed
  assert.deepEqual(await rank.suggest(spy, tokenizer, '   ', 8), []);
  assert.deepEqual(await rank.suggest(spy, tokenizer, '123', 8), []);
});
