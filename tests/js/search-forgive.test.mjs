// The forgiving search's pure functions (search-forgive.js, search-near.js,
// search-suggest.js, search-rank.js): the words pinyin spells, same-sound corrections (with
// characters read in several ways), department abbreviations, closeness
// windows, suggestions, and which files each loads. Pinyin keys and
// windows come from tests/search/vectors.json, shared with the C++ tests.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const tokenizer = require('../../themes/default/assets/search-tokenize.js');
const rank = require('../../themes/default/assets/search-rank.js');
const forgive = require('../../themes/default/assets/search-forgive.js');
const near = require('../../themes/default/assets/search-near.js');
const loadNear = async () => near;
const { suggest } = require('../../themes/default/assets/search-suggest.js');
const vectors = JSON.parse(readFileSync(new URL('../search/vectors.json', import.meta.url), 'utf8'));

// A vocabulary as the index writes it ([text, pinyin, projects, kind]),
// with the pinyin keys of the shared vectors where they have them.
const entries = [
  ['区卫生健康局', 'qu,ou wei sheng jian kang ju', 1, 0],
  ['物业管理', vectors.pinyin['物业管理'], 1, 1],
  ['充电桩', vectors.pinyin['充电桩'], 1, 1],
  ['安置房', 'an zhi fang', 1, 1],
  ['重庆', vectors.pinyin['重庆'], 1, 1],
  ['物业', 'wu ye', 2, 2], ['业管', 'ye guan', 1, 2], ['管理', 'guan li', 5, 2], ['管里', 'guan li', 1, 2],
  ['体检', vectors.pinyin['体检'], 3, 2], ['题目', 'ti mu', 9, 2], ['低保', vectors.pinyin['低保'], 1, 2],
  ['合作', 'he zuo', 2, 2], ['作社', 'zuo she', 1, 2], ['作者', 'zuo zhe', 4, 2], ['无线', 'wu xian', 1, 2],
  ['安置', 'an zhi', 2, 2], ['置方', 'zhi fang', 1, 2], ['置房', 'zhi fang', 3, 2],
  ['银行', vectors.pinyin['银行'], 2, 2], ['行业', vectors.pinyin['行业'], 1, 2], ['会计', vectors.pinyin['会计'], 1, 2],
  ['退还', vectors.pinyin['退还'], 1, 2], ['长效', vectors.pinyin['长效'], 3, 2], ['长期', vectors.pinyin['长期'], 2, 2],
];
const kindOrder = (a, b) => a[3] - b[3] || b[2] - a[2] || (a[0] < b[0] ? -1 : 1);
entries.sort(kindOrder);

// The vocabulary files: a word is in the file of each first letter its readings start with.
const files = {};
for (const l of 'abcdefghjklmnopqrstwxyz') files[`search-index/w/${l}.json`] = { version: 3, words: [] };
for (const e of entries) {
  for (const l of new Set(e[1].split(' ')[0].split(',').map((r) => r[0]))) files[`search-index/w/${l}.json`].words.push(e);
}
// The sound table as the index lays it out: every reading of a word, and
// its initials (names and tags first), in files by the hash of the letters.
const SHARDS = 4;
const soundKeys = {};
for (const e of entries) {
  const readings = tokenizer.readingCombinations(e[1], 8);
  for (const key of new Set([...readings, ...readings.map((r) => '=' + r.split(' ').map((s) => s[0]).join(''))])) {
    (soundKeys[key] ??= []).push([e[0], e[2], e[3]]);
  }
}
for (const key of Object.keys(soundKeys).sort()) {
  if (key[0] === '=') soundKeys[key].sort((a, b) => (a[2] === 2) - (b[2] === 2));
  const hashed = key[0] === '=' ? key : key.replace(/ /g, '');
  const path = `search-index/s/${(tokenizer.tokenHash(hashed) & (SHARDS - 1)).toString(16)}.json`;
  (files[path] ??= { version: 3, keys: {} }).keys[key] = soundKeys[key];
}
// Readings files of 256 code points: the readings of their characters in order.
function readingsFile(pairs) {
  const byBlock = new Map();
  for (const [c, r] of Object.entries(pairs)) {
    const cp = c.codePointAt(0);
    const b = Math.floor(cp / 256);
    if (!byBlock.has(b)) byBlock.set(b, new Array(256).fill(''));
    byBlock.get(b)[cp % 256] = r;
  }
  for (const [b, list] of byBlock) files[`search-index/py/${b.toString(16)}.json`] = { version: 3, readings: list.join(' ') };
}
readingsFile({ 体: 'ti', 减: 'jian', 检: 'jian', 物: 'wu', 业: 'ye', 管: 'guan', 里: 'li', 退: 'tui', 环: 'huan',
  还: 'hai,huan', 充: 'chong', 低: 'di', 宝: 'bao' });

