import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOB_DEFINITIONS } from '../src/app/job-definitions.ts';
import { RESCREEN_JOB } from '../src/modules/screening/use-cases/list-service.ts';
import type { Db } from '../src/platform/db/schema.ts';
import { enqueueJob, JobWorker } from '../src/platform/jobs/queue.ts';
import { createTestApp, type TestApp, type TestClient } from './support/app.ts';
import { runCli } from './support/cli.ts';
import { ENGINES } from './support/databases.ts';

/** Screening (issue 4): the matcher through the CLI and the API, hits and decisions, re-screening on a new list version. */

const FIXTURES = fileURLToPath(new URL('./fixtures/lists/', import.meta.url));
const fixture = (name: string) => path.join(FIXTURES, name);
const RESULTS_HEADER = 'id,name,rank,ref,source,matched_name,score,explanation';

interface Candidate {
  ref: string;
  source: string;
  type: string;
  name: string;
  matchedName: string;
  score: number;
  explanation: string[];
}

interface ScreenOutput {
  query: Record<string, unknown>;
  listVersion: string;
  threshold: number;
  results: Candidate[];
}

interface Hit {
  id: string;
  organisationId: string;
  partyId: string | null;
  source: string;
  ref: string;
  matchedName: string;
  score: number;
  explanation: string[];
  listVersionId: string;
  status: string;
  reason: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
}

interface Notification {
  id: string;
  organisationId: string;
  kind: string;
  title: string;
  body: { partyId: string; versionId: string; hits: { ref: string }[] };
}

async function countRows(db: Db, table: string, where?: { column: string; value: string }): Promise<number> {
  const filter = where ? sql` where ${sql.ref(where.column)} = ${where.value}` : sql``;
  const r = await sql<{ n: string | number }>`select count(*) as n from ${sql.table(table)}${filter}`.execute(
    db,
  );
  return Number(r.rows[0]!.n);
}

