#!/usr/bin/env node
// `npm run bench -- NAME [args]`: runs bench/NAME.ts (through tsx) and lists the benchmarks when none is named.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const available = fs
  .readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .map((f) => f.replace(/\.bench\.ts$/, ''));
const [name, ...rest] = process.argv.slice(2);
if (!name || !available.includes(name)) {
  console.error(`Usage: npm run bench -- <${available.join('|')}> [options]`);
  process.exit(name ? 2 : 0);
}
const tsx = path.join(here, '../node_modules/tsx/dist/cli.mjs');
const result = spawnSync(
  process.execPath,
  ['--expose-gc', tsx, path.join(here, `${name}.bench.ts`), ...rest],
  { stdio: 'inherit' },
);
process.exit(result.status ?? 1);
