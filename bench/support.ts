import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
export const SHARED_DATA = path.resolve(BENCH_DIR, '../../shared/data');

/** Tracks the highest resident set size seen while a benchmark runs. */
export function trackPeakMemory(): { stop(): number } {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, process.memoryUsage().rss);
    },
  };
}

export function mb(bytes: number): string {
  return `${(bytes / 1048576).toFixed(0)} MB`;
}

export function percentile(sortedMs: number[], p: number): number {
  if (sortedMs.length === 0) return Number.NaN;
  return sortedMs[Math.min(sortedMs.length - 1, Math.floor((p / 100) * sortedMs.length))]!;
}

/** Writes bench/results/NAME.json with the machine it ran on, and prints a table. */
export function writeResults(
  name: string,
  figures: Record<string, unknown>,
  table: [string, string][],
): void {
  const out = {
    benchmark: name,
    at: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      cpu: os.cpus()[0]?.model,
      memory: mb(os.totalmem()),
      node: process.version,
    },
    figures,
  };
  fs.mkdirSync(path.join(BENCH_DIR, 'results'), { recursive: true });
  fs.writeFileSync(path.join(BENCH_DIR, 'results', `${name}.json`), `${JSON.stringify(out, null, 2)}\n`);
  const width = Math.max(...table.map(([k]) => k.length));
  console.log(`\n${name}`);
  for (const [k, v] of table) console.log(`  ${k.padEnd(width)}  ${v}`);
  console.log(`  (written to bench/results/${name}.json)`);
}
