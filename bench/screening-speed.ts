/**
 * Single-query screening speed: index build time and memory, query latency (p50, p95, p99) and
 * throughput on one core.
 *
 *   npx tsx bench/screening-speed.ts [--names 30000] [--queries 5000] [--ofac]
 *
 * Without --ofac the index holds synthetic names (persons, companies, vessels) built from common
 * name parts; with --ofac it also loads the OFAC SDN primary names and the aliases in its remarks
 * (../shared/data/ofac). Queries are listed names with typical damage (a typo, parts reordered or
 * dropped, another transliteration) and names that are not listed at all.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  buildIndex,
  type ListEntry,
  type ScreenQuery,
  screen,
} from '../src/modules/screening/domain/matching/index.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const NAMES = arg('--names', 30000);
const QUERIES = arg('--queries', 5000);

// Deterministic pseudo-random numbers, so runs compare.
let seed = 42;
const rand = () => {
  seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff;
  return seed / 0x7fffffff;
};
const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;

const GIVEN = [
  'Muhammad',
  'Ahmad',
  'Ali',
  'Hassan',
  'Omar',
  'Yusuf',
  'Ibrahim',
  'Khalid',
  'Abdul Rahman',
  'Said',
  'Sergey',
  'Vladimir',
  'Dmitry',
  'Igor',
  'Oleg',
  'Nikolai',
  'Andrei',
  'Viktor',
  'Kim',
  'Pak',
  'Jose',
  'Carlos',
  'Luis',
  'Maria',
  'Fatima',
  'Aisha',
  'Elena',
  'Olga',
  'John',
  'David',
  'Michael',
  'Hamid',
  'Rashid',
  'Tariq',
  'Jamal',
  'Faisal',
  'Nasser',
  'Samir',
  'Walid',
  'Ziad',
  'Bashir',
  'Amir',
  'Reza',
  'Hossein',
  'Mehdi',
  'Jian',
  'Wei',
  'Ming',
  'Chol',
  'Song',
  'Yong',
  'Abu Bakr',
  'Usama',
  'Ayman',
  'Mustafa',
  'Mahmoud',
  'Anwar',
  'Imran',
];
const FAMILY_STEMS = [
  'Haqq',
  'Rahm',
  'Kar',
  'Naz',
  'Sul',
  'Ham',
  'Bakr',
  'Tikr',
  'Dul',
  'Mas',
  'Zar',
  'Qad',
  'Lav',
  'Ivan',
  'Petr',
  'Sokol',
  'Volk',
  'Kuz',
  'Mor',
  'Gar',
  'Lop',
  'Fern',
  'Rodr',
  'Ben',
  'Sal',
  'Tah',
  'Nur',
  'Far',
  'Jal',
  'Khal',
  'Yas',
  'Ras',
  'Shar',
  'Dar',
  'Mir',
  'Wal',
  'Aziz',
  'Sad',
  'Qas',
  'Mun',
  'Ros',
  'Bor',
  'Gol',
  'Tem',
];
const FAMILY_ENDS = [
  'ani',
  'avi',
  'ov',
  'ova',
  'enko',
  'ez',
  'iti',
  'ari',
  'ovich',
  'ski',
  'in',
  'yev',
  'zai',
  'uddin',
  'i',
  'oun',
  'imi',
  'adi',
  'ouri',
  'man',
  'ullah',
  'aoui',
  'ova',
  'ini',
  'ek',
];
const ORG_WORDS = [
  'Star',
  'Ocean',
  'Golden',
  'Eagle',
  'Falcon',
  'Crescent',
  'Atlas',
  'Orient',
  'Delta',
  'Nova',
  'Pioneer',
  'Horizon',
  'Summit',
  'Phoenix',
  'Zenith',
  'Aurora',
  'Titan',
  'Vostok',
  'Sever',
  'Nur',
  'Al Noor',
  'Baraka',
  'Amanah',
  'Tadamon',
  'Rasheed',
  'Petro',
  'Neft',
  'Chem',
  'Marine',
  'Aero',
];
const ORG_TAILS = [
  'Trading',
  'Shipping',
  'Industries',
  'Holding',
  'Petroleum',
  'Logistics',
  'Bank',
  'Exchange',
  'Electronics',
  'Machinery',
  'Construction',
  'Investment',
  'Technology',
  'Import Export',
  'General Trading',
];
const FORMS = ['LLC', 'Ltd', 'Co.', 'JSC', 'FZE', 'GmbH', 'S.A.', 'Company', 'Corporation', ''];

const SYLLABLES = [
  'ka',
  'ra',
  'mi',
  'do',
  'su',
  'le',
  'ni',
  'ta',
  'bo',
  'za',
  'he',
  'lo',
  'ma',
  'ri',
  'sa',
  'ku',
  'an',
  'el',
  'or',
  'ul',
  'ib',
  'ash',
  'kh',
  'gh',
  'ch',
  'sh',
  'ya',
  'yo',
  'wa',
  've',
  'pe',
  'ga',
  'de',
  'fi',
  'jo',
  'qa',
  'tu',
  'mo',
  'ne',
  'zi',
  'ba',
  'ha',
  'ju',
  'ki',
  'no',
  'pa',
  'ro',
  'si',
  'te',
  'vo',
  'zu',
];
/** A made-up word of two to four syllables: real lists have tens of thousands of distinct name parts. */
function coined(): string {
  const n = 2 + Math.floor(rand() * 3);
  let w = '';
  for (let i = 0; i < n; i++) w += pick(SYLLABLES);
  return w[0]!.toUpperCase() + w.slice(1);
}

