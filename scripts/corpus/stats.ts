/**
 * Class balance of the labelled corpus, for rules/corpus/DATASHEET.md:
 *   npx tsx scripts/corpus/stats.ts [dir=rules/corpus]
 * Prints markdown: posts per file group, leads and non-leads, categories, urgency, how many name
 * no place, and rough shares of written Cantonese and traditional characters (marker characters).
 */
import path from 'node:path';
import { CATEGORY_CODES } from '../../src/domain/categories.js';
import { readLabelledFile } from '../../src/model/data/labelled-file.js';
import { labelledFiles } from '../../src/model/training-set.js';

const dir = process.argv[2] ?? 'rules/corpus';
const CANTONESE = /[咗嘅啲冇喺嚟唔佢睇嘢揾哋嗰乜]/u;
const TRADITIONAL = /[們個這過還對時說開關門問車來裡點號電話燈樓業線歲戶區]/u;
const groups = new Map<string, { posts: number; leads: number; urgent: number; noPlace: number; cantonese: number; traditional: number }>();
const categories = new Map<string, number>();
let issues = 0;
for (const file of labelledFiles(dir)) {
  const { posts, issues: bad } = readLabelledFile(file);
  issues += bad.length;
  const group = path.basename(file).replace(/-\d+\.jsonl$/, '');
  const g = groups.get(group) ?? { posts: 0, leads: 0, urgent: 0, noPlace: 0, cantonese: 0, traditional: 0 };
  for (const p of posts) {
    g.posts++;
    if (CANTONESE.test(p.text)) g.cantonese++;
    if (TRADITIONAL.test(p.text)) g.traditional++;
    if (!p.label.is_lead) continue;
    g.leads++;
    if (p.label.urgency === 'urgent') g.urgent++;
    if (!p.label.district && !p.label.street && !p.label.place) g.noPlace++;
    categories.set(p.label.category!, (categories.get(p.label.category!) ?? 0) + 1);
  }
  groups.set(group, g);
}
const total = [...groups.values()].reduce((a, g) => ({ posts: a.posts + g.posts, leads: a.leads + g.leads, urgent: a.urgent + g.urgent, noPlace: a.noPlace + g.noPlace, cantonese: a.cantonese + g.cantonese, traditional: a.traditional + g.traditional }));
console.log('| group | posts | leads | not leads | urgent leads | leads naming no place | Cantonese (≈) | traditional (≈) |\n|---|---:|---:|---:|---:|---:|---:|---:|');
for (const [name, g] of [...groups, ['all', total] as const]) console.log(`| ${name} | ${g.posts} | ${g.leads} | ${g.posts - g.leads} | ${g.urgent} | ${g.noPlace} | ${g.cantonese} | ${g.traditional} |`);
console.log('\n| category | leads |\n|---|---:|');
for (const c of CATEGORY_CODES) console.log(`| ${c} | ${categories.get(c) ?? 0} |`);
if (issues) console.log(`\n${issues} line(s) could not be read (run train to see them).`);
