import { main } from '../../src/app/cli.ts';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout parsed as JSON (for --json runs). */
  json<T = Record<string, unknown>>(): T;
}

/** Runs the CLI in-process against a database URL, with optional standard input. */
export async function runCli(dbUrl: string, args: string[], stdin = ''): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await main(['--db', dbUrl, ...args], {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    readStdin: async () => stdin,
    interactive: false,
  });
  return { code, stdout, stderr, json: <T>() => JSON.parse(stdout) as T };
}
