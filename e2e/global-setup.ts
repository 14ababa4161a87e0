import { type ChildProcess, execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type E2eState, SCREENSHOT_DIR, STATE_ENV } from './support.ts';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(projectRoot, 'bin/materiel.mjs');

const ORGANISATION = { name: 'Ministry of Defence of Testland', kind: 'national_authority', country: 'COD' };
const ADMIN = { email: 'amina.diallo@e2e.test', name: 'Amina Diallo', password: 'e2e-admin-password-2024' };
const REGISTRAR = {
  email: 'odile.kabasele@e2e.test',
  name: 'Odile Kabasele',
  password: 'e2e-registrar-password-2024',
};
const VIEWER = { email: 'paul.ngoy@e2e.test', name: 'Paul Ngoy', password: 'e2e-viewer-password-2024' };
const INSTALLATION_ADMIN = { email: 'admin@materiel.local', password: 'e2e-installation-password-2024' };

/** Runs `materiel <args> --db sqlite:PATH --json` and returns its one JSON document. */
function materiel(dbUrl: string, args: string[], stdin?: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      [cli, ...args, '--db', dbUrl, '--json'],
      { cwd: projectRoot, timeout: 60_000 },
      (error, stdout, stderr) => {
        if (error) {
          reject(new Error(`materiel ${args.join(' ')} failed (${error.message}):\n${stderr}\n${stdout}`));
          return;
        }
        try {
          resolve(JSON.parse(stdout));
        } catch {
          reject(new Error(`materiel ${args.join(' ')} did not print JSON:\n${stdout}\n${stderr}`));
        }
      },
    );
    if (stdin !== undefined) child.stdin?.end(`${stdin}\n`);
    else child.stdin?.end();
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitForHealth(baseURL: string, child: ChildProcess, logFile: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(
        `The server exited with code ${child.exitCode}. Its output:\n${fs.readFileSync(logFile, 'utf8')}`,
      );
    }
    try {
      const res = await fetch(`${baseURL}/healthz`);
      if (res.status === 200) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(
    `The server did not answer ${baseURL}/healthz within 60 s. Its output:\n${fs.readFileSync(logFile, 'utf8')}`,
  );
}

/** Signs in through the API and replaces a one-time password by a known one. */
async function choosePassword(
  baseURL: string,
  email: string,
  oneTimePassword: string,
  password: string,
): Promise<void> {
  const signIn = await fetch(`${baseURL}/api/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password: oneTimePassword }),
  });
  if (!signIn.ok) throw new Error(`Signing in ${email} failed: ${signIn.status} ${await signIn.text()}`);
  const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0]!;
  const { csrfToken } = (await signIn.json()) as { csrfToken: string };
  const change = await fetch(`${baseURL}/api/session/password`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Cookie: cookie, 'X-CSRF-Token': csrfToken },
    body: JSON.stringify({ currentPassword: oneTimePassword, newPassword: password }),
  });
  if (!change.ok)
    throw new Error(`Changing the password of ${email} failed: ${change.status} ${await change.text()}`);
  await fetch(`${baseURL}/api/session`, {
    method: 'DELETE',
    headers: { Cookie: cookie, 'X-CSRF-Token': csrfToken },
  });
}

export default async function globalSetup(): Promise<void> {
  if (!fs.existsSync(path.join(projectRoot, 'dist/web/index.html'))) {
    throw new Error(
      'The web app is not built. Run "npm run test:e2e" (which runs "vite build" first) or "npm run build".',
    );
  }
  fs.rmSync(SCREENSHOT_DIR, { recursive: true, force: true });
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });

  const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'materiel-e2e-'));
  const dbUrl = `sqlite:${path.join(tempDir, 'materiel.db')}`;
  const port = await freePort();
  const baseURL = `http://127.0.0.1:${port}`;

  await materiel(dbUrl, ['db', 'migrate']);

  // Started on an empty database, the server creates the installation administrator.
  const logFile = path.join(tempDir, 'server.log');
  const log = fs.openSync(logFile, 'a');
  const server = spawn(process.execPath, [cli, 'serve', '--port', String(port), '--db', dbUrl], {
    cwd: projectRoot,
    env: { ...process.env, LOG_LEVEL: 'warn', MATERIEL_DATA_DIR: tempDir },
    stdio: ['ignore', log, log],
  });
  fs.closeSync(log);
  process.env.MATERIEL_E2E_SERVER_PID = String(server.pid);
  try {
    await prepare(dbUrl, baseURL, server, logFile, tempDir);
  } catch (error) {
    server.kill('SIGTERM');
    throw error;
  }
}

async function prepare(
  dbUrl: string,
  baseURL: string,
  server: ChildProcess,
  logFile: string,
  tempDir: string,
) {
  await waitForHealth(baseURL, server, logFile);

  // Known passwords for both administrators; the specs exercise one-time passwords themselves.
  const reset = (await materiel(dbUrl, ['user', 'reset-password', '--email', INSTALLATION_ADMIN.email])) as {
    oneTimePassword: string;
  };
  await choosePassword(baseURL, INSTALLATION_ADMIN.email, reset.oneTimePassword, INSTALLATION_ADMIN.password);

  const org = (await materiel(dbUrl, [
    'org',
    'add',
    '--name',
    ORGANISATION.name,
    '--kind',
    ORGANISATION.kind,
    '--country',
    ORGANISATION.country,
  ])) as { id: string };
  await materiel(
    dbUrl,
    [
      'user',
      'add',
      '--email',
      ADMIN.email,
      '--name',
      ADMIN.name,
      '--org',
      org.id,
      '--role',
      'admin',
      '--password-stdin',
    ],
    ADMIN.password,
  );
  // The registry's people: a registrar who imports and registers, a viewer who may only read.
  for (const [person, role] of [
    [REGISTRAR, 'registrar'],
    [VIEWER, 'viewer'],
  ] as const) {
    await materiel(
      dbUrl,
      [
        'user',
        'add',
        '--email',
        person.email,
        '--name',
        person.name,
        '--org',
        org.id,
        '--role',
        role,
        '--password-stdin',
      ],
      person.password,
    );
  }

  const state: E2eState = {
    baseURL,
    tempDir,
    serverPid: server.pid!,
    organisationName: ORGANISATION.name,
    admin: ADMIN,
    registrar: REGISTRAR,
    viewer: VIEWER,
    installationAdmin: INSTALLATION_ADMIN,
  };
  const stateFile = path.join(tempDir, 'state.json');
  fs.writeFileSync(stateFile, JSON.stringify(state, null, 2));
  process.env[STATE_ENV] = stateFile;
}