const manifest = {
  pinyin: { path: 'search-index/py/', first: 0x34, last: 0x9f },
  words: { path: 'search-index/w/', letters: 'abcdefghjklmnopqrstwxyz' },
  sound: { shards: SHARDS, hash: 'fnv1a32', digits: 1, path: 'search-index/s/' },
};
let loaded = [];
const load = async (path) => {
  loaded.push(path);
  if (!(path in files)) throw new Error(`missing ${path}`);
  return structuredClone(files[path]);
};
const fakeIndex = () => ({ manifest, load, tokenizer });
const allKeys = Object.assign({}, ...Object.keys(files).filter((p) => p.includes('/s/')).map((p) => files[p].keys));

test('the readings file of a character gives its readings, several for some', async () => {
  loaded = [];
  const readings = await forgive.readingsFor(fakeIndex(), '体检还a');
  assert.deepEqual([...readings], [['体', ['ti']], ['检', ['jian']], ['还', ['hai', 'huan']]]);
  // 体 is U+4F53 (block 0x4f), 检 U+68C0 (0x68), 还 U+8FD8 (0x8f).
  assert.deepEqual(loaded.sort(), ['search-index/py/4f.json', 'search-index/py/68.json', 'search-index/py/8f.json']);
});

test('a key of the sound table is in the file the C++ index puts it in (shared vectors)', () => {
  const index = { manifest: { sound: { shards: 256, hash: 'fnv1a32', digits: 2, path: 'search-index/s/' } }, tokenizer };
  for (const v of vectors.sound_keys) {
    assert.equal(forgive.soundPath(index, v.key), `search-index/s/${(v.hash & 255).toString(16).padStart(2, '0')}.json`, v.key);
  }
});

test('pinyin spells a word in full or by its initials, by any of its readings', () => {
  assert.equal(forgive.spelledWord('wuyeguanli', allKeys), '物业管理');
  assert.equal(forgive.spelledWord('wygl', allKeys), '物业管理');
  assert.equal(forgive.spelledWord('wuye', allKeys), '物业');
  assert.equal(forgive.spelledWord('tijian', allKeys), '体检');
  // Characters read in several ways (多音字): the reading ICU gives first, and the others.
  assert.equal(forgive.spelledWord('yinhang', allKeys), '银行');
  assert.equal(forgive.spelledWord('yinxing', allKeys), '银行');
  assert.equal(forgive.spelledWord('chongqing', allKeys), '重庆');
  assert.equal(forgive.spelledWord('kuaiji', allKeys), '会计');
  assert.equal(forgive.spelledWord('tuihuan', allKeys), '退还');
  assert.equal(forgive.spelledWord('changqi', allKeys), '长期');
  assert.equal(forgive.spelledWord('cq', allKeys), '重庆');
  assert.equal(forgive.spelledWord('wuxianguanli', allKeys), null);
});

test('a word in pinyin loads one file of the sound table', async () => {
  loaded = [];
  assert.equal(await forgive.spelledBy(fakeIndex(), 'yinhang', loadNear), '银行');
  assert.equal(loaded.length, 1);
  assert.match(loaded[0], /^search-index\/s\/[0-3]\.json$/);
  loaded = [];
  assert.equal(await forgive.spelledBy(fakeIndex(), 'wygl', loadNear), '物业管理');  // no vowel: initials only
  assert.deepEqual(loaded, [`search-index/s/${(tokenizer.tokenHash('=wygl') & 3).toString(16)}.json`]);
});

const decoded = (l) => files[`search-index/w/${l}.json`].words.map((e) =>
  ({ text: e[0], pinyin: e[1], readings: tokenizer.readingCombinations(e[1], 8), docs: e[2], kind: e[3] }));

test('pinyin typed as several words spells each from the sound table, no vocabulary file', async () => {
  loaded = [];
  assert.equal(await forgive.spelledBy(fakeIndex(), 'changxiaoyinhang', loadNear, ['changxiao', 'yinhang']), '长效银行');
  assert.deepEqual(loaded.filter((p) => !p.includes('/s/')), []);
  // A part that spells nothing: the chain over the whole.
  assert.equal(await forgive.spelledBy(fakeIndex(), 'hezuoshe', loadNear, ['hezuo', 'she']), '合作社');
});

test('pinyin that spells no one word loads the vocabulary files of its letters for a chain', async () => {
  loaded = [];
  assert.equal(await forgive.spelledBy(fakeIndex(), 'hezuoshe', loadNear), '合作社');
  assert.deepEqual(loaded.filter((p) => p.includes('/w/')).sort(),
    ['e', 'h', 'o', 's', 'z'].map((l) => `search-index/w/${l}.json`));  // no reading starts with u
});

test('pinyin that is no one word reads as a chain of two-character words', () => {
  assert.equal(near.spelledChain('hezuoshe', decoded), '合作社');
  assert.equal(near.spelledChain('wuyeguanli', decoded), '物业管理');
  // The character two words share is read the same way in both: 银行 and 行业 as hang.
  assert.equal(near.spelledChain('yinhangye', decoded), '银行业');
  assert.equal(near.spelledChain('yinxingye', decoded), '银行业');
  assert.equal(near.spelledChain('hezuoxian', decoded), null);
});