function personName(): string {
  const family = rand() < 0.4 ? pick(FAMILY_STEMS) + pick(FAMILY_ENDS) : coined() + pick(FAMILY_ENDS);
  const parts = [pick(GIVEN)];
  if (rand() < 0.5) parts.push(pick(GIVEN));
  if (rand() < 0.3)
    parts.push(
      `${pick(['al-', 'bin ', 'el-', ''])}${rand() < 0.5 ? pick(FAMILY_STEMS) : coined()}${pick(FAMILY_ENDS)}`,
    );
  parts.push(family.toUpperCase());
  return parts.join(' ');
}
function orgName(): string {
  return [
    rand() < 0.6 ? coined() : pick(ORG_WORDS),
    rand() < 0.5 ? coined() : '',
    pick(ORG_TAILS),
    pick(FORMS),
  ]
    .filter(Boolean)
    .join(' ');
}
function vesselName(): string {
  return `${rand() < 0.6 ? coined() : pick(ORG_WORDS)} ${pick(['Star', 'Queen', 'Spirit', 'Glory', 'Pearl'])}${rand() < 0.5 ? ` ${1 + Math.floor(rand() * 20)}` : ''}`;
}

function syntheticEntries(count: number): ListEntry[] {
  const entries: ListEntry[] = [];
  let total = 0;
  for (let i = 0; total < count; i++) {
    const r = rand();
    const type = r < 0.6 ? 'person' : r < 0.9 ? 'organization' : 'vessel';
    const make = type === 'person' ? personName : type === 'organization' ? orgName : vesselName;
    const names = [{ text: make() }];
    const aliases = Math.floor(rand() * 3);
    for (let k = 0; k < aliases; k++)
      names.push({ text: make(), ...(rand() < 0.3 ? { quality: 'low' as const } : {}) });
    total += names.length;
    entries.push({
      ref: `SYN${i}`,
      source: 'synthetic',
      type,
      names,
      ...(type === 'person' ? { birthDates: [String(1940 + Math.floor(rand() * 60))] } : {}),
    });
  }
  return entries;
}

