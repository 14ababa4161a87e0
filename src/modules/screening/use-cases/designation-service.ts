import type { Actor } from '../../../platform/access/actor.ts';
import type { AppContext } from '../../../platform/context.ts';
import { fromJson } from '../../../platform/db/json.ts';
import { notFound, validationError } from '../../../platform/errors.ts';
import { diffDesignations } from '../domain/designations/diff.ts';
import { type Designation, LIST_SOURCES } from '../domain/designations/model.ts';
import {
  historyOfDesignation,
  searchRecordsOfVersion,
  versionInForce,
} from '../repository/list-repository.ts';

/**
 * A date (YYYY-MM-DD, the whole day in UTC) or an instant, as an ISO text in UTC that compares with
 * the stored generation instants. Anything else is refused rather than compared as text.
 */
function instantOf(asOf: string): string {
  const text = asOf.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(Date.parse(`${text}T00:00:00Z`))) return text;
  const t = /^\d{4}-\d{2}-\d{2}T/.test(text) ? Date.parse(text) : Number.NaN;
  if (Number.isNaN(t))
    throw validationError('Give the date as YYYY-MM-DD or an ISO 8601 instant.', [
      { field: 'asOf', message: 'Not a date.' },
    ]);
  return new Date(t).toISOString();
}

/**
 * Designated parties as the lists stood on a date (today by default), found by name or reference.
 * The lists are public: any signed-in user, and the CLI, may read them, so `_actor` is not checked.
 */
export async function searchDesignations(
  ctx: AppContext,
  _actor: Actor,
  q: { text?: string; asOf?: string; source?: string; limit?: number },
) {
  const sources = q.source ? [q.source] : [...LIST_SOURCES];
  const asOf = q.asOf === undefined ? undefined : instantOf(q.asOf);
  const out = [];
  for (const source of sources) {
    const version = await versionInForce(ctx.db, source, asOf);
    if (!version) continue;
    const rows = await searchRecordsOfVersion(ctx.db, version.id, q.text ?? '', q.limit ?? 100);
    out.push(...rows.map((r) => ({ ...r, version: version.version })));
  }
  return { asOf: q.asOf ?? null, items: out };
}

/** One designation with every version that listed it and what changed from one to the next (public, as above). */
export async function getDesignation(ctx: AppContext, _actor: Actor, source: string, ref: string) {
  const rows = await historyOfDesignation(ctx.db, source, ref);
  if (!rows.length) throw notFound(`The designation ${ref}`);
  const history: { version: string; generatedAt: string; changes: ReturnType<typeof diffDesignations> }[] =
    [];
  let previous: Designation | null = null;
  let current: Designation | null = null;
  for (const r of rows) {
    const d = fromJson<Designation>(r.data_json)!;
    history.push({
      version: r.version,
      generatedAt: r.generated_at,
      changes: previous && r.id !== rows[rows.indexOf(r) - 1]?.id ? diffDesignations(previous, d) : [],
    });
    previous = d;
    current = d;
  }
  const latest = await versionInForce(ctx.db, source);
  const listedNow = rows.some((r) => r.version_id === latest?.id);
  return { designation: current!, listedInCurrentVersion: listedNow, history };
}
