import type { Actor } from '../../../platform/access/actor.ts';
import type { AppContext } from '../../../platform/context.ts';
import { write } from '../../../platform/use-case/write.ts';
import { parseInput } from '../../../platform/validation/parse-input.ts';
import { ScreenQuery, ScreenRequest } from '../contracts.ts';
import { DEFAULT_THRESHOLD } from '../domain/matching/index.ts';
import { screeningIndex } from './index-cache.ts';
import { requireScreening } from './policy.ts';
import {
  describeVersions,
  type ParsedScreenQuery,
  requireLists,
  type ScreenHitResult,
  screenWith,
} from './screen-with-index.ts';

/** The same bounds as an API request: a threshold from 0 to 1, 1 to 50 candidates per name. */
const BatchSettings = ScreenRequest.pick({ threshold: true, limit: true });

export interface BatchInput {
  /** Parties to screen, as given: each is checked on its own, and a bad one does not stop the rest. */
  queries: readonly unknown[];
  threshold?: number;
  limit?: number;
}

export interface BatchOptions {
  /** Called every hundred queries and at the end, for a progress bar. */
  onProgress?: (done: number, total: number) => void;
}

export interface BatchScreening {
  listVersion: string;
  threshold: number;
  /** The queries screened, in the order given (`index` into the input), each with its candidates best first. */
  screened: { index: number; query: ParsedScreenQuery; results: ScreenHitResult[] }[];
  /** The queries not screened, in the order given, and why. */
  rejected: { index: number; message: string }[];
  withCandidates: number;
  /** Time spent screening, without loading the index. */
  seconds: number;
}

const PROGRESS_EVERY = 100;

/**
 * The one batch screening, for the API (`POST /api/screen`) and the CLI (`materiel screen`, one
 * name or a CSV of parties): the actor must be allowed to screen, a list must be loaded, and every
 * batch leaves one `screening.request` audit entry saying how many parties were screened against
 * which list versions, with the first twenty names.
 */
export async function screenBatch(
  ctx: AppContext,
  actor: Actor,
  input: BatchInput,
  options: BatchOptions = {},
): Promise<BatchScreening> {
  requireScreening(actor);
  const settings = parseInput(BatchSettings, { threshold: input.threshold, limit: input.limit });
  const threshold = settings.threshold ?? DEFAULT_THRESHOLD;
  const loaded = await screeningIndex(ctx);
  requireLists(loaded);

  const total = input.queries.length;
  const screened: BatchScreening['screened'] = [];
  const rejected: BatchScreening['rejected'] = [];
  let withCandidates = 0;
  const started = performance.now();
  for (let index = 0; index < total; index++) {
    const parsed = ScreenQuery.safeParse(input.queries[index]);
    if (parsed.success) {
      const results = screenWith(loaded, parsed.data, threshold, settings.limit);
      if (results.length) withCandidates++;
      screened.push({ index, query: parsed.data, results });
    } else {
      rejected.push({
        index,
        message: parsed.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; '),
      });
    }
    if (index % PROGRESS_EVERY === 0) options.onProgress?.(index, total);
  }
  options.onProgress?.(total, total);
  const seconds = Number(((performance.now() - started) / 1000).toFixed(2));

  const listVersion = describeVersions(loaded);
  await write(ctx, actor, (w) =>
    w.audit({
      action: 'screening.request',
      recordType: 'screening',
      after: {
        queries: screened.length,
        withCandidates,
        listVersion,
        names: screened.slice(0, 20).map((x) => x.query.name),
      },
    }),
  );
  return { listVersion, threshold, screened, rejected, withCandidates, seconds };
}
