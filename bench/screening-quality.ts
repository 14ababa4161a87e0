/**
 * Name-matching quality on OpenSanctions' hand-labelled name pairs (name-bench), next to their
 * reference matcher logic-v2 on the same pairs.
 *
 *   npx tsx bench/screening-quality.ts [--errors] [--sweep]
 *
 * The pairs are a yardstick, never training data: nothing in the matcher refers to them.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compareNames, DEFAULT_THRESHOLD } from '../src/modules/screening/domain/matching/compare.ts';
import type { EntityType } from '../src/modules/screening/domain/matching/normalise.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const dataDir = path.resolve(here, '../../shared/data/name-bench');
const resultsDir = path.resolve(here, 'results');
const LOGIC_V2_THRESHOLD = 0.7;

/** RFC 4180 CSV: quoted fields, doubled quotes, newlines inside quotes. */
function parseCsv(text: string): Record<string, string>[] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  const [header, ...body] = rows.filter((r) => r.length > 1 || r[0] !== '');
  return body.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i] ?? ''])));
}

function schemaType(schema: string): EntityType {
  if (schema === 'Person') return 'person';
  if (schema === 'Vessel') return 'vessel';
  return 'organization';
}

interface Counts {
  tp: number;
  fp: number;
  tn: number;
  fn: number;
}

function count(items: { truth: boolean; predicted: boolean }[]): Counts {
  const c = { tp: 0, fp: 0, tn: 0, fn: 0 };
  for (const { truth, predicted } of items) {
    if (truth && predicted) c.tp++;
    else if (!truth && predicted) c.fp++;
    else if (truth) c.fn++;
    else c.tn++;
  }
  return c;
}

function metrics(c: Counts) {
  const precision = c.tp + c.fp > 0 ? c.tp / (c.tp + c.fp) : 0;
  const recall = c.tp + c.fn > 0 ? c.tp / (c.tp + c.fn) : 0;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  const accuracy = (c.tp + c.tn) / Math.max(1, c.tp + c.fp + c.tn + c.fn);
  return { ...c, precision: r3(precision), recall: r3(recall), f1: r3(f1), accuracy: r3(accuracy) };
}

function r3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

function pad(s: string | number, n: number): string {
  return String(s).padEnd(n);
}

const casesFile = path.join(dataDir, 'cases.csv');
if (!existsSync(casesFile)) {
  console.log(`skipped: ${casesFile} not found (the name-bench files live in ../shared/data)`);
  process.exit(0);
}
const cases = parseCsv(readFileSync(casesFile, 'utf8'));
const logic = parseCsv(readFileSync(path.join(dataDir, 'logicv2-frozen.csv'), 'utf8'));
const logicScores = new Map<string, number[]>();
// Joined on the pair itself: the frozen file names some case groups differently.
const keyOf = (r: Record<string, string>) => [r.schema, r.name1, r.name2, r.is_match].join('\u0001');
for (const r of logic) {
  const list = logicScores.get(keyOf(r)) ?? [];
  list.push(Number(r.score));
  logicScores.set(keyOf(r), list);
}

const started = performance.now();
const scored = cases.map((r) => {
  const type = schemaType(r.schema!);
  const result = compareNames(r.name1!, r.name2!, { type });
  const logicScore = logicScores.get(keyOf(r))?.shift();
  return {
    group: r.case_group!,
    category: r.category || '(none)',
    schema: r.schema!,
    name1: r.name1!,
    name2: r.name2!,
    truth: r.is_match === 'true',
    quality: r.quality!,
    score: result.score,
    logicScore,
    explanation: result.explanation,
  };
});
const elapsed = performance.now() - started;

const ours = scored.map((s) => ({ truth: s.truth, predicted: s.score >= DEFAULT_THRESHOLD }));
const both = scored.filter((s) => s.logicScore !== undefined);
const oursSame = both.map((s) => ({ truth: s.truth, predicted: s.score >= DEFAULT_THRESHOLD }));
const logicSame = both.map((s) => ({ truth: s.truth, predicted: (s.logicScore ?? 0) >= LOGIC_V2_THRESHOLD }));

const summary = {
  threshold: DEFAULT_THRESHOLD,
  pairs: scored.length,
  msPerPair: r3(elapsed / scored.length),
  all: metrics(count(ours)),
  samePairs: { pairs: both.length, materiel: metrics(count(oursSame)), logicV2: metrics(count(logicSame)) },
};

