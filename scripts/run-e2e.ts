// `npm run test:e2e`: the browser tests, when there is a browser to run them. Without Chromium it
// says so in one line and succeeds, so that `npm test` still runs everything else on a laptop;
// under CI (env CI set) a missing browser fails the run instead.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findChromium, isCi, noChromiumMessage } from './find-chromium.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const found = findChromium();
if (found.path === null) {
  const ci = isCi();
  process.stderr.write(`${noChromiumMessage(found, ci)}\n`);
  process.exit(ci ? 1 : 0);
}
const chromiumPath = found.path;

function run(script: string, args: string[]): void {
  const result = spawnSync(process.execPath, [path.join(root, script), ...args], {
    cwd: root,
    stdio: 'inherit',
    // playwright.config.ts looks again; this makes it find the very same browser.
    env: { ...process.env, CHROMIUM_PATH: chromiumPath },
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

run('node_modules/vite/bin/vite.js', ['build']);
run('node_modules/@playwright/test/cli.js', ['test', ...process.argv.slice(2)]);
