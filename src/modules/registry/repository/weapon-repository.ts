import type { ExpressionBuilder, SelectQueryBuilder } from 'kysely';
import type { Database, Db, NewRow, Row, RowUpdate } from '../../../platform/db/schema.ts';

export function findWeapon(db: Db, id: string): Promise<Row<'weapons'> | undefined> {
  return db.selectFrom('weapons').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertWeapon(db: Db, row: NewRow<'weapons'>): Promise<void> {
  await db.insertInto('weapons').values(row).execute();
}

export async function updateWeapon(db: Db, id: string, patch: RowUpdate<'weapons'>): Promise<void> {
  await db.updateTable('weapons').set(patch).where('id', '=', id).execute();
}

/** natural_key -> {id, content_hash} for the keys that already exist in the organisation. */
export async function weaponsByNaturalKeys(
  db: Db,
  organisationId: string,
  keys: string[],
): Promise<Map<string, { id: string; content_hash: string }>> {
  const found = new Map<string, { id: string; content_hash: string }>();
  for (let i = 0; i < keys.length; i += 500) {
    const rows = await db
      .selectFrom('weapons')
      .select(['id', 'natural_key', 'content_hash'])
      .where('organisation_id', '=', organisationId)
      .where('natural_key', 'in', keys.slice(i, i + 500))
      .execute();
    for (const r of rows) found.set(r.natural_key, { id: r.id, content_hash: r.content_hash });
  }
  return found;
}

export async function organisationHasWeapons(db: Db, organisationId: string): Promise<boolean> {
  const row = await db
    .selectFrom('weapons')
    .select('id')
    .where('organisation_id', '=', organisationId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Weapons of the organisation whose look-alike-folded serial is one of `keys` (likely duplicates). */
export async function weaponsBySerialKeys(
  db: Db,
  organisationId: string,
  keys: string[],
): Promise<Pick<Row<'weapons'>, 'id' | 'serial_key' | 'serial_raw' | 'make' | 'model' | 'natural_key'>[]> {
  const out: Pick<Row<'weapons'>, 'id' | 'serial_key' | 'serial_raw' | 'make' | 'model' | 'natural_key'>[] =
    [];
  for (let i = 0; i < keys.length; i += 500) {
    out.push(
      ...(await db
        .selectFrom('weapons')
        .select(['id', 'serial_key', 'serial_raw', 'make', 'model', 'natural_key'])
        .where('organisation_id', '=', organisationId)
        .where('serial_key', 'in', keys.slice(i, i + 500))
        .execute()),
    );
  }
  return out;
}

export function findWeaponByMarkingCode(db: Db, code: string): Promise<Row<'weapons'> | undefined> {
  return db.selectFrom('weapons').selectAll().where('national_marking_code', '=', code).executeTakeFirst();
}

export const WEAPON_SORTS = ['created_at', 'make', 'model', 'serial', 'category', 'status'] as const;
export type WeaponSort = (typeof WEAPON_SORTS)[number];

export interface WeaponFilter {
  organisationIds: 'all' | string[];
  /** Highest confidentiality level readable per organisation; records above it are left out. */
  readableLevels: Map<string, string[]> | 'all';
  category?: string;
  make?: string;
  calibre?: string;
  status?: string;
  siteId?: string;
  /** Normalised serial prefix (range scan on the index). */
  serialPrefix?: string;
  /** Look-alike-folded serial prefix, to also find misread serials. */
  serialKeyPrefix?: string;
  /** SQL LIKE pattern for partial serials ('?' already turned into '_'). */
  serialLike?: string;
  /** Normalised marking text prefix. */
  markingPrefix?: string;
  /** Normalised national registration number prefix. */
  registrationPrefix?: string;
  sort: WeaponSort;
  direction: 'asc' | 'desc';
  limit: number;
  offset: number;
}

const SORT_COLUMN: Record<WeaponSort, 'id' | 'make' | 'model' | 'serial_normalised' | 'category' | 'status'> =
  {
    // UUID v7 ids sort by creation time, and (organisation_id, id) is indexed.
    created_at: 'id',
    make: 'make',
    model: 'model',
    serial: 'serial_normalised',
    category: 'category',
    status: 'status',
  };

/** The largest code point: `prefix <= x < prefix + MAX` is a prefix search that uses the index on both engines. */
const PREFIX_END = '\u{10FFFF}';

export async function searchWeapons(
  db: Db,
  f: WeaponFilter,
): Promise<{ total: number; rows: Row<'weapons'>[] }> {
  let q = db.selectFrom('weapons');
  if (f.organisationIds !== 'all') {
    if (f.organisationIds.length === 0) return { total: 0, rows: [] };
    q = q.where('organisation_id', 'in', f.organisationIds);
  }
  if (f.readableLevels !== 'all') {
    const levels = f.readableLevels;
    q = q.where((eb) =>
      eb.or(
        [...levels].map(([org, allowed]) =>
          eb.and([eb('organisation_id', '=', org), eb('confidentiality', 'in', allowed)]),
        ),
      ),
    );
  }
  if (f.category) q = q.where('category', '=', f.category);
  if (f.make) q = q.where('make', '=', f.make);
  if (f.calibre) q = q.where('calibre', '=', f.calibre);
  if (f.status) q = q.where('status', '=', f.status);
  if (f.siteId) q = q.where('site_id', '=', f.siteId);
  const textFilters: ReturnType<typeof buildTextFilter>[] = [];
  if (f.serialPrefix || f.serialKeyPrefix || f.serialLike || f.markingPrefix || f.registrationPrefix)
    textFilters.push(buildTextFilter(f));
  for (const tf of textFilters) q = q.where(tf);
  const [{ n }] = [
    await q.select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow(),
  ];
  const column = SORT_COLUMN[f.sort];
  const rows = await q
    .selectAll()
    .orderBy(column, f.direction)
    // id breaks ties; ordering by it twice would make SQLite sort the whole registry.
    .$if(column !== 'id', (qb) => qb.orderBy('id', f.direction))
    .limit(f.limit)
    .offset(f.offset)
    .execute();
  return { total: Number(n), rows };
}

/**
 * Serial and marking search as a union of separately indexed lookups: one OR over different
 * columns would make both engines scan the whole registry.
 */
function buildTextFilter(f: WeaponFilter) {
  return (eb: ExpressionBuilder<Database, 'weapons'>) => {
    const ids = f.organisationIds;
    const weaponIds = () =>
      eb
        .selectFrom('weapons')
        .select('id')
        .$if(ids !== 'all', (q) => q.where('organisation_id', 'in', ids as string[]));
    const parts: SelectQueryBuilder<Database, 'weapons' | 'weapon_markings', { id: string }>[] = [];
    if (f.serialPrefix) {
      parts.push(
        weaponIds()
          .where('serial_normalised', '>=', f.serialPrefix)
          .where('serial_normalised', '<', f.serialPrefix + PREFIX_END),
      );
    }
    if (f.serialKeyPrefix) {
      parts.push(
        weaponIds()
          .where('serial_key', '>=', f.serialKeyPrefix)
          .where('serial_key', '<', f.serialKeyPrefix + PREFIX_END),
      );
    }
    if (f.serialLike) {
      // A partial serial is narrowed by its readable prefix through the index, then matched by pattern.
      const prefix = f.serialLike.split('_')[0] ?? '';
      parts.push(
        weaponIds()
          .where('serial_normalised', 'like', f.serialLike)
          .$if(prefix !== '', (q) =>
            q.where('serial_normalised', '>=', prefix).where('serial_normalised', '<', prefix + PREFIX_END),
          ),
      );
    }
    if (f.registrationPrefix) {
      parts.push(
        weaponIds()
          .where('registration_normalised', '>=', f.registrationPrefix)
          .where('registration_normalised', '<', f.registrationPrefix + PREFIX_END),
      );
    }
    if (f.markingPrefix) {
      parts.push(
        eb
          .selectFrom('weapon_markings')
          .select('weapon_id as id')
          .where('text_normalised', '>=', f.markingPrefix)
          .where('text_normalised', '<', f.markingPrefix + PREFIX_END),
      );
    }
    const union = parts.slice(1).reduce((acc, q) => acc.union(q), parts[0]!);
    return eb('id', 'in', union);
  };
}

export function listMarkings(db: Db, weaponId: string): Promise<Row<'weapon_markings'>[]> {
  return db
    .selectFrom('weapon_markings')
    .selectAll()
    .where('weapon_id', '=', weaponId)
    .orderBy('created_at')
    .execute();
}

export async function insertMarkings(db: Db, rows: NewRow<'weapon_markings'>[]): Promise<void> {
  if (rows.length) await db.insertInto('weapon_markings').values(rows).execute();
}

/** The markings of many weapons at once (an export page), grouped by weapon. */
export async function markingsOfWeapons(
  db: Db,
  weaponIds: string[],
): Promise<Map<string, Row<'weapon_markings'>[]>> {
  const out = new Map<string, Row<'weapon_markings'>[]>();
  for (let i = 0; i < weaponIds.length; i += 500) {
    const rows = await db
      .selectFrom('weapon_markings')
      .selectAll()
      .where('weapon_id', 'in', weaponIds.slice(i, i + 500))
      .orderBy('created_at')
      .execute();
    for (const r of rows) out.set(r.weapon_id, [...(out.get(r.weapon_id) ?? []), r]);
  }
  return out;
}
