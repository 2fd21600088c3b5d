#!/usr/bin/env node
// A large content tree for the search benchmark, made from the seed bulletin:
//   node bench/search/gen-content.mjs <projects> <out-dir> [seed-content]
// Projects are spread over ten yearly editions; each takes a seed project's
// department, tags and title (with a place in front) and a body of the seed's
// sentences, mostly its own, with the numbers changed. Deterministic.
import { mkdirSync, readFileSync, readdirSync, writeFileSync, copyFileSync } from 'node:fs';
import path from 'node:path';

const [count = '10000', out, seedDir = path.join(path.dirname(new URL(import.meta.url).pathname), '../../content')] =
  process.argv.slice(2);
if (!out) {
  console.error('usage: gen-content.mjs <projects> <out-dir> [seed-content]');
  process.exit(2);
}

let state = 20221231;
function random() {  // a fixed LCG: the same tree on every machine
  state = (Math.imul(state, 1103515245) + 12345) >>> 0;
  return state / 4294967296;
}
const pick = (list) => list[Math.floor(random() * list.length)];

const seeds = [];
for (const edition of readdirSync(seedDir).filter((d) => /^\d{4}$/.test(d))) {
  for (const file of readdirSync(path.join(seedDir, edition)).filter((f) => f.endsWith('.md') && !f.startsWith('_'))) {
    const [, front, body] = readFileSync(path.join(seedDir, edition, file), 'utf8').split('+++\n');
    const field = (name) => (front.match(new RegExp(`^${name} = (.*)$`, 'm')) || [])[1];
    const sentences = body.replace(/\*\*/g, '').replace(/^\d+\.\s*/gm, '').split(/(?<=[。；])/)
      .map((s) => s.trim()).filter((s) => s.length > 8);
    seeds.push({ title: JSON.parse(field('title')), department: field('department'), tags: field('tags') || '[]', sentences });
  }
}
const allSentences = seeds.flatMap((s) => s.sentences);

const syllables = '东西南北金银盘岙海山城沥港桥塘湾岭浦新民和平安康兴德昌盛白泉马岙干览小沙岑港双桥临城'.split('');
const suffixes = ['村', '社区', '街道', '小区', '镇'];
const place = () => pick(syllables) + pick(syllables) + pick(suffixes);

// Keeps a number's shape (digits, decimals) so units and dates stay plausible.
function vary(sentence) {
  return sentence.replace(/\d+(\.\d+)?/g, (n) => {
    if (/^20\d\d$/.test(n)) return n;
    const decimals = (n.split('.')[1] || '').length;
    const value = Number(n) * (0.3 + random() * 1.4);
    return decimals ? value.toFixed(decimals) : String(Math.max(1, Math.round(value)));
  }).replace(/金寿新村|定海/g, () => place());
}

const years = Array.from({ length: 10 }, (_, i) => 2013 + i);
const perEdition = Math.ceil(Number(count) / years.length);
mkdirSync(out, { recursive: true });
for (const f of ['site.toml', 'departments.toml']) copyFileSync(path.join(seedDir, f), path.join(out, f));
let made = 0;
for (const year of years) {
  const dir = path.join(out, String(year));
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, '_index.md'),
    `+++\ntitle = "${year}年漠视侵害群众利益问题专项治理工作成果"\nyear = ${year}\npublished = ${year + 1}-01-20\n+++\n` +
    `${year}年，各牵头部门持续推进专项治理。\n`);
  for (let number = 1; number <= perEdition && made < Number(count); number++, made++) {
    const seed = pick(seeds);
    const paragraphs = [];
    for (let p = 0; p < 3; p++) {
      const n = 2 + Math.floor(random() * 3);
      const parts = [];
      for (let s = 0; s < n; s++) parts.push(vary(random() < 0.7 ? pick(seed.sentences) : pick(allSentences)));
      paragraphs.push(`${p + 1}. ${parts.join('')}`);
    }
    writeFileSync(path.join(dir, `p${number}.md`),
      `+++\ntitle = ${JSON.stringify(place() + seed.title)}\ndepartment = ${seed.department}\nnumber = ${number}\n` +
      `tags = ${seed.tags}\n+++\n${paragraphs.join('\n')}\n`);
  }
}
console.log(`gen-content: ${made} projects in ${years.length} editions -> ${out}`);
