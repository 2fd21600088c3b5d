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
];
