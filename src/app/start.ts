import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { ensureFirstAdministrator } from '../modules/identity/use-cases/bootstrap-service.ts';
import { failInterruptedImports } from '../modules/registry/use-cases/import-runner.ts';
import { environment } from '../platform/config/environment.ts';
import type { AppContext } from '../platform/context.ts';
import { JobWorker } from '../platform/jobs/queue.ts';
import { buildApp } from './build-app.ts';
import { loadDemoData } from './demo/demo-service.ts';
import { JOB_DEFINITIONS } from './job-definitions.ts';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export function packageVersion(): string {
  return (JSON.parse(fs.readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as { version: string })
    .version;
}

export interface StartOptions {
  ctx: AppContext;
  port: number;
  host: string;
  demo: boolean;
  /** Human-facing lines (the one-time password, demo accounts) go here, never into the log. */
  announce: (text: string) => void;
}

export async function startServer(opts: StartOptions): Promise<FastifyInstance> {
  const { ctx } = opts;
  const first = await ensureFirstAdministrator(ctx);
  await failInterruptedImports(ctx);
  const webDir = path.join(projectRoot, 'dist/web');
  const app = await buildApp({
    ctx,
    webDir,
    version: packageVersion(),
    trustProxy: environment().trustProxy,
    logger: {
      level: environment().logLevel,
      redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
    },
  });
  // Background work (re-screening after a new list version) runs in the server process.
  const worker = new JobWorker(ctx, JOB_DEFINITIONS);
  app.addHook('onClose', () => worker.stop());
  await app.listen({ port: opts.port, host: opts.host });
  worker.start();
  const url = `http://${opts.host === '0.0.0.0' || opts.host === '127.0.0.1' ? 'localhost' : opts.host}:${opts.port}`;
  const lines = [`Materiel is running at ${url} (database: ${ctx.dialect}). API docs: ${url}/api/docs`];
  if (!fs.existsSync(path.join(webDir, 'index.html'))) {
    lines.push(
      'The web app is not built: run "npm run build" (npm start does this for you). The API works meanwhile.',
    );
  }
  if (first) {
    lines.push(
      '',
      'First start: an installation administrator was created.',
      `  e-mail:             ${first.email}`,
      `  one-time password:  ${first.oneTimePassword}`,
      'This password is shown only now. Sign in with it and you will be asked to choose your own.',
      '(Lost it? Run: materiel user reset-password --email admin@materiel.local)',
    );
  }
  if (opts.demo) {
    const demo = await loadDemoData(ctx);
    lines.push(
      '',
      `Demo data loaded: ${demo.weapons} weapons in the commission's registry, an excerpt of the UN list, the exporter's counterparties.`,
    );
    lines.push(
      `To see a new list version arrive (re-screening), run: materiel lists load ${demo.nextListFile}`,
    );
    lines.push(`Every demo account uses the password "${demo.password}":`);
    for (const a of demo.accounts)
      lines.push(`  ${a.email.padEnd(40)} ${a.role.padEnd(14)} ${a.organisation}`);
  }
  opts.announce(`${lines.join('\n')}\n`);
  return app;
}
