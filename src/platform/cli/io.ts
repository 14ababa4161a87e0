import { AppError } from '../errors.ts';

/** Where a command writes. Tests pass buffers; the real CLI passes the process streams. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Reads all of standard input (for --password-stdin). */
  readStdin: () => Promise<string>;
  /** True when stderr is a terminal, so progress bars are worth drawing. */
  interactive: boolean;
}

export const processIo: CliIo = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  readStdin: async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  },
  interactive: Boolean(process.stderr.isTTY),
};

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

/** Usage errors from the CLI itself (missing option, unknown value): exit code 2. */
export class UsageError extends Error {}

export function exitCodeFor(error: unknown): number {
  if (error instanceof UsageError) return EXIT_USAGE;
  if (error instanceof AppError)
    return error.code === 'validation' || error.code === 'not_found' ? EXIT_USAGE : EXIT_FAILURE;
  return EXIT_FAILURE;
}

/**
 * Prints a command's result: exactly one JSON document on stdout with --json, otherwise the
 * human form. Keeping both in one place is what makes every command honour --json.
 */
export function emit(io: CliIo, json: boolean, value: unknown, human: () => string): void {
  if (json) io.stdout(`${JSON.stringify(value, null, 2)}\n`);
  else io.stdout(`${human()}\n`);
}

export function emitError(io: CliIo, json: boolean, error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  const code = error instanceof AppError ? error.code : error instanceof UsageError ? 'usage' : 'failure';
  const issues = error instanceof AppError && error.issues.length ? error.issues : undefined;
  if (json)
    io.stdout(`${JSON.stringify({ error: { code, message, ...(issues && { issues }) } }, null, 2)}\n`);
  if (issues && !json) {
    io.stderr(
      `Error: ${issues.length === 1 ? 'one problem' : `${issues.length} problems`} with the input:\n`,
    );
    for (const i of issues) io.stderr(`  - ${i.row ? `row ${i.row}, ` : ''}${i.field}: ${i.message}\n`);
  } else {
    io.stderr(`Error: ${message}\n`);
  }
}

/** A plain text table for human output. */
export function table(records: readonly object[], columns: string[]): string {
  const rows = records as Record<string, unknown>[];
  if (rows.length === 0) return '(none)';
  const cell = (v: unknown) => (v === null || v === undefined ? '' : String(v));
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)));
  const line = (values: string[]) =>
    values
      .map((v, i) => v.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [
    line(columns),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map((r) => line(columns.map((c) => cell(r[c])))),
  ].join('\n');
}