function ofacEntries(): ListEntry[] {
  const file = path.resolve(here, '../../shared/data/ofac/sdn-2024-05-03.csv');
  if (!existsSync(file)) return [];
  const entries: ListEntry[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const fields = [...line.matchAll(/"([^"]*)"|(-0-\s*)|([^,]+)/g)].map((m) => m[1] ?? m[3] ?? '');
    const [id, name, sdnType] = fields;
    if (!id || !name) continue;
    const remarks = fields[11] ?? '';
    const type = sdnType === 'individual' ? 'person' : sdnType === 'vessel' ? 'vessel' : 'organization';
    const aliases = [...remarks.matchAll(/(?:a\.k\.a\.|f\.k\.a\.)\s*'([^']+)'/g)].map((m) => ({
      text: m[1]!,
    }));
    // OFAC writes individuals "FAMILY, Given".
    entries.push({ ref: `OFAC-${id}`, source: 'ofac-sdn', type, names: [{ text: name }, ...aliases] });
  }
  return entries;
}

function damage(name: string): string {
  const parts = name.split(' ');
  const r = rand();
  if (r < 0.25 && parts.length > 1) return [...parts.slice(1), parts[0]].join(' ');
  if (r < 0.45 && parts.length > 2) return parts.filter((_, i) => i !== 1).join(' ');
  if (r < 0.7) {
    const i = Math.floor(rand() * name.length);
    return name.slice(0, i) + name.slice(i + 1);
  }
  return name
    .replace(/Muhammad/g, 'Mohamed')
    .replace(/ov\b/gi, 'off')
    .replace(/Yusuf/g, 'Youssef');
}

const entries = [...syntheticEntries(NAMES), ...(process.argv.includes('--ofac') ? ofacEntries() : [])];
globalThis.gc?.();
const heapBefore = process.memoryUsage().heapUsed;
let t = performance.now();
const index = buildIndex(entries);
const buildMs = performance.now() - t;
globalThis.gc?.();
const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1e6;

const queries: ScreenQuery[] = [];
const sources = new Map<ScreenQuery, string>();
for (let i = 0; i < QUERIES; i++) {
  if (rand() < 0.5) {
    const entry = pick(entries);
    const q: ScreenQuery = { name: damage(pick(entry.names).text), type: entry.type };
    sources.set(q, entry.ref);
    queries.push(q);
  } else {
    queries.push({ name: rand() < 0.6 ? personName() : orgName() });
  }
}
// Warm up the JIT before measuring.
for (const q of queries.slice(0, 300)) screen(index, q);
const latencies: number[] = [];
let hits = 0;
let found = 0;
const cpuBefore = process.cpuUsage();
t = performance.now();
for (const q of queries) {
  const start = performance.now();
  const results = screen(index, q);
  latencies.push(performance.now() - start);
  hits += results.length > 0 ? 1 : 0;
  if (sources.has(q) && results.some((r) => r.ref === sources.get(q))) found++;
}
const totalMs = performance.now() - t;
const cpu = process.cpuUsage(cpuBefore);
// CPU time, unlike wall time, is not inflated by other processes sharing the machine.
const cpuMs = (cpu.user + cpu.system) / 1000;
latencies.sort((a, b) => a - b);
const pct = (p: number) =>
  latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]!.toFixed(3);
console.log(
  `index: ${index.stats.entries} entries, ${index.stats.names} names, ${index.stats.distinctParts} distinct parts, ` +
    `${index.stats.keys} keys, ${index.stats.postings} postings; built in ${buildMs.toFixed(0)} ms; heap +${heapMb.toFixed(0)} MB` +
    (globalThis.gc ? '' : ' (run with --expose-gc for an exact figure)'),
);
console.log(
  `${queries.length} queries (half damaged listed names, half unlisted, type 'any' for the unlisted): ` +
    `mean ${(totalMs / queries.length).toFixed(3)} ms, p50 ${pct(0.5)} ms, p95 ${pct(0.95)} ms, p99 ${pct(0.99)} ms, ` +
    `${Math.round((queries.length / totalMs) * 1000)} queries/s wall clock, ` +
    `${Math.round((queries.length / cpuMs) * 1000)} queries per CPU-second (one core); ` +
    `${hits} queries with a hit at the default threshold`,
);
console.log(
  `damaged listed names whose entry was found at the default threshold: ${found} of ${sources.size}`,
);
