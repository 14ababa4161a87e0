import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { type Actor, actorLabel } from '../../../platform/access/actor.ts';
import type { AppContext } from '../../../platform/context.ts';
import { createBulkInserter } from '../../../platform/db/dialect/bulk-insert.ts';
import { newId } from '../../../platform/db/ids.ts';
import { fromJson, toJson } from '../../../platform/db/json.ts';
import type { Row } from '../../../platform/db/schema.ts';
import { conflict, validationError } from '../../../platform/errors.ts';
import { enqueueJob } from '../../../platform/jobs/queue.ts';
import { write } from '../../../platform/use-case/write.ts';
import { canonicalJson, diffSnapshots } from '../domain/designations/diff.ts';
import {
  type Designation,
  LIST_SOURCES,
  ListParseError,
  type ListSnapshot,
  type ListSource,
} from '../domain/designations/model.ts';
import { ofacVersionFromFileName, parseOfacSdnCsv } from '../domain/designations/ofac-csv.ts';
import { parseUnConsolidatedXml } from '../domain/designations/un-xml.ts';
import * as repo from '../repository/list-repository.ts';
import { requireListLoader } from './policy.ts';

export const RESCREEN_JOB = 'screening.rescreen';

export interface LoadListResult {
  source: ListSource;
  version: string;
  persons: number;
  entities: number;
  /** Reference numbers added since the previous version (none for the first version loaded). */
  added: string[];
  removed: string[];
  changed: { ref: string; name: string; fields: string[] }[];
  previousVersion: string | null;
  /** True when this exact file was loaded before: nothing changed. */
  unchanged: boolean;
  versionId: string;
}

/** The bytes of a list file, and what its sender said about it. */
export interface ListFile {
  fileName: string;
  bytes: Buffer;
  /** un-sc or ofac-sdn; detected from the file when left out. */
  source?: string;
  /** OFAC files carry no date: give it (YYYY-MM-DD), unless the file name has one. */
  version?: string;
}

/**
 * What to load: a file on the server or a URL (the CLI, the demo), or a file that `read` receives
 * (an upload), called only once the actor is found allowed to load lists, so that nobody else
 * makes the server take in up to 100 MB.
 */
export type ListToLoad =
  | { fileOrUrl: string; source?: ListSource; version?: string }
  | { read: () => Promise<ListFile> };

function detectSource(fileName: string, text: string): ListSource {
  if (fileName.toLowerCase().endsWith('.xml') || text.trimStart().startsWith('<')) return 'un-sc';
  return 'ofac-sdn';
}

/** Reads a file or downloads a URL (the UN publishes its list at a stable address). */
async function readSource(fileOrUrl: string): Promise<{ bytes: Buffer; fileName: string }> {
  if (/^https?:\/\//i.test(fileOrUrl)) {
    let response: Response;
    try {
      response = await fetch(fileOrUrl);
    } catch (e) {
      throw validationError(
        `Could not download ${fileOrUrl}: ${(e as Error).message}. Download it by hand and load the file.`,
      );
    }
    if (!response.ok)
      throw validationError(`Downloading ${fileOrUrl} answered ${response.status} ${response.statusText}.`);
    return {
      bytes: Buffer.from(await response.arrayBuffer()),
      fileName: path.basename(new URL(fileOrUrl).pathname) || 'list',
    };
  }
  if (!fs.existsSync(fileOrUrl))
    throw validationError(`${fileOrUrl} does not exist.`, [{ field: 'file', message: 'No such file.' }]);
  return { bytes: fs.readFileSync(fileOrUrl), fileName: path.basename(fileOrUrl) };
}

async function readList(input: ListToLoad): Promise<ListFile> {
  if ('read' in input) return input.read();
  return { ...(await readSource(input.fileOrUrl)), source: input.source, version: input.version };
}

function sourceOf(file: ListFile, text: string): ListSource {
  const given = file.source?.trim();
  if (!given) return detectSource(file.fileName, text);
  if (!(LIST_SOURCES as readonly string[]).includes(given))
    throw validationError(
      `The source is ${LIST_SOURCES.join(' or ')}, or left out to detect it from the file.`,
      [{ field: 'source', message: `Unknown list "${given}".` }],
    );
  return given as ListSource;
}

function parse(source: ListSource, text: string, fileName: string, version?: string): ListSnapshot {
  try {
    if (source === 'un-sc') return parseUnConsolidatedXml(text);
    const v = version ?? ofacVersionFromFileName(fileName);
    if (!v)
      throw validationError(
        `Say which version ${fileName} is (--version YYYY-MM-DD): OFAC files carry no date.`,
        [{ field: 'version', message: 'Missing.' }],
      );
    return parseOfacSdnCsv(text, v);
  } catch (e) {
    if (e instanceof ListParseError) {
      throw validationError(
        `${fileName} was refused: ${e.message.replace(/[.\s]*$/, '.')} The version in force is unchanged.`,
        [
          {
            field:
              e.line === null
                ? 'file'
                : `file, line ${e.line}${e.column === null ? '' : `, column ${e.column}`}`,
            message: e.reason,
          },
        ],
      );
    }
    throw e;
  }
}

function counts(designations: readonly Designation[]) {
  const persons = designations.filter((d) => d.type === 'person').length;
  return { persons, entities: designations.length - persons };
}

function contentHash(d: Designation): string {
  return createHash('sha256').update(canonicalJson(d)).digest('hex');
}

