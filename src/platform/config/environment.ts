import { z } from 'zod';
import { DEFAULT_DATABASE_URL } from '../db/url.ts';

/**
 * Every environment variable the application reads, in one place: its name, what it means, its
 * default and its type. Nothing else in src/ reads `process.env`; docs/configuration.md lists the
 * same variables (a test keeps the two in step).
 */
export interface VariableSpec<T> {
  name: string;
  description: string;
  /** As written in the environment, or undefined when unset means "off" or "not given". */
  default: string | undefined;
  schema: z.ZodType<T>;
}

function variable<T>(spec: VariableSpec<T>): VariableSpec<T> {
  return spec;
}

const integerBetween = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, `must be a whole number between ${min} and ${max}`)
    .transform(Number)
    .pipe(z.number().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));

export const ENVIRONMENT_VARIABLES = {
  databaseUrl: variable({
    name: 'MATERIEL_DATABASE_URL',
    description:
      'The database: `sqlite:PATH` or `postgres://user:pass@host:port/db`. The CLI option `--db` overrides it.',
    default: DEFAULT_DATABASE_URL,
    // Checked where it is opened (parseDatabaseUrl), which explains each accepted form.
    schema: z.string().min(1, 'must not be empty'),
  }),
  dataDir: variable({
    name: 'MATERIEL_DATA_DIR',
    description:
      'Folder for attachments and backups when the database is PostgreSQL; with SQLite, the folder of the database file is used.',
    default: './data',
    schema: z.string().min(1, 'must not be empty'),
  }),
  sessionHours: variable({
    name: 'MATERIEL_SESSION_HOURS',
    description: 'How long a sign-in lasts, in hours.',
    default: '12',
    schema: integerBetween(1, 24 * 90),
  }),
  trustProxy: variable({
    name: 'MATERIEL_TRUST_PROXY',
    description:
      '`1` behind a TLS-terminating reverse proxy, so cookies are marked `Secure` and client addresses are right; `0` or unset otherwise.',
    default: '0',
    schema: z.enum(['0', '1'], 'must be 0 or 1').transform((v) => v === '1'),
  }),
  logLevel: variable({
    name: 'LOG_LEVEL',
    description: 'Server log level; logs never contain passwords, tokens or cookies.',
    default: 'info',
    schema: z.enum(
      ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'],
      'must be one of fatal, error, warn, info, debug, trace, silent',
    ),
  }),
  port: variable({
    name: 'PORT',
    description: 'HTTP port of `materiel serve` (and `npm start`); `serve --port` overrides it.',
    default: '8080',
    schema: integerBetween(1, 65535),
  }),
  host: variable({
    name: 'HOST',
    description:
      'Address `materiel serve` listens on; `0.0.0.0` accepts connections from other machines. `serve --host` overrides it.',
    default: '127.0.0.1',
    schema: z.string().min(1, 'must not be empty'),
  }),
  markingCodePattern: variable({
    name: 'MATERIEL_MARKING_CODE_PATTERN',
    description:
      'Pattern of the national marking codes the registry issues, from `{country}`, `{year}`, `{seq:N}` and `{check}`; checked when a code is issued.',
    default: '{country}-{year}-{seq:6}-{check}',
    schema: z.string().min(1, 'must not be empty'),
  }),
} as const;

type Variables = typeof ENVIRONMENT_VARIABLES;
export type Environment = { [K in keyof Variables]: z.output<Variables[K]['schema']> };

/** A bad value in the environment: names each variable, its value and what is wrong with it. */
export class ConfigurationError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `The configuration is not valid:\n${problems.map((p) => `  ${p}`).join('\n')}\nSee docs/configuration.md.`,
    );
    this.name = 'ConfigurationError';
  }
}

/** Reads and checks every variable at once, so one start reports every bad value. */
export function readEnvironment(env: Record<string, string | undefined> = process.env): Environment {
  const result: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [key, spec] of Object.entries(ENVIRONMENT_VARIABLES) as [string, VariableSpec<unknown>][]) {
    const raw = env[spec.name] === '' ? undefined : env[spec.name];
    const parsed = spec.schema.safeParse(raw ?? spec.default);
    if (parsed.success) result[key] = parsed.data;
    else
      problems.push(
        `${spec.name}=${JSON.stringify(raw)}: ${parsed.error.issues[0]?.message ?? 'is not valid'}.`,
      );
  }
  if (problems.length > 0) throw new ConfigurationError(problems);
  return result as Environment;
}

let cached: Environment | undefined;

/** The process's environment, read and checked once on first use. */
export function environment(): Environment {
  cached ??= readEnvironment();
  return cached;
}
