/**
 * Screening speed against the real lists: the UN Consolidated List (2020-03-20) and the OFAC SDN
 * list (2024-05-03) parsed by the project's own parsers and indexed together, as an installation
 * holds them. Measures index build time and memory, single-query latency and throughput on one
 * core, and a 100,000-party batch. Targets (M3): p95 < 5 ms, >= 2,000 queries/s, batch < 60 s,
 * index < 300 MB.
 */
import fs from 'node:fs';
import path from 'node:path';
import { prng } from '../src/modules/registry/inventory-generator.ts';
import { toListEntry } from '../src/modules/screening/domain/designations/list-entry.ts';
import { parseOfacSdnCsv } from '../src/modules/screening/domain/designations/ofac-csv.ts';
import { parseUnConsolidatedXml } from '../src/modules/screening/domain/designations/un-xml.ts';
import { buildIndex, type ScreenQuery, screen } from '../src/modules/screening/domain/matching/index.ts';
import { percentile, SHARED_DATA, writeResults } from './support.ts';

const unFile = path.join(SHARED_DATA, 'un-sc-consolidated/consolidated-2020-03-20.xml');
const ofacFile = path.join(SHARED_DATA, 'ofac/sdn-2024-05-03.csv');
if (!fs.existsSync(unFile) || !fs.existsSync(ofacFile)) {
  console.log(`Skipped: the list files are not in ${SHARED_DATA}.`);
  process.exit(0);
}

const random = prng(2616);
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;

const designations = [
  ...parseUnConsolidatedXml(fs.readFileSync(unFile, 'utf8')).designations,
  ...parseOfacSdnCsv(fs.readFileSync(ofacFile, 'utf8'), '2024-05-03').designations,
];
const entries = designations.map(toListEntry);
globalThis.gc?.();
const heapBefore = process.memoryUsage().heapUsed;
let t = performance.now();
const index = buildIndex(entries);
const buildMs = performance.now() - t;
globalThis.gc?.();
const indexMb = (process.memoryUsage().heapUsed - heapBefore) / 1048576;

/** Typical damage: a typo, a dropped part, reordering. */
function damage(name: string): string {
  const parts = name.split(/\s+/);
  const r = random();
  if (r < 0.3 && parts.length > 1) return [...parts.slice(1), parts[0]].join(' ');
  if (r < 0.5 && parts.length > 2) return parts.filter((_, i) => i !== 1).join(' ');
  const i = 1 + Math.floor(random() * Math.max(1, name.length - 2));
  return name.slice(0, i) + name.slice(i + 1);
}
const UNLISTED_GIVEN = [
  'Anna',
  'Pierre',
  'Juan',
  'Olga',
  'Kwame',
  'Mei',
  'Ravi',
  'Sara',
  'Tomas',
  'Aiko',
  'Lars',
  'Nadia',
];
const UNLISTED_FAMILY = [
  'Lindqvist',
  'Okafor',
  'Moreau',
  'Tanaka',
  'Kowalski',
  'Haddadi',
  'Fernandes',
  'Novak',
  'Mensah',
  'Larsen',
];
function queries(n: number): ScreenQuery[] {
  const out: ScreenQuery[] = [];
  for (let i = 0; i < n; i++) {
    if (random() < 0.5) {
      const d = pick(designations);
      out.push({ name: damage(d.name), type: d.type === 'person' ? 'person' : 'any' });
    } else {
      out.push({
        name: `${pick(UNLISTED_GIVEN)} ${pick(UNLISTED_FAMILY)}`,
        type: random() < 0.5 ? 'person' : 'any',
      });
    }
  }
  return out;
}

// Warm up, then single queries one after another.
for (const q of queries(300)) {
  try {
    screen(index, q);
  } catch (e) {
    console.error('FAILED', JSON.stringify(q));
    throw e;
  }
}
const single = queries(5000);
const times: number[] = [];
t = performance.now();
for (const q of single) {
  const s = performance.now();
  try {
    screen(index, q);
  } catch (e) {
    console.error('FAILED', JSON.stringify(q));
    throw e;
  }
  times.push(performance.now() - s);
}
const singleSeconds = (performance.now() - t) / 1000;
times.sort((a, b) => a - b);

const batch = queries(100_000);
t = performance.now();
let withHits = 0;
for (const q of batch) {
  try {
    if (screen(index, q).length) withHits++;
  } catch (e) {
    console.error('FAILED', JSON.stringify(q));
    throw e;
  }
}
const batchSeconds = (performance.now() - t) / 1000;

const figures = {
  entries: entries.length,
  names: entries.reduce((n, e) => n + e.names.length, 0),
  buildSeconds: Number((buildMs / 1000).toFixed(2)),
  indexHeapMB: Math.round(indexMb),
  singleQuery: {
    p50: Number(percentile(times, 50).toFixed(2)),
    p95: Number(percentile(times, 95).toFixed(2)),
    p99: Number(percentile(times, 99).toFixed(2)),
    perSecond: Math.round(single.length / singleSeconds),
  },
  batch100k: { seconds: Number(batchSeconds.toFixed(1)), withCandidates: withHits },
};
writeResults('screening-lists', figures, [
  [
    'lists',
    `UN 2020-03-20 + OFAC SDN 2024-05-03: ${figures.entries.toLocaleString('en')} designations, ${figures.names.toLocaleString('en')} names`,
  ],
  ['index build', `${figures.buildSeconds} s, ${figures.indexHeapMB} MB of heap (target < 300 MB)`],
  [
    'single query',
    `p50 ${figures.singleQuery.p50} ms, p95 ${figures.singleQuery.p95} ms (target < 5), p99 ${figures.singleQuery.p99} ms`,
  ],
  [
    'throughput, one core',
    `${figures.singleQuery.perSecond.toLocaleString('en')} queries/s (target >= 2,000; yente ~15/s/core)`,
  ],
  [
    '100,000-party batch',
    `${figures.batch100k.seconds} s (target < 60 s), ${figures.batch100k.withCandidates.toLocaleString('en')} with candidates`,
  ],
]);
