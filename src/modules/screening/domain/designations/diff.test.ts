import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, diffDesignations, diffSnapshots } from './diff.ts';
import type { Designation, ListSnapshot } from './model.ts';
import { parseOfacSdnCsv } from './ofac-csv.ts';
import { parseUnConsolidatedXml } from './un-xml.ts';

const ROOT = fileURLToPath(new URL('../../../../../', import.meta.url));
const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'lists');
const SHARED_UN = path.join(ROOT, '..', 'shared', 'data', 'un-sc-consolidated');
const HAS_SHARED = fs.existsSync(SHARED_UN);
if (!HAS_SHARED) {
  console.warn(`diff: skipping the differences between the full UN lists: ${SHARED_UN} is absent.`);
}

const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name), 'utf8');
const v1 = parseUnConsolidatedXml(fixture('un-consolidated-v1.xml'));
const v2 = parseUnConsolidatedXml(fixture('un-consolidated-v2.xml'));

function reversedArrays<T>(value: T): T {
  if (Array.isArray(value)) return value.map(reversedArrays).reverse() as T;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).reverse();
    return Object.fromEntries(entries.map(([k, v]) => [k, reversedArrays(v)])) as T;
  }
  return value;
}

function withDesignation(
  snapshot: ListSnapshot,
  ref: string,
  change: (d: Designation) => Designation,
): ListSnapshot {
  return { ...snapshot, designations: snapshot.designations.map((d) => (d.ref === ref ? change(d) : d)) };
}

describe('diffSnapshots on the excerpts', () => {
  it('finds the added, removed and changed designations', () => {
    const diff = diffSnapshots(v1, v2);
    expect(diff.source).toBe('un-sc');
    expect(diff.fromVersion).toBe('2018-10-29T19:09:49.856-04:00');
    expect(diff.toVersion).toBe('2020-03-20T19:09:21.822-04:00');
    expect(diff.added).toEqual(['QDi.419']);
    expect(diff.removed).toEqual(['KPe.055']);
    expect(diff.changed.map((c) => [c.ref, c.fields.map((f) => f.field)])).toEqual([
      ['QDi.080', ['lastUpdated', 'narrative']],
    ]);
    expect(diff.unchanged).toBe(16);
  });

  it('reports the field values before and after, and the list elements added', () => {
    const change = diffSnapshots(v1, v2).changed[0];
    const lastUpdated = change?.fields.find((f) => f.field === 'lastUpdated');
    expect(lastUpdated?.added).toEqual(['2019-05-01']);
    expect(lastUpdated?.removed).toEqual([]);
    const narrative = change?.fields.find((f) => f.field === 'narrative');
    expect(String(narrative?.before)).toContain('https://www.interpol.int/en/notice/search/un/');
    expect(String(narrative?.after)).toContain('View-UN-Notices-Individuals');
  });

  it('ignores differences of layout in the XML (KPi.033 is written differently in v2)', () => {
    expect(fixture('un-consolidated-v1.xml')).not.toContain(
      fixture('un-consolidated-v2.xml').match(
        /<INDIVIDUAL><DATAID>6908555<\/DATAID>[\s\S]*?<\/INDIVIDUAL>/u,
      )?.[0],
    );
    expect(diffSnapshots(v1, v2).changed.map((c) => c.ref)).not.toContain('KPi.033');
  });

  it('ignores the order of designations, of list elements and of object properties', () => {
    const shuffled: ListSnapshot = { ...v1, designations: reversedArrays(v1.designations) };
    const diff = diffSnapshots(v1, shuffled);
    expect(diff.added).toEqual([]);
    expect(diff.removed).toEqual([]);
    expect(diff.changed).toEqual([]);
    expect(diff.unchanged).toBe(v1.designations.length);
  });

  it('sees a changed alias quality and a new document, field by field', () => {
    const changed = withDesignation(v1, 'QDi.080', (d) => ({
      ...d,
      aliases: d.aliases.map((a) =>
        a.name === 'Mohamed Abbattay' ? { ...a, quality: 'good' as const, weak: false } : a,
      ),
      documents: [...d.documents, { type: 'Passport', kind: 'passport' as const, number: 'X1' }],
    }));
    const fields = diffSnapshots(v1, changed).changed[0]?.fields ?? [];
    expect(fields.map((f) => f.field)).toEqual(['aliases', 'documents']);
    expect(fields[0]?.added).toEqual([
      { name: 'Mohamed Abbattay', quality: 'good', kind: 'aka', weak: false },
    ]);
    expect(fields[0]?.removed).toEqual([
      { name: 'Mohamed Abbattay', quality: 'low', kind: 'aka', weak: true },
    ]);
    expect(fields[1]?.added).toEqual([{ type: 'Passport', kind: 'passport', number: 'X1' }]);
  });

  it('sees an optional field appear, and ignores the raw source text unless asked', () => {
    const a = v1.designations[0] as Designation;
    expect(diffDesignations(a, { ...a, delistedOn: '2020-01-01' })).toEqual([
      { field: 'delistedOn', before: null, after: '2020-01-01' },
    ]);
    expect(diffDesignations(a, { ...a, raw: { remarks: 'x' } })).toEqual([]);
    expect(diffDesignations(a, { ...a, raw: { remarks: 'x' } }, { ignore: [] }).map((f) => f.field)).toEqual([
      'raw',
    ]);
  });

  it('refuses to compare lists from different sources', () => {
    const ofac = parseOfacSdnCsv(fixture('ofac-sdn-excerpt.csv'), '2024-05-03');
    expect(() => diffSnapshots(v1, ofac)).toThrow(/cannot compare a un-sc list with a ofac-sdn list/u);
  });

  it('sorts OFAC entity numbers as numbers', () => {
    const ofac = parseOfacSdnCsv(fixture('ofac-sdn-excerpt.csv'), '2024-05-03');
    const empty: ListSnapshot = { ...ofac, designations: [] };
    expect(diffSnapshots(empty, ofac).added.slice(0, 6)).toEqual(['36', '173', '306', '424', '3754', '4238']);
  });
});

