/**
 * Writes domain/calendar/official-days.json from the `chinese-days` package's data file (the State Council's yearly
 * notices of statutory holidays and make-up working days). The copy is kept in the repository on purpose: a deadline
 * must not move under a running case because a dependency was upgraded, only because a new calendar version was
 * published.
 *
 *   npm pack chinese-days@1.5.7 && tar xzf chinese-days-1.5.7.tgz
 *   npx tsx scripts/official-days.ts package/dist/chinese-days.json
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from './temporal-cli';

interface SourceFile {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

const [sourcePath, sourceName = 'chinese-days 1.5.7'] = process.argv.slice(2);
if (!sourcePath) throw new Error('usage: tsx scripts/official-days.ts <chinese-days.json> [source name]');
const source = JSON.parse(readFileSync(sourcePath, 'utf8')) as SourceFile;
/** "Spring Festival,春节,4" → "春节". */
const chineseName = (entry: string) => entry.split(',')[1] ?? entry;
const byDate = (days: Record<string, string>) =>
  Object.fromEntries(Object.entries(days).sort(([a], [b]) => a.localeCompare(b)).map(([date, entry]) => [date, chineseName(entry)]));
const years = [...new Set(Object.keys(source.holidays).map((date) => Number(date.slice(0, 4))))].sort((a, b) => a - b);

const out = { source: sourceName, licence: 'MIT, Copyright (c) 2024 Yawei sun', years, holidays: byDate(source.holidays), workdays: byDate(source.workdays) };
writeFileSync(join(projectRoot, 'domain', 'calendar', 'official-days.json'), `${JSON.stringify(out, null, 1)}\n`);
console.log(`${years[0]}–${years.at(-1)}: ${Object.keys(out.holidays).length} holidays, ${Object.keys(out.workdays).length} make-up working days`);