console.log(
  `name-bench: ${scored.length} pairs (${both.length} also scored by logic-v2), ${summary.msPerPair} ms per pair`,
);
console.log('');
console.log(
  `${pad('matcher', 28)}${pad('threshold', 11)}${pad('P', 8)}${pad('R', 8)}${pad('F1', 8)}TP/FP/TN/FN`,
);
const line = (name: string, t: number, m: ReturnType<typeof metrics>) =>
  console.log(
    `${pad(name, 28)}${pad(t, 11)}${pad(m.precision, 8)}${pad(m.recall, 8)}${pad(m.f1, 8)}${m.tp}/${m.fp}/${m.tn}/${m.fn}`,
  );
line('materiel (all pairs)', DEFAULT_THRESHOLD, summary.all);
line('materiel (same pairs)', DEFAULT_THRESHOLD, summary.samePairs.materiel);
line('logic-v2 (same pairs)', LOGIC_V2_THRESHOLD, summary.samePairs.logicV2);

// By category: the LLM-proposed deviations are split by case group to stay readable.
const groups = new Map<string, typeof scored>();
for (const s of scored) {
  const name = s.category === 'LLM-proposed deviation' ? `LLM deviation: ${s.group}` : s.category;
  const small = scored.filter((x) => x.category === s.category).length < 5;
  const key = small ? `other categories (${s.group})` : name;
  groups.set(key, [...(groups.get(key) ?? []), s]);
}
const byCategory = [...groups.entries()]
  .sort((x, y) => y[1].length - x[1].length)
  .map(([category, items]) => {
    const withLogic = items.filter((s) => s.logicScore !== undefined);
    const mine = count(withLogic.map((s) => ({ truth: s.truth, predicted: s.score >= DEFAULT_THRESHOLD })));
    const theirs = count(
      withLogic.map((s) => ({ truth: s.truth, predicted: (s.logicScore ?? 0) >= LOGIC_V2_THRESHOLD })),
    );
    return {
      category,
      pairs: items.length,
      matches: items.filter((s) => s.truth).length,
      materiel: metrics(
        count(items.map((s) => ({ truth: s.truth, predicted: s.score >= DEFAULT_THRESHOLD }))),
      ),
      materielSamePairs: metrics(mine),
      logicV2SamePairs: metrics(theirs),
    };
  });
console.log('');
console.log(
  `${pad('category', 44)}${pad('pairs', 7)}${pad('materiel acc / F1', 20)}${pad('same pairs', 12)}${pad('materiel acc / F1', 20)}logic-v2 acc / F1`,
);
for (const c of byCategory) {
  const same =
    c.materielSamePairs.tp + c.materielSamePairs.fp + c.materielSamePairs.tn + c.materielSamePairs.fn;
  const cell = (m: ReturnType<typeof metrics>) => (same > 0 ? `${m.accuracy} / ${m.f1}` : '-');
  console.log(
    `${pad(c.category, 44)}${pad(c.pairs, 7)}${pad(`${c.materiel.accuracy} / ${c.materiel.f1}`, 20)}${pad(same, 12)}` +
      `${pad(cell(c.materielSamePairs), 20)}${cell(c.logicV2SamePairs)}`,
  );
}

let sweep: { threshold: number; f1: number; precision: number; recall: number }[] = [];
if (process.argv.includes('--sweep')) {
  sweep = [];
  for (let k = 0; k <= 18; k++) {
    const t = (500 + 25 * k) / 1000;
    const m = metrics(count(scored.map((s) => ({ truth: s.truth, predicted: s.score >= t }))));
    sweep.push({ threshold: r3(t), f1: m.f1, precision: m.precision, recall: m.recall });
  }
  console.log('');
  for (const s of sweep)
    console.log(`threshold ${s.threshold.toFixed(3)}  P ${s.precision}  R ${s.recall}  F1 ${s.f1}`);
}

const errors = scored
  .filter((s) => s.truth !== s.score >= DEFAULT_THRESHOLD)
  .map((s) => ({ ...s, error: s.truth ? 'missed match (FN)' : 'false alarm (FP)' }));
if (process.argv.includes('--errors')) {
  console.log('');
  for (const e of errors) {
    console.log(
      `${e.truth ? 'FN' : 'FP'} ${e.score.toFixed(3)} (v2 ${e.logicScore?.toFixed(2) ?? '-'}) [${e.schema}] ${e.name1} | ${e.name2}`,
    );
  }
}

mkdirSync(resultsDir, { recursive: true });
writeFileSync(
  path.join(resultsDir, 'screening-quality.json'),
  `${JSON.stringify({ generatedAt: new Date().toISOString(), summary, byCategory, sweep, errors }, null, 2)}\n`,
);
console.log('');
console.log(`written ${path.relative(process.cwd(), path.join(resultsDir, 'screening-quality.json'))}`);