async function snapshotOfVersion(ctx: AppContext, version: Row<'list_versions'>): Promise<ListSnapshot> {
  const records = await repo.recordsOfVersion(ctx.db, version.id);
  return {
    source: version.source as ListSource,
    version: version.version,
    generatedAt: version.generated_at,
    designations: records.map((r) => fromJson<Designation>(r.data_json)!),
    warnings: [],
  } as ListSnapshot;
}

/**
 * Loads a version of a designations list. Parsing happens before anything is written, so a
 * malformed or truncated file is refused whole and the version in force stays. The same file
 * loaded twice changes nothing; a new version is stored (sharing unchanged records with earlier
 * ones), compared with the previous version field by field, and triggers re-screening.
 */
export async function loadList(ctx: AppContext, actor: Actor, input: ListToLoad): Promise<LoadListResult> {
  requireListLoader(actor);
  const file = await readList(input);
  const { bytes, fileName } = file;
  const text = bytes.toString('utf8');
  const source = sourceOf(file, text);
  const fileSha = createHash('sha256').update(bytes).digest('hex');
  const snapshot = parse(source, text, fileName, file.version?.trim() || undefined);
  const generatedAt = snapshot.generatedAt
    ? new Date(snapshot.generatedAt).toISOString()
    : new Date(`${snapshot.version}T00:00:00Z`).toISOString();
  const existing = await repo.findListVersionBySourceVersion(ctx.db, source, snapshot.version);
  if (existing) {
    if (existing.file_sha256 !== fileSha) {
      throw conflict(
        `Version ${snapshot.version} of ${source} is loaded already, from a different file. Check which file is right.`,
      );
    }
    return {
      source,
      version: snapshot.version,
      ...counts(snapshot.designations),
      added: [],
      removed: [],
      changed: [],
      previousVersion: null,
      unchanged: true,
      versionId: existing.id,
    };
  }

  const previous = await repo.previousVersion(ctx.db, source, generatedAt);
  const diff = previous ? diffSnapshots(await snapshotOfVersion(ctx, previous), snapshot) : null;
  const versionId = newId();
  const c = counts(snapshot.designations);
  await write(ctx, actor, async ({ trx, at, now, audit }) => {
    await repo.insertListVersion(trx, {
      id: versionId,
      source,
      version: snapshot.version,
      generated_at: generatedAt,
      file_name: fileName,
      file_sha256: fileSha,
      counts_json: toJson({ ...c, total: snapshot.designations.length }) ?? '{}',
      loaded_by: actorLabel(actor),
      loaded_at: at,
    });
    const hashed = snapshot.designations.map((d) => ({ d, hash: contentHash(d) }));
    const known = await repo.recordsByHash(trx, source, [...new Set(hashed.map((h) => h.hash))]);
    const bulk = createBulkInserter(trx, ctx.dialect, ctx.sqlite);
    const records: Row<'designation_records'>[] = [];
    const members: Row<'list_version_members'>[] = [];
    const seen = new Set<string>();
    for (const { d, hash } of hashed) {
      const key = `${d.ref}|${hash}`;
      if (seen.has(key)) continue;
      seen.add(key);
      let id = known.get(key);
      if (!id) {
        id = newId();
        records.push({
          id,
          source,
          ref: d.ref,
          content_hash: hash,
          type: d.type,
          name: d.name,
          data_json: toJson(d) ?? '{}',
        });
      }
      members.push({ version_id: versionId, record_id: id });
    }
    await bulk.insert('designation_records', records);
    await bulk.insert('list_version_members', members);
    await audit({
      action: 'list.load',
      recordType: 'list_version',
      recordId: versionId,
      after: {
        source,
        version: snapshot.version,
        ...c,
        added: diff?.added.length ?? null,
        removed: diff?.removed.length ?? null,
        changed: diff?.changed.length ?? null,
      },
    });
    await enqueueJob(trx, RESCREEN_JOB, { versionId }, { createdBy: actorLabel(actor) }, now);
  });
  return {
    source,
    version: snapshot.version,
    ...c,
    added: diff?.added ?? [],
    removed: diff?.removed ?? [],
    changed: (diff?.changed ?? []).map((ch) => ({
      ref: ch.ref,
      name: ch.name,
      fields: ch.fields.map((f) => f.field),
    })),
    previousVersion: previous?.version ?? null,
    unchanged: false,
    versionId,
  };
}

/** The loaded versions of every list. Lists are public: any signed-in user, and the CLI, may read them. */
export async function listListVersions(ctx: AppContext, _actor: Actor) {
  const rows = await repo.listVersions(ctx.db);
  return rows.map((r) => ({
    id: r.id,
    source: r.source,
    version: r.version,
    generatedAt: r.generated_at,
    fileName: r.file_name,
    loadedAt: r.loaded_at,
    loadedBy: r.loaded_by,
    counts: fromJson(r.counts_json),
  }));
}

/** The difference between two versions of the same list, field by field (public, as above). */
export async function diffVersions(ctx: AppContext, _actor: Actor, fromId: string, toId: string) {
  const [a, b] = await Promise.all([
    repo.findListVersion(ctx.db, fromId),
    repo.findListVersion(ctx.db, toId),
  ]);
  if (!a || !b)
    throw validationError('Both list versions must exist.', [
      { field: a ? 'to' : 'from', message: 'Unknown version.' },
    ]);
  if (a.source !== b.source) throw validationError('Compare two versions of the same list.');
  return diffSnapshots(await snapshotOfVersion(ctx, a), await snapshotOfVersion(ctx, b));
}