describe.each(ENGINES)('screening on %s', (engine) => {
  let t: TestApp;
  let work: string;
  let orgA: string;
  let orgB: string;
  let screener: TestClient;
  let analyst: TestClient;
  let viewer: TestClient;
  let otherScreener: TestClient;
  let screenerToken: string;
  let viewerToken: string;
  const db = () => t.db.handle.db;
  const cli = (args: string[]) => runCli(t.db.url, args);

  async function createToken(email: string): Promise<string> {
    const r = await cli(['token', 'create', '--user', email, '--name', 'ERP screening', '--json']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    return r.json<{ token: string }>().token;
  }

  function screenApi(body: unknown, token?: string): Promise<LightMyRequestResponse> {
    return t.anonymous('POST', '/api/screen', body, token ? { authorization: `Bearer ${token}` } : {});
  }

  async function screen(name: string, ...options: string[]): Promise<ScreenOutput> {
    const r = await cli(['screen', name, ...options, '--json']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    return r.json<ScreenOutput>();
  }

  /** The newest `screening.request` audit entry, with its contents parsed. */
  async function lastScreeningAudit() {
    const entry = await db()
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'screening.request')
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    return { ...entry, after: JSON.parse(entry.after_json ?? 'null') as Record<string, unknown> };
  }
  const screeningAudits = () =>
    countRows(db(), 'audit_log', { column: 'action', value: 'screening.request' });

  async function versionIdOf(version: string): Promise<string> {
    return (
      await db()
        .selectFrom('list_versions')
        .select('id')
        .where('version', '=', version)
        .executeTakeFirstOrThrow()
    ).id;
  }

  beforeAll(async () => {
    t = await createTestApp(engine);
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'materiel-screening-'));
    orgA = (await t.org(`Exporter ${engine}`, 'customs')).id;
    orgB = (await t.org(`Other Exporter ${engine}`, 'customs')).id;
    screener = await t.user(orgA, 'screener', `screener-${engine}@example.org`);
    analyst = await t.user(orgA, 'analyst');
    viewer = await t.user(orgA, 'viewer', `viewer-${engine}@example.org`);
    otherScreener = await t.user(orgB, 'screener');
    screenerToken = await createToken(screener.email);
    viewerToken = await createToken(viewer.email);
  });
  afterAll(async () => {
    await t?.close();
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  it('says clearly that no list is loaded yet', async () => {
    const api = await screenApi({ queries: [{ name: 'Said Bahaji' }] }, screenerToken);
    expect(api.statusCode, api.body).toBe(400);
    expect(api.json().error.message).toMatch(/No designations list is loaded/);

    const one = await cli(['screen', 'Said Bahaji', '--json']);
    expect(one.code).toBe(2);
    expect(one.json<{ error: { message: string } }>().error.message).toMatch(
      /No designations list is loaded/,
    );

    // A batch would otherwise report every party as clean.
    const input = path.join(work, 'early.csv');
    fs.writeFileSync(input, 'id,name\n1,Said Bahaji\n');
    const batch = await cli([
      'screen',
      '--input',
      input,
      '--output',
      path.join(work, 'early-out.csv'),
      '--json',
    ]);
    expect(batch.code).toBe(2);
    expect(batch.json<{ error: { message: string } }>().error.message).toMatch(
      /No designations list is loaded/,
    );
    expect(fs.existsSync(path.join(work, 'early-out.csv'))).toBe(false);
  });

  describe('with the first UN version and the OFAC excerpt loaded', () => {
    let v1Id: string;

    beforeAll(async () => {
      const un = await cli(['lists', 'load', fixture('un-consolidated-v1.xml'), '--json']);
      expect(un.code, un.stdout + un.stderr).toBe(0);
      const ofac = await cli([
        'lists',
        'load',
        fixture('ofac-sdn-excerpt.csv'),
        '--version',
        '2024-05-03',
        '--json',
      ]);
      expect(ofac.code, ofac.stdout + ofac.stderr).toBe(0);
      // The server would have re-screened (nobody yet) right away.
      const jobs = await cli(['jobs', 'run', '--json']);
      expect(jobs.json<{ ran: number }>().ran).toBe(2);
      v1Id = un.json<{ versionId: string }>().versionId;
    });

    describe('materiel screen finds listed people', () => {
      const CASES: [string, string, string][] = [
        // [what, query, expected reference]
        ['a transliteration variant (Mohammed for Muhammad)', 'Mohammed Jibril Abdul Rahman', 'QDi.295'],
        ['a transliteration variant (Abdallah Yehia)', 'Abdallah Yehia Al Hakim', 'YEi.002'],
        ['a transliteration variant on the OFAC list', 'Musa Muhammad Abu Marzuq', '3754'],
        ['a reordered name', 'Bahaji Said', 'QDi.080'],
        ['a reordered name with the patronymic', 'Umarov Doku Khamatovich', 'QDi.290'],
        ['a dropped middle name', 'Ehsanullah Akhundzada', 'TAi.083'],
        ['a dropped patronymic', 'Doku Umarov', 'QDi.290'],
        ['a one-letter typo', 'Innocent Kaima', 'CDi.004'],
        ['a one-letter typo', 'Iyad Ag Ghalu', 'QDi.316'],
        ['a one-letter typo', 'Fitiwi Abdelrazek', 'LYi.022'],
        ['the original-script spelling (Arabic)', 'عبد الله يحيى الحاكم', 'YEi.002'],
        ['the original-script spelling (Cyrillic, reordered)', 'Доку Умаров', 'QDi.290'],
        ['an Arabic spelling of a name listed only in Latin letters', 'محمد جبريل عبد الرحمن', 'QDi.295'],
      ];
      it.each(CASES)('under %s: %s', async (_what, query, ref) => {
        const out = await screen(query);
        expect(out.results.length, JSON.stringify(out)).toBeGreaterThan(0);
        expect(out.results[0]).toMatchObject({ ref });
        expect(out.results[0]!.score).toBeGreaterThanOrEqual(out.threshold);
        expect(out.results[0]!.explanation.length).toBeGreaterThan(1);
        expect(out.query).toMatchObject({ name: query });
        expect(out.listVersion).toMatch(/un-sc 2018-10-29/);
        expect(out.listVersion).toMatch(/ofac-sdn 2024-05-03/);
      });
    });

    it('screens on the CLI with the permissions of --as', async () => {
      const asScreener = await cli(['--as', screener.email, 'screen', 'Bahaji Said', '--json']);
      expect(asScreener.code, asScreener.stdout + asScreener.stderr).toBe(0);
      expect(asScreener.json<ScreenOutput>().results[0]!.ref).toBe('QDi.080');
      const asViewer = await cli(['--as', viewer.email, 'screen', 'Bahaji Said', '--json']);
      expect(asViewer.code).toBe(1);
      expect(asViewer.json<{ error: { code: string } }>().error.code).toBe('forbidden');
      const input = path.join(work, 'as-viewer.csv');
      fs.writeFileSync(input, 'id,name\n1,Said Bahaji\n');
      const batch = await cli([
        '--as',
        viewer.email,
        'screen',
        '--input',
        input,
        '--output',
        path.join(work, 'as-viewer-out.csv'),
        '--json',
      ]);
      expect(batch.code).toBe(1);
      expect(fs.existsSync(path.join(work, 'as-viewer-out.csv'))).toBe(false);
    });

    it('does not flag "General Trading Company Ltd"', async () => {
      for (const type of ['any', 'organization']) {
        const out = await screen('General Trading Company Ltd', '--type', type);
        expect(out.results).toEqual([]);
        expect(out.threshold).toBeGreaterThanOrEqual(0.5);
      }
      const human = await cli(['screen', 'General Trading Company Ltd']);
      expect(human.code).toBe(0);
      expect(human.stdout).toMatch(/No candidate at or above/);
    });

    it('lowers the score when the birth year conflicts, and says why', async () => {
      const plain = (await screen('Said Bahaji', '--threshold', '0')).results.find(
        (r) => r.ref === 'QDi.080',
      )!;
      const agreeing = (await screen('Said Bahaji', '--dob', '1975', '--threshold', '0')).results.find(
        (r) => r.ref === 'QDi.080',
      )!;
      const conflicting = (await screen('Said Bahaji', '--dob', '1990', '--threshold', '0')).results.find(
        (r) => r.ref === 'QDi.080',
      )!;
      expect(conflicting.score).toBeLessThan(plain.score);
      expect(conflicting.score).toBeLessThan(agreeing.score);
      expect(agreeing.score).toBeGreaterThanOrEqual(plain.score);
      expect(conflicting.explanation.join('\n')).toMatch(/Birth date 1990.*conflict/);
      expect(agreeing.explanation.join('\n')).toMatch(/Birth date 1975.*agrees/);
      // At the default threshold the conflicting birth year drops the candidate.
      expect((await screen('Said Bahaji', '--dob', '1990')).results.map((r) => r.ref)).not.toContain(
        'QDi.080',
      );
      const bad = await cli(['screen', 'Said Bahaji', '--dob', 'next year', '--json']);
      expect(bad.code).toBe(2);
    });

    it('orders results by score, each with explanation lines', async () => {
      const out = await screen('Muhammad', '--threshold', '0.5');
      expect(out.threshold).toBe(0.5);
      expect(out.results.length).toBeGreaterThan(2);
      const scores = out.results.map((r) => r.score);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
      for (const r of out.results) {
        expect(r.score).toBeGreaterThanOrEqual(0.5);
        expect(r.score).toBeLessThanOrEqual(1);
        expect(r.explanation.length).toBeGreaterThan(0);
        expect(r.explanation.every((line) => typeof line === 'string' && line.length > 0)).toBe(true);
        expect(['un-sc', 'ofac-sdn']).toContain(r.source);
      }
      expect(new Set(out.results.map((r) => r.source))).toEqual(new Set(['un-sc', 'ofac-sdn']));
      const limited = await screen('Muhammad', '--threshold', '0.5', '--limit', '2');
      expect(limited.results).toEqual(out.results.slice(0, 2));

      const human = await cli(['screen', 'Bahaji Said']);
      expect(human.code).toBe(0);
      expect(human.stdout).toMatch(/^1\.00 {2}QDi\.080 {2}SAID BAHAJI/);
      expect(human.stdout).toMatch(/\n {6}Matched parts: /);

      const badThreshold = await cli(['screen', 'Said Bahaji', '--threshold', '2', '--json']);
      expect(badThreshold.code).toBe(2);
    });

    it('screens a CSV of parties into RESULTS.csv, best first, and reports bad rows', async () => {
      const input = path.join(work, 'parties.csv');
      const output = path.join(work, 'results.csv');
      fs.writeFileSync(
        input,
        [
          'id,name,type,dob,country',
          'P1,Bahaji Said,person,1975,',
          'P2,General Trading Company Ltd,organization,,',
          'P3,Muhammad,person,,',
          'P4,,person,,',
          'P5,Doku Umarov,person,sometime,',
          'P6,Ri Won Ho,,,PRK',
        ].join('\n'),
      );
      const r = await cli(['screen', '--input', input, '--output', output, '--threshold', '0.5', '--json']);
      expect(r.code, r.stdout + r.stderr).toBe(0);
      const summary = r.json<{
        queries: number;
        withHits: number;
        rejected: number;
        errors: { row: number; message: string }[];
        threshold: number;
        rows: number;
      }>();
      expect(summary).toMatchObject({ queries: 6, withHits: 3, rejected: 2, threshold: 0.5 });
      expect(summary.errors.map((e) => e.row)).toEqual([5, 6]);
      expect(summary.errors[0]!.message).toMatch(/name/);
      expect(summary.errors[1]!.message).toMatch(/dob/);

      const text = fs.readFileSync(output, 'utf8').replace(/^\uFEFF/, '');
      expect(text.split(/\r?\n/)[0]).toBe(RESULTS_HEADER);
      const rows = parse(text, { columns: true }) as Record<string, string>[];
      expect(rows).toHaveLength(summary.rows);
      // Rows keep the order of the input, and each query's candidates come best first.
      const ids = rows.map((x) => x.id);
      expect([...new Set(ids)]).toEqual(['P1', 'P2', 'P3', 'P4', 'P5', 'P6']);
      const p1 = rows.filter((x) => x.id === 'P1');
      expect(p1[0]).toMatchObject({ name: 'Bahaji Said', rank: '1', ref: 'QDi.080', source: 'un-sc' });
      expect(p1[0]!.matched_name).toBe('SAID BAHAJI');
      expect(p1[0]!.explanation).toMatch(/Birth date 1975/);
      const p3 = rows.filter((x) => x.id === 'P3');
      expect(p3.length).toBeGreaterThan(2);
      expect(p3.map((x) => x.rank)).toEqual(p3.map((_, i) => String(i + 1)));
      const scores = p3.map((x) => Number(x.score));
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
      expect(scores.every((s) => s >= 0.5 && s <= 1)).toBe(true);
      // One row with an empty ref for a query without candidates.
      expect(rows.filter((x) => x.id === 'P2')).toEqual([
        {
          id: 'P2',
          name: 'General Trading Company Ltd',
          rank: '',
          ref: '',
          source: '',
          matched_name: '',
          score: '',
          explanation: '',
        },
      ]);
      // Bad rows are there too, not screened and saying why.
      const p5 = rows.filter((x) => x.id === 'P5');
      expect(p5).toHaveLength(1);
      expect(p5[0]!.ref).toBe('');
      expect(p5[0]!.explanation).toMatch(/not screened: dob/);
      expect(rows.find((x) => x.id === 'P6')).toMatchObject({ rank: '1', ref: 'KPi.033' });

      // The human summary names the rejected rows too.
      const human = await cli(['screen', '--input', input, '--output', output]);
      expect(human.code).toBe(0);
      expect(human.stdout).toMatch(/Screened 4 of 6 parties/);
      expect(human.stdout).toMatch(/row 5: name/);
      expect(human.stdout).toMatch(/row 6: dob/);
    });

    it('audits CLI screening like the API: one screening.request entry per name or file, by who ran it', async () => {
      const before = await screeningAudits();
      const screened = await screen('Bahaji Said');
      const single = await lastScreeningAudit();
      expect(single.actor_label).toBe('system:cli');
      expect(single.record_type).toBe('screening');
      expect(single.after).toEqual({
        queries: 1,
        withCandidates: 1,
        listVersion: screened.listVersion,
        names: ['Bahaji Said'],
      });

      const asScreener = await cli(['--as', screener.email, 'screen', 'Doku Umarov', '--json']);
      expect(asScreener.code, asScreener.stdout + asScreener.stderr).toBe(0);
      expect((await lastScreeningAudit()).actor_label).toBe(screener.email);
      expect((await lastScreeningAudit()).after).toMatchObject({ queries: 1, names: ['Doku Umarov'] });

      // A file of 25 parties, one of them unreadable: the entry counts the 24 screened and names the first 20.
      const input = path.join(work, 'audited.csv');
      const names = Array.from({ length: 24 }, (_, i) => (i === 3 ? 'Said Bahaji' : `Party Number ${i}`));
      fs.writeFileSync(
        input,
        ['id,name,dob', '0,Doku Umarov,sometime', ...names.map((n, i) => `${i + 1},${n},`)].join('\n'),
      );
      const batch = await cli([
        '--as',
        screener.email,
        'screen',
        '--input',
        input,
        '--output',
        path.join(work, 'audited-out.csv'),
        '--json',
      ]);
      expect(batch.code, batch.stdout + batch.stderr).toBe(0);
      const summary = batch.json<{ withHits: number; rejected: number; listVersion: string }>();
      expect(summary.rejected).toBe(1);
      const entry = await lastScreeningAudit();
      expect(entry.actor_label).toBe(screener.email);
      expect(entry.after).toEqual({
        queries: 24,
        withCandidates: summary.withHits,
        listVersion: summary.listVersion,
        names: names.slice(0, 20),
      });
      expect(await screeningAudits()).toBe(before + 3);

      // Refused screening leaves no entry.
      expect((await cli(['--as', viewer.email, 'screen', 'Bahaji Said', '--json'])).code).toBe(1);
      expect(
        (
          await cli([
            '--as',
            viewer.email,
            'screen',
            '--input',
            input,
            '--output',
            path.join(work, 'refused-out.csv'),
            '--json',
          ])
        ).code,
      ).toBe(1);
      expect(await screeningAudits()).toBe(before + 3);
    });

    it('refuses a batch without --output or without a name column', async () => {
      const input = path.join(work, 'no-name.csv');
      fs.writeFileSync(input, 'id,party\n1,Said Bahaji\n');
      const noOutput = await cli(['screen', '--input', input, '--json']);
      expect(noOutput.code).toBe(2);
      const noName = await cli(['screen', '--input', input, '--output', path.join(work, 'x.csv'), '--json']);
      expect(noName.code).toBe(2);
      // The same bounds as the API: 1 to 50 candidates per name.
      const parties = path.join(work, 'limits.csv');
      fs.writeFileSync(parties, 'id,name\n1,Muhammad\n');
      for (const limit of ['0', '51', 'many']) {
        const out = path.join(work, `limit-${limit}.csv`);
        const r = await cli(['screen', '--input', parties, '--output', out, '--limit', limit, '--json']);
        expect(r.code, `--limit ${limit}`).toBe(2);
        expect(r.json<{ error: { message: string } }>().error.message).toMatch(/limit/);
        expect(fs.existsSync(out)).toBe(false);
      }
      const one = path.join(work, 'limit-1.csv');
      const limited = await cli([
        'screen',
        '--input',
        parties,
        '--output',
        one,
        '--threshold',
        '0.5',
        '--limit',
        '1',
        '--json',
      ]);
      expect(limited.code, limited.stdout + limited.stderr).toBe(0);
      expect(parse(fs.readFileSync(one, 'utf8').replace(/^\uFEFF/, ''), { columns: true })).toHaveLength(1);
      expect(noName.json<{ error: { message: string } }>().error.message).toMatch(/"name" column/);
      const missing = await cli([
        'screen',
        '--input',
        path.join(work, 'nope.csv'),
        '--output',
        'x.csv',
        '--json',
      ]);
      expect(missing.code).toBe(2);
    });

    it('screen compare says why two names do or do not match', async () => {
      const r = await cli(['screen', 'compare', 'Mohammed Ali', 'Muhammad Ali', '--json']);
      expect(r.code, r.stdout + r.stderr).toBe(0);
      const out = r.json<{ score: number; explanation: string[] }>();
      expect(Object.keys(out).sort()).toEqual(['explanation', 'score']);
      expect(out.score).toBeGreaterThan(0.8);
      expect(out.explanation.join('\n')).toMatch(/mohammed.*muhammad/i);

      const generic = await cli([
        'screen',
        'compare',
        'General Trading Company Ltd',
        'Golden Trading Company Ltd',
        '--type',
        'organization',
        '--json',
      ]);
      expect(generic.json<{ score: number }>().score).toBeLessThan(0.5);

      // --type after "compare" reaches the comparison: numbers in vessel names are compared strictly.
      const vessel = await cli([
        'screen',
        'compare',
        'Ocean Star 1',
        'Ocean Star 2',
        '--type',
        'vessel',
        '--json',
      ]);
      expect(vessel.code, vessel.stdout + vessel.stderr).toBe(0);
      expect(vessel.json<{ score: number; explanation: string[] }>().score).toBeLessThan(0.5);
      expect(vessel.json<{ explanation: string[] }>().explanation.join('\n')).toMatch(/numbers differ/);

      const badType = await cli(['screen', 'compare', 'A B', 'C D', '--type', 'ship', '--json']);
      expect(badType.code).toBe(2);
      const one = await cli(['screen', 'compare', 'Only One', '--json']);
      expect(one.code).toBe(2);
      const human = await cli(['screen', 'compare', 'Mohammed Ali', 'Muhammad Ali']);
      expect(human.stdout).toMatch(
        /^0\.9\d\d\n {2}No type given: compared as people's names\.\n {2}Matched parts/,
      );
      // As on the API, comparing names is screening: a viewer may not.
      const asViewer = await cli([
        '--as',
        viewer.email,
        'screen',
        'compare',
        'Mohammed Ali',
        'Muhammad Ali',
        '--json',
      ]);
      expect(asViewer.code).toBe(1);
      expect(asViewer.json<{ error: { code: string } }>().error.code).toBe('forbidden');
      const asAnalyst = await cli([
        '--as',
        analyst.email,
        'screen',
        'compare',
        'Mohammed Ali',
        'Muhammad Ali',
        '--json',
      ]);
      expect(asAnalyst.code, asAnalyst.stdout + asAnalyst.stderr).toBe(0);
      // Without --type, the number makes it an organisation or vessel comparison.
      const untyped = await cli(['screen', 'compare', 'Ocean Star 1', 'Ocean Star 2', '--json']);
      expect(untyped.json<{ score: number }>().score).toBeLessThan(0.5);
    });

    it('screen compare --pairs writes the pairs with a score column', async () => {
      const pairs = path.join(work, 'pairs.csv');
      const scores = path.join(work, 'scores.csv');
      fs.writeFileSync(
        pairs,
        [
          'case_group,schema,name1,name2,is_match',
          'a,Person,Mohammed Ali,Muhammad Ali,true',
          'b,Company,General Trading Company Ltd,Golden Trading Company Ltd,false',
          'c,Vessel,Ocean Star 1,Ocean Star 2,false',
          'd,Person,,Nobody,false',
        ].join('\n'),
      );
      const r = await cli(['screen', 'compare', '--pairs', pairs, '--output', scores, '--json']);
      expect(r.code, r.stdout + r.stderr).toBe(0);
      expect(r.json()).toMatchObject({ pairs: 4, scored: 3, errors: [{ row: 5 }] });
      const text = fs.readFileSync(scores, 'utf8');
      expect(text.split(/\r?\n/)[0]).toBe('case_group,schema,name1,name2,is_match,score');
      const rows = parse(text, { columns: true }) as Record<string, string>[];
      expect(rows.map((x) => x.case_group)).toEqual(['a', 'b', 'c', 'd']);
      expect(Number(rows[0]!.score)).toBeGreaterThan(0.8);
      expect(Number(rows[1]!.score)).toBeLessThan(0.5);
      expect(Number(rows[2]!.score)).toBeLessThan(0.5);
      expect(rows[3]!.score).toBe('');
      for (const row of rows.slice(0, 3)) expect(Number(row.score)).toBeGreaterThanOrEqual(0);

      const noOutput = await cli(['screen', 'compare', '--pairs', pairs, '--json']);
      expect(noOutput.code).toBe(2);
      const badColumns = path.join(work, 'bad-pairs.csv');
      fs.writeFileSync(badColumns, 'a,b\nx,y\n');
      const bad = await cli(['screen', 'compare', '--pairs', badColumns, '--output', scores, '--json']);
      expect(bad.code).toBe(2);
    });

    describe('POST /api/screen with an API token', () => {
      it('screens for a screener, one audit entry per request', async () => {
        const before = await countRows(db(), 'audit_log', { column: 'action', value: 'screening.request' });
        const r = await screenApi(
          {
            queries: [
              { id: 'c-1', name: 'Bahaji Said', type: 'person', dob: '1975-07-15', country: 'deu' },
              { id: 'c-2', name: 'General Trading Company Ltd', type: 'organization' },
            ],
          },
          screenerToken,
        );
        expect(r.statusCode, r.body).toBe(200);
        const body = r.json() as { listVersion: string; threshold: number; results: ScreenOutput[] };
        expect(body.listVersion).toMatch(/un-sc 2018-10-29/);
        expect(body.results).toHaveLength(2);
        expect(body.results[0]!.query).toMatchObject({ id: 'c-1', country: 'DEU' });
        expect(body.results[0]!.results[0]).toMatchObject({ ref: 'QDi.080', source: 'un-sc' });
        expect(body.results[0]!.results[0]!.explanation.join('\n')).toMatch(/Nationality DEU/);
        expect(body.results[1]!.results).toEqual([]);
        expect(await countRows(db(), 'audit_log', { column: 'action', value: 'screening.request' })).toBe(
          before + 1,
        );
        const entry = await db()
          .selectFrom('audit_log')
          .selectAll()
          .where('action', '=', 'screening.request')
          .orderBy('seq', 'desc')
          .limit(1)
          .executeTakeFirstOrThrow();
        expect(entry.actor_label).toBe(screener.email);
        expect(entry.record_type).toBe('screening');
        expect(JSON.parse(entry.after_json!)).toEqual({
          queries: 2,
          withCandidates: 1,
          listVersion: body.listVersion,
          names: ['Bahaji Said', 'General Trading Company Ltd'],
        });
      });

      it('takes up to 1,000 queries and refuses 1,001', async () => {
        const before = await countRows(db(), 'audit_log', { column: 'action', value: 'screening.request' });
        const queries = (n: number) =>
          Array.from({ length: n }, (_, i) => ({
            id: String(i),
            name: i % 2 ? 'Said Bahaji' : `Party ${i}`,
          }));
        const ok = await screenApi({ queries: queries(1000) }, screenerToken);
        expect(ok.statusCode, ok.body.slice(0, 500)).toBe(200);
        const results = ok.json().results as ScreenOutput[];
        expect(results).toHaveLength(1000);
        expect(results[1]!.results[0]!.ref).toBe('QDi.080');
        expect(await countRows(db(), 'audit_log', { column: 'action', value: 'screening.request' })).toBe(
          before + 1,
        );
        const tooMany = await screenApi({ queries: queries(1001) }, screenerToken);
        expect(tooMany.statusCode).toBe(400);
        expect(tooMany.body).toMatch(/1,000/);
        const empty = await screenApi({ queries: [] }, screenerToken);
        expect(empty.statusCode).toBe(400);
        expect(await countRows(db(), 'audit_log', { column: 'action', value: 'screening.request' })).toBe(
          before + 1,
        );
      });

      it('POST /api/screen/compare explains a pair', async () => {
        const body = { a: 'Mohammed Ali', b: 'Muhammad Ali', type: 'person' };
        const r = await t.anonymous('POST', '/api/screen/compare', body, {
          authorization: `Bearer ${screenerToken}`,
        });
        expect(r.statusCode, r.body).toBe(200);
        expect(Object.keys(r.json()).sort()).toEqual(['explanation', 'score']);
        expect(r.json().score).toBeGreaterThan(0.8);
        const asViewer = await t.anonymous('POST', '/api/screen/compare', body, {
          authorization: `Bearer ${viewerToken}`,
        });
        expect(asViewer.statusCode).toBe(403);
      });

      it('limits each account to 120 requests a minute, whatever address they come from', async () => {
        const busy = await t.user(orgA, 'screener', `busy-${engine}@example.org`);
        const quiet = await t.user(orgA, 'screener', `quiet-${engine}@example.org`);
        const busyToken = await createToken(busy.email);
        const quietToken = await createToken(quiet.email);
        const body = { queries: [{ name: 'Party' }] };
        for (let i = 0; i < 120; i++) {
          const r = await screenApi(body, busyToken);
          expect(r.statusCode, r.body).toBe(200);
        }
        const refused = await screenApi(body, busyToken);
        expect(refused.statusCode).toBe(429);
        // The same account's browser session shares the allowance; another account from the same address does not.
        expect((await busy.request('POST', '/api/screen', body)).statusCode).toBe(429);
        expect((await screenApi(body, quietToken)).statusCode).toBe(200);
      });

      it('refuses a viewer (403) and a caller without credentials (401)', async () => {
        const body = { queries: [{ name: 'Said Bahaji' }] };
        expect((await screenApi(body, viewerToken)).statusCode).toBe(403);
        expect((await screenApi(body)).statusCode).toBe(401);
        expect((await screenApi(body, 'mtl_not-a-token')).statusCode).toBe(401);
        // An analyst may screen.
        const asAnalyst = await analyst.request('POST', '/api/screen', body);
        expect(asAnalyst.statusCode, asAnalyst.body).toBe(200);
      });
    });

    describe('hits and decisions', () => {
      let hit: Hit;

      it('POST /api/parties screens the party and raises its hits', async () => {
        const r = await screener.request('POST', '/api/parties', {
          organisationId: orgA,
          name: 'Bahaji Said',
          type: 'person',
          externalId: 'CUST-0042',
        });
        expect(r.statusCode, r.body).toBe(201);
        const body = r.json() as { party: { id: string; name: string }; hits: Hit[] };
        expect(body.party).toMatchObject({
          name: 'Bahaji Said',
          organisationId: orgA,
          externalId: 'CUST-0042',
        });
        expect(body.hits.map((h) => h.ref)).toEqual(['QDi.080']);
        hit = body.hits[0]!;
        expect(hit).toMatchObject({
          partyId: body.party.id,
          organisationId: orgA,
          status: 'open',
          listVersionId: v1Id,
          decidedBy: null,
        });
        const listed = await screener.request('GET', `/api/hits?partyId=${body.party.id}`);
        expect((listed.json().hits as Hit[]).map((h) => h.id)).toEqual([hit.id]);
        // Another organisation does not see it.
        const other = await otherScreener.request('GET', '/api/hits');
        expect(other.json().hits).toEqual([]);
        const viewerTry = await viewer.request('POST', '/api/parties', { organisationId: orgA, name: 'X Y' });
        expect(viewerTry.statusCode).toBe(403);
      });

      it("POST /api/hits keeps the server's own screening of the candidates, and refuses invented ones", async () => {
        const query = { name: 'Said Bahaji', type: 'person' };
        const embellished = await screener.request('POST', '/api/hits', {
          organisationId: orgA,
          query,
          results: [
            {
              source: 'un-sc',
              ref: 'QDi.080',
              score: 1,
              matchedName: 'Someone else',
              explanation: ['trust me'],
            },
          ],
        });
        expect(embellished.statusCode, embellished.body).toBe(201);
        const [kept] = embellished.json().hits as Hit[];
        expect(kept).toMatchObject({ ref: 'QDi.080', source: 'un-sc', listVersionId: v1Id, status: 'open' });
        expect(kept!.matchedName).not.toBe('Someone else');
        expect(kept!.explanation.join('\n')).not.toContain('trust me');
        expect(kept!.score).toBeLessThanOrEqual(1);

        const before = await countRows(db(), 'screening_hits');
        const invented = await screener.request('POST', '/api/hits', {
          organisationId: orgA,
          query,
          results: [
            { source: 'un-sc', ref: 'QDi.080', score: 0.9 },
            { source: 'un-sc', ref: 'QDi.999', score: 0.95 },
          ],
        });
        expect(invented.statusCode).toBe(400);
        expect(invented.json().error.message).toMatch(/un-sc QDi\.999 is not a candidate for "Said Bahaji"/);
        expect(await countRows(db(), 'screening_hits')).toBe(before);
      });

      it('an analyst may screen but not decide (403); another organisation gets 404', async () => {
        const decision = { decision: 'cleared', reason: 'Different person, checked the passport.' };
        const asAnalyst = await analyst.request('POST', `/api/hits/${hit.id}/decision`, decision);
        expect(asAnalyst.statusCode, asAnalyst.body).toBe(403);
        const asOther = await otherScreener.request('POST', `/api/hits/${hit.id}/decision`, decision);
        expect(asOther.statusCode, asOther.body).toBe(404);
        const unknown = await screener.request('POST', '/api/hits/no-such-hit/decision', decision);
        expect(unknown.statusCode).toBe(404);
        const row = await db()
          .selectFrom('screening_hits')
          .selectAll()
          .where('id', '=', hit.id)
          .executeTakeFirstOrThrow();
        expect(row.status).toBe('open');
      });

      it('a screener records a decision with its reason, who took it and the list version', async () => {
        const noReason = await screener.request('POST', `/api/hits/${hit.id}/decision`, {
          decision: 'escalated',
          reason: '',
        });
        expect(noReason.statusCode).toBe(400);
        const badDecision = await screener.request('POST', `/api/hits/${hit.id}/decision`, {
          decision: 'ignored',
          reason: 'Because.',
        });
        expect(badDecision.statusCode).toBe(400);

        const r = await screener.request('POST', `/api/hits/${hit.id}/decision`, {
          decision: 'escalated',
          reason: 'Same name and birth year; asked the customer for a passport copy.',
        });
        expect(r.statusCode, r.body).toBe(200);
        expect(r.json()).toMatchObject({
          id: hit.id,
          status: 'escalated',
          reason: 'Same name and birth year; asked the customer for a passport copy.',
          decidedBy: screener.email,
          listVersionId: v1Id,
        });
        expect(r.json().decidedAt).toBeTruthy();
        const audit = await db()
          .selectFrom('audit_log')
          .selectAll()
          .where('action', '=', 'screening.hit.escalated')
          .executeTakeFirstOrThrow();
        expect(audit.record_id).toBe(hit.id);
        expect(audit.actor_label).toBe(screener.email);
        expect(JSON.parse(audit.after_json!)).toMatchObject({ status: 'escalated', listVersionId: v1Id });

        // A confirmed match is final.
        const confirmed = await screener.request('POST', `/api/hits/${hit.id}/decision`, {
          decision: 'confirmed',
          reason: 'Passport number matches the listed one.',
        });
        expect(confirmed.statusCode, confirmed.body).toBe(200);
        const reopen = await screener.request('POST', `/api/hits/${hit.id}/decision`, {
          decision: 'cleared',
          reason: 'Changed my mind.',
        });
        expect(reopen.statusCode).toBe(400);
        const listed = await screener.request('GET', '/api/hits?status=confirmed');
        expect((listed.json().hits as Hit[]).map((h) => h.id)).toEqual([hit.id]);
      });
    });

    describe('confidential parties', () => {
      it('are kept from roles without the clearance: parties, hits and notifications', async () => {
        // An analyst (clearance: confidential) keeps a confidential party; a screener (restricted) must not see it.
        const r = await analyst.request('POST', '/api/parties', {
          organisationId: orgA,
          name: 'Khalifa Muhammad Turki al-Subaiy',
          type: 'person',
          confidentiality: 'confidential',
        });
        expect(r.statusCode, r.body).toBe(201);
        const party = r.json().party as { id: string };
        const hits = r.json().hits as Hit[];
        expect(hits.map((h) => h.ref)).toEqual(['QDi.253']);

        const analystView = await analyst.request('GET', '/api/parties');
        expect((analystView.json().parties as { id: string }[]).map((p) => p.id)).toContain(party.id);
        const screenerParties = await screener.request('GET', '/api/parties');
        expect((screenerParties.json().parties as { id: string }[]).map((p) => p.id)).not.toContain(party.id);
        const screenerHits = await screener.request('GET', '/api/hits');
        expect((screenerHits.json().hits as Hit[]).map((h) => h.id)).not.toContain(hits[0]!.id);
        const byParty = await screener.request('GET', `/api/hits?partyId=${party.id}`);
        expect(byParty.json().hits).toEqual([]);
        const decide = await screener.request('POST', `/api/hits/${hits[0]!.id}/decision`, {
          decision: 'cleared',
          reason: 'Not the same person.',
        });
        expect(decide.statusCode).toBe(404);
        expect(screenerParties.body).not.toMatch(/Subaiy/i);
        expect(screenerHits.body).not.toMatch(/Subaiy/i);
      });

      it('cannot be created above the creator’s own clearance', async () => {
        const r = await screener.request('POST', '/api/parties', {
          organisationId: orgA,
          name: 'Someone Secret',
          confidentiality: 'strictly_confidential',
        });
        expect(r.statusCode).toBe(403);
      });
    });

    describe('re-screening when a new list version arrives', () => {
      let partyId: string;

      it('a party that matches nothing in the first version has no hit', async () => {
        const r = await screener.request('POST', '/api/parties', {
          organisationId: orgA,
          name: 'Anjem Choudary',
          type: 'person',
        });
        expect(r.statusCode, r.body).toBe(201);
        expect(r.json().hits).toEqual([]);
        partyId = r.json().party.id;
        const clean = await otherScreener.request('POST', '/api/parties', {
          organisationId: orgB,
          name: 'Jane Quentin Public',
          type: 'person',
        });
        expect(clean.statusCode, clean.body).toBe(201);
        expect((await screener.request('GET', '/api/notifications')).json().notifications).toEqual([]);
      });

      it('after loading the next version, "jobs run" raises exactly one new hit and one notification', async () => {
        const hitsBefore = await countRows(db(), 'screening_hits');
        const load = await cli(['lists', 'load', fixture('un-consolidated-v2.xml'), '--json']);
        expect(load.code, load.stdout + load.stderr).toBe(0);
        expect(load.json<{ added: string[] }>().added).toEqual(['QDi.419']);
        const v2Id = await versionIdOf('2020-03-20T19:09:21.822-04:00');

        const run = await cli(['jobs', 'run', '--json']);
        expect(run.code, run.stdout + run.stderr).toBe(0);
        expect(run.json<{ ran: number }>().ran).toBe(1);

        expect(await countRows(db(), 'screening_hits')).toBe(hitsBefore + 1);
        const hits = (await screener.request('GET', `/api/hits?partyId=${partyId}`)).json().hits as Hit[];
        expect(hits).toHaveLength(1);
        expect(hits[0]).toMatchObject({
          ref: 'QDi.419',
          status: 'open',
          listVersionId: v2Id,
          organisationId: orgA,
        });

        const notes = (await screener.request('GET', '/api/notifications')).json()
          .notifications as Notification[];
        expect(notes).toHaveLength(1);
        expect(notes[0]).toMatchObject({ organisationId: orgA, kind: 'screening.new_hit' });
        expect(notes[0]!.title).toMatch(/Anjem Choudary/);
        expect(notes[0]!.body).toMatchObject({ partyId, versionId: v2Id });
        expect(notes[0]!.body.hits.map((h) => h.ref)).toEqual(['QDi.419']);
        expect((await otherScreener.request('GET', '/api/notifications')).json().notifications).toEqual([]);
        // A viewer of the organisation does not screen, so gets no screening notifications.
        expect((await viewer.request('GET', '/api/notifications')).json().notifications).toEqual([]);
        // The job is audited.
        const audit = await db()
          .selectFrom('audit_log')
          .selectAll()
          .where('action', '=', 'screening.rescreen.hit')
          .execute();
        expect(audit.map((a) => a.record_id)).toEqual([partyId]);
      });

      it('a second run adds nothing', async () => {
        const hits = await countRows(db(), 'screening_hits');
        const notes = await countRows(db(), 'notifications');
        const run = await cli(['jobs', 'run', '--json']);
        expect(run.json<{ ran: number }>().ran).toBe(0);
        // Even when re-screening runs again on the same version.
        const v2Id = await versionIdOf('2020-03-20T19:09:21.822-04:00');
        await enqueueJob(db(), RESCREEN_JOB, { versionId: v2Id }, { createdBy: 'test' });
        expect(await new JobWorker(t.db.ctx, JOB_DEFINITIONS).drain()).toBe(1);
        const job = await db()
          .selectFrom('jobs')
          .selectAll()
          .where('kind', '=', RESCREEN_JOB)
          .orderBy('created_at', 'desc')
          .orderBy('id', 'desc')
          .limit(1)
          .executeTakeFirstOrThrow();
        expect(job.status).toBe('done');
        expect(JSON.parse(job.result_json!)).toMatchObject({
          parties: await countRows(db(), 'screening_parties'),
          newHits: 0,
        });
        expect(await countRows(db(), 'screening_hits')).toBe(hits);
        expect(await countRows(db(), 'notifications')).toBe(notes);
      });

      it('a re-screening job of a version no longer in force leaves the work to the newer one', async () => {
        const hits = await countRows(db(), 'screening_hits');
        const notes = await countRows(db(), 'notifications');
        const jobId = await enqueueJob(db(), RESCREEN_JOB, { versionId: v1Id }, { createdBy: 'test' });
        expect(await new JobWorker(t.db.ctx, JOB_DEFINITIONS).drain()).toBe(1);
        const job = await db()
          .selectFrom('jobs')
          .selectAll()
          .where('id', '=', jobId)
          .executeTakeFirstOrThrow();
        expect(job.status).toBe('done');
        expect(JSON.parse(job.result_json!)).toMatchObject({ newHits: 0, superseded: true });
        expect(await countRows(db(), 'screening_hits')).toBe(hits);
        expect(await countRows(db(), 'notifications')).toBe(notes);
      });

      it('a notification about a confidential party reaches only those cleared for it', async () => {
        // A confidential party kept before the new version (its hit removed to make it so).
        const r = await analyst.request('POST', '/api/parties', {
          organisationId: orgA,
          name: 'Anjem Chaudary',
          type: 'person',
          confidentiality: 'confidential',
        });
        expect(r.statusCode, r.body).toBe(201);
        const secretParty = r.json().party.id as string;
        expect((r.json().hits as Hit[]).map((h) => h.ref)).toEqual(['QDi.419']);
        await db().deleteFrom('screening_hits').where('party_id', '=', secretParty).execute();
        const v2Id = await versionIdOf('2020-03-20T19:09:21.822-04:00');
        await enqueueJob(db(), RESCREEN_JOB, { versionId: v2Id }, { createdBy: 'test' });
        expect(await new JobWorker(t.db.ctx, JOB_DEFINITIONS).drain()).toBe(1);

        const forAnalyst = (await analyst.request('GET', '/api/notifications')).json()
          .notifications as Notification[];
        expect(forAnalyst.map((n) => n.body.partyId).sort()).toEqual([partyId, secretParty].sort());
        const forScreener = await screener.request('GET', '/api/notifications');
        expect((forScreener.json().notifications as Notification[]).map((n) => n.body.partyId)).toEqual([
          partyId,
        ]);
        expect(forScreener.body).not.toMatch(/Chaudary/);
      });
    });
  });
});
