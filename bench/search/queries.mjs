// Seed queries for the search benchmark, with the project(s) a reader wants
// first (all of them within the first results, in any order).
const p = (slug) => `2022/${slug}/`;

export const SEED_QUERIES = [
  { q: '充电桩', expect: [p('ev-charging')] },
  { q: '区住建局', expect: [p('property-management'), p('urban-resettlement')] },
  { q: '8.98万元', expect: [p('education-fees')] },
  { q: '幼儿园', expect: [p('education-fees')] },
  { q: '幼兒園', expect: [p('education-fees')] },               // Traditional characters
  { q: '教育收费', expect: [p('education-fees')] },             // the text says 教育乱收费
  { q: '物业管里', expect: [p('property-management')] },        // typo for 物业管理
  { q: '老旧小区', expect: [p('ev-charging')] },
  { q: '118%', expect: [p('ev-charging')] },
  { q: '电信诈骗', expect: [p('telecom-fraud')] },              // the title says 电信网络诈骗
  { q: '养老服务', expect: [p('home-elderly-care')] },
  { q: '回迁安置', expect: [p('rural-resettlement'), p('urban-resettlement')] },
  { q: '瓶装燃气', expect: [p('bottled-gas')] },
  { q: '健康体检', expect: [p('health-checkups')] },
  { q: '食堂', expect: [p('home-elderly-care'), p('school-lunch')] },
  { q: '业委会', expect: [p('property-management')] },
  { q: '合作社', expect: [p('village-cooperatives')] },
  { q: '社保', expect: [p('social-security')] },
  { q: '２０２２年１２月底', expect: [p('bottled-gas'), p('ev-charging'), p('telecom-fraud')] },  // full-width
  { q: '幼儿园 退费', expect: [p('education-fees')] },          // 退费 is not in the text: 退还
];

// For the generated site: typical queries; no single right answer.
export const LARGE_QUERIES = [
  { q: '充电桩' }, { q: '区住建局' }, { q: '幼儿园' }, { q: '老旧小区' }, { q: '物业管里' }, { q: '专项治理' },
  // The forgiving search (issue 12): pinyin, initials, a same-sound character,
  // a department abbreviation, a number written another way.
  { q: 'jiaoyu' }, { q: 'wygl' }, { q: '体减' }, { q: '卫健局' }, { q: '118.0%' },
  // Characters read in several ways (多音字): 长 as chang, 还 as huan; pinyin typed as two words.
  { q: 'changxiao' }, { q: '退环' }, { q: 'changxiao jizhi' },
];

// Issue 12: queries as citizens type them on the shipped 2022 bulletin, with
// the project(s) they are after. `kind` is the style of the query:
// abbreviation or partial name, pinyin, wrong character of the same sound,
// number written another way. Graded by mean reciprocal rank (the rank of
// the first expected project among the results; 0 when it is not shown).
export const CITIZEN_QUERIES = [
  // Abbreviations and partial names of departments, titles and tags.
  { kind: 'abbreviation', q: '卫健局', expect: [p('health-checkups')] },
  { kind: 'abbreviation', q: '农业局', expect: [p('village-cooperatives')] },
  { kind: 'abbreviation', q: '综合执法', expect: [p('bottled-gas')] },
  { kind: 'abbreviation', q: '发改委', expect: [p('ev-charging')] },                   // an alias in departments.toml
  { kind: 'abbreviation', q: '城管', expect: [p('bottled-gas')] },                     // an alias
  { kind: 'abbreviation', q: '人社局', expect: [p('social-security')] },
  { kind: 'abbreviation', q: '公安局', expect: [p('telecom-fraud')] },
  { kind: 'abbreviation', q: '市监局', expect: [p('livestream-marketing')] },
  { kind: 'abbreviation', q: '自然资源局', expect: [p('rural-resettlement')] },
  { kind: 'abbreviation', q: '直播违法', expect: [p('livestream-marketing')] },
  { kind: 'abbreviation', q: '新能源充电', expect: [p('ev-charging')] },
  { kind: 'abbreviation', q: '瓶装气', expect: [p('bottled-gas')] },
  { kind: 'abbreviation', q: '无食堂学校', expect: [p('school-lunch')] },
  { kind: 'abbreviation', q: '社保不到位', expect: [p('social-security')] },
  // Pinyin: full, with or without spaces or tone marks, and initials.
  { kind: 'pinyin', q: 'jiaoyu', expect: [p('education-fees')] },
  { kind: 'pinyin', q: 'wu ye', expect: [p('property-management')] },
  { kind: 'pinyin', q: 'wygl', expect: [p('property-management')] },
  { kind: 'pinyin', q: 'chongdianzhuang', expect: [p('ev-charging')] },
  { kind: 'pinyin', q: 'shebao', expect: [p('social-security')] },
  { kind: 'pinyin', q: 'tijian', expect: [p('health-checkups')] },
  { kind: 'pinyin', q: 'jujia yanglao', expect: [p('home-elderly-care')] },
  { kind: 'pinyin', q: 'dianxinzhapian', expect: [p('telecom-fraud')] },
  { kind: 'pinyin', q: 'zhibo daihuo', expect: [p('livestream-marketing')] },
  { kind: 'pinyin', q: 'hezuoshe', expect: [p('village-cooperatives')] },
  { kind: 'pinyin', q: 'Jiàn Kāng Tǐ Jiǎn', expect: [p('health-checkups')] },
  { kind: 'pinyin', q: 'hqaz', expect: [p('rural-resettlement'), p('urban-resettlement')] },
  { kind: 'pinyin', q: 'pingzhuang ranqi', expect: [p('bottled-gas')] },
  // Characters read in several ways (多音字), in their other reading: 还 huan, 行 hang, 长 chang.
  { kind: 'pinyin', q: 'tuihuan', expect: [p('education-fees')] },
  { kind: 'pinyin', q: 'hangye zilv', expect: [p('livestream-marketing')] },
  { kind: 'pinyin', q: 'changxiao jizhi', expect: [p('property-management'), p('rural-resettlement')] },
  // A wrong character of the same sound.
  { kind: 'sound', q: '体减', expect: [p('health-checkups')] },
  { kind: 'sound', q: '低宝', expect: [p('social-security')] },
  { kind: 'sound', q: '物业管里', expect: [p('property-management')] },
  { kind: 'sound', q: '充电装', expect: [p('ev-charging')] },
  { kind: 'sound', q: '幼儿圆', expect: [p('education-fees')] },
  { kind: 'sound', q: '电信炸骗', expect: [p('telecom-fraud')] },
  { kind: 'sound', q: '合作设', expect: [p('village-cooperatives')] },
  { kind: 'sound', q: '宅机地', expect: [p('rural-resettlement')] },
  { kind: 'sound', q: '业委汇', expect: [p('property-management')] },
  { kind: 'sound', q: '安置方', expect: [p('rural-resettlement'), p('urban-resettlement')] },
  { kind: 'sound', q: '退环', expect: [p('education-fees')] },                        // 还 read huan
  { kind: 'sound', q: '长效机智', expect: [p('property-management'), p('rural-resettlement')] },
  // Numbers written another way.
  { kind: 'number', q: '118.0%', expect: [p('ev-charging')] },
  { kind: 'number', q: '8.980万元', expect: [p('education-fees')] },
  { kind: 'number', q: '120.3%', expect: [p('health-checkups')] },
  { kind: 'number', q: '７１个', expect: [p('ev-charging')] },
  { kind: 'number', q: '32.0辆', expect: [p('bottled-gas')] },
];