describe('canonicalJson', () => {
  it('is the same for any order of arrays and keys (property)', () => {
    const value = fc.array(fc.record({ a: fc.string(), b: fc.array(fc.integer(), { maxLength: 4 }) }), {
      maxLength: 6,
    });
    fc.assert(
      fc.property(value, (v) => {
        expect(canonicalJson(reversedArrays(v))).toBe(canonicalJson(v));
      }),
    );
  });
});

describe.skipIf(!HAS_SHARED)('diffSnapshots on the full UN lists (../shared/data)', () => {
  const load = (name: string) => parseUnConsolidatedXml(fs.readFileSync(path.join(SHARED_UN, name), 'utf8'));

  it('2018-10-29 -> 2020-03-20: 23 added, 102 removed (by reference number)', () => {
    const diff = diffSnapshots(load('consolidated-2018-10-29.xml'), load('consolidated-2020-03-20.xml'));
    console.info(
      `2018-10-29 -> 2020-03-20: ${diff.added.length} added, ${diff.removed.length} removed, ${diff.changed.length} changed, ${diff.unchanged} unchanged`,
    );
    expect(diff.added).toHaveLength(23);
    expect(diff.removed).toHaveLength(102);
    expect(diff.added.length + diff.changed.length + diff.unchanged).toBe(1014);
  });

  it('2018-08-24 -> 2018-10-29: 3 added, 8 removed', () => {
    const diff = diffSnapshots(load('consolidated-2018-08-24.xml'), load('consolidated-2018-10-29.xml'));
    expect(diff.added).toEqual(['LYi.027', 'QDe.159', 'QDi.419']);
    expect(diff.removed).toEqual([
      'IQe.057',
      'IQe.109',
      'IQe.120',
      'IQe.126',
      'IQe.143',
      'IQe.168',
      'IQe.187',
      'IQe.193',
    ]);
  });

  it('a list compared with itself has no difference', () => {
    const list = load('consolidated-2020-03-20.xml');
    const diff = diffSnapshots(list, load('consolidated-2020-03-20.xml'));
    expect(diff).toMatchObject({ added: [], removed: [], changed: [], unchanged: list.designations.length });
  });
});