test('a wrong character of the same sound becomes the word the site holds', () => {
  const readings = new Map([['体', ['ti']], ['减', ['jian']], ['低', ['di']], ['宝', ['bao']], ['物', ['wu']], ['业', ['ye']],
    ['管', ['guan']], ['里', ['li']], ['安', ['an']], ['置', ['zhi']], ['方', ['fang']], ['退', ['tui']], ['环', ['huan']],
    ['银', ['yin']], ['航', ['hang']], ['虫', ['chong']], ['亲', ['qin']], ['轻', ['qing']]]);
  const known = (t) => entries.some((e) => e[0] === t && e[3] === 2);
  const soundOf = (k) => allKeys[k];
  const fix = (q) => forgive.correctSounds(q, readings, soundOf, known, tokenizer);
  assert.equal(fix('体减'), '体检');
  assert.equal(fix('低宝'), '低保');
  // A whole run that reads like a tag becomes the tag, even when its pairs exist.
  assert.equal(fix('安置方'), '安置房');
  assert.equal(fix('物业管里'), '物业管理');
  assert.equal(fix('体检'), null);
  // 还 reads hai (ICU) and huan: 退环 (tui huan) is 退还; 银航 (yin hang) is 银行.
  assert.equal(fix('退环'), '退还');
  assert.equal(fix('银航'), '银行');
  assert.equal(fix('虫轻'), '重庆');  // a tag read chong qing
  assert.equal(fix('虫亲'), null);    // chong qin: nothing
});

test('a wrong character loads the readings of the query and the files of its readings at once', async () => {
  loaded = [];
  const known = () => false;
  assert.equal(await forgive.soundCorrected(fakeIndex(), '体减', known), '体检');
  // Two readings files (体 and 减 are in different blocks), one file of the sound table ("ti jian").
  assert.deepEqual(loaded.filter((p) => p.includes('/py/')).sort(), ['search-index/py/4f.json', 'search-index/py/51.json']);
  assert.deepEqual(loaded.filter((p) => p.includes('/s/')), [`search-index/s/${(tokenizer.tokenHash('tijian') & 3).toString(16)}.json`]);
  assert.equal(loaded.length, 3);
  loaded = [];
  assert.equal(await forgive.soundCorrected(fakeIndex(), '退环', known), '退还');
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

for (const v of vectors.windows) {
  test(`closest window of ${v.chars.join('')} in ${v.text}`, () => {
    const w = near.closestWindow(v.text, v.chars);
    assert.deepEqual(w && [w.span, w.ordered], v.span === null ? null : [v.span, v.ordered]);
  });
}

test('near matches by closeness: together and in order first, title above text', () => {
  const docs = new Map([
    [0, { title: '打通瓶装燃气配送', department: '区综合行政执法局', tags: [], text: '' }],
    [1, { title: '其他', department: '区民政局', tags: [], text: '气瓶已经安装好' }],
    [2, { title: '其他', department: '区民政局', tags: [], text: '瓶装燃气' }],
    [3, { title: '其他', department: '区民政局', tags: [], text: '没有相关的字' }],
  ]);
  const hits = near.rankByCloseness(['瓶', '装', '气'], docs, () => 0);
  assert.deepEqual(hits.map((h) => h.doc), [0, 2, 1]);
});

test('suggestions start with what is typed, in characters or pinyin, from one vocabulary file', async () => {
  loaded = [];
  assert.deepEqual(await suggest(load, tokenizer, '物', 8), ['物业管理', '物业']);
  assert.deepEqual(loaded, ['search-index/py/72.json', 'search-index/w/w.json']);  // 物 is U+7269
  loaded = [];
  assert.deepEqual(await suggest(load, tokenizer, 'wy', 8), ['物业管理', '物业']);
  assert.deepEqual(loaded, ['search-index/w/w.json']);
  assert.deepEqual(await suggest(load, tokenizer, 'Wu X', 8), ['无线']);
  assert.deepEqual(await suggest(load, tokenizer, '物业管', 1), ['物业管理']);
  assert.deepEqual(await suggest(load, tokenizer, '物业', 8), ['物业管理']);  // not what is typed
  // Any reading of a word: 重庆 for chong and for zhong, 银行 for yinh.
  assert.deepEqual(await suggest(load, tokenizer, 'chongq', 8), ['重庆']);
  assert.deepEqual(await suggest(load, tokenizer, 'zhongq', 8), ['重庆']);
  assert.deepEqual(await suggest(load, tokenizer, 'yinh', 8), ['银行']);
  assert.deepEqual(await suggest(load, tokenizer, '   ', 8), []);
  assert.deepEqual(await suggest(load, tokenizer, '123', 8), []);
});
