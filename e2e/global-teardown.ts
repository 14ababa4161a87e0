import fs from 'node:fs';
import { readState } from './support.ts';

/** Stops the server global-setup started and removes its temporary directory. */
export default async function globalTeardown(): Promise<void> {
  let state: ReturnType<typeof readState> | null = null;
  try {
    state = readState();
  } catch {
    // Setup failed before writing its state: stop the server if it got that far.
  }
  const pid = state?.serverPid ?? Number(process.env.MATERIEL_E2E_SERVER_PID ?? 0);
  if (pid) {
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      // Already gone.
    }
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline && isAlive(pid)) await new Promise((r) => setTimeout(r, 100));
    if (isAlive(pid)) process.kill(pid, 'SIGKILL');
  }
  if (state && !process.env.MATERIEL_E2E_KEEP) fs.rmSync(state.tempDir, { recursive: true, force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
