import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportSummary, WeaponDetail, WeaponSummary } from '../src/modules/registry/contracts.ts';
import { validateMarkingCode } from '../src/modules/registry/domain/national-marking-code.ts';
import { normaliseMarkingText } from '../src/modules/registry/domain/serial.ts';
import { importItems } from '../src/modules/registry/use-cases/import-service.ts';
import { SYSTEM_CLI } from '../src/platform/access/actor.ts';
import { CSV_INVENTORY, FILES, FIXTURE_DIR } from './fixtures/registry/make-fixtures.ts';
import { createTestApp, type TestApp, type TestClient } from './support/app.ts';
import { ENGINES } from './support/databases.ts';

/** Registry API (issue 3): registration, search, confidentiality, ledger, lots, marking codes, photographs, export, web import. */

const today = () => new Date().toISOString().slice(0, 10);

interface Page {
  total: number;
  items: WeaponSummary[];
}

/** A JPEG photograph as a phone takes it: EXIF date and GPS position (Bangui). */
async function photograph(): Promise<Buffer> {
  return sharp({ create: { width: 1200, height: 800, channels: 3, background: { r: 90, g: 110, b: 70 } } })
    .jpeg({ quality: 80 })
    .withExif({
      IFD0: { Make: 'FieldCam', Model: 'FC-1' },
      IFD2: { DateTimeOriginal: '2024:05:06 07:08:09' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '4/1 22/1 1800/100',
        GPSLongitudeRef: 'E',
        GPSLongitude: '18/1 33/1 3600/100',
      },
    })
    .toBuffer();
}

describe.each(ENGINES)('registry API on %s', (engine) => {
  let t: TestApp;
  let orgA: string;
  let orgB: string;
  let admin: TestClient;
  let registrar: TestClient;
  let fieldOfficer: TestClient;
  let analyst: TestClient;
  let viewer: TestClient;
  let outsider: TestClient;
  let work: string;
  const db = () => t.db.handle.db;

  async function register(body: Record<string, unknown>, as: TestClient = registrar): Promise<WeaponDetail> {
    const res = await as.request('POST', '/api/weapons', { organisationId: orgA, ...body });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as WeaponDetail;
  }

  async function event(weaponId: string, body: Record<string, unknown>, as: TestClient = registrar) {
    return as.request('POST', `/api/weapons/${weaponId}/events`, { occurredOn: today(), ...body });
  }

  async function search(query: string, as: TestClient = registrar): Promise<Page> {
    const params = new URLSearchParams({ organisationId: orgA, limit: '100' });
    for (const [k, v] of new URLSearchParams(query)) params.set(k, v);
    const res = await as.request('GET', `/api/weapons?${params}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Page;
  }

  beforeAll(async () => {
    t = await createTestApp(engine);
    orgA = (await t.org(`Armed Forces ${engine}`)).id;
    orgB = (await t.org(`Other State ${engine}`)).id;
    admin = await t.user(orgA, 'admin');
    registrar = await t.user(orgA, 'registrar');
    fieldOfficer = await t.user(orgA, 'field_officer');
    analyst = await t.user(orgA, 'analyst');
    viewer = await t.user(orgA, 'viewer');
    outsider = await t.user(orgB, 'registrar');
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'materiel-registry-api-'));
  });
  afterAll(async () => {
    await t?.close();
    fs.rmSync(work, { recursive: true, force: true });
  });

  describe('registering weapons', () => {
    it('registers a weapon with Cyrillic and Arabic markings, by labels, and starts its ledger', async () => {
      const w = await register({
        category: 'Fusils d’assaut',
        make: 'Izhmash',
        model: 'AKM',
        calibre: '7,62 x 39',
        serial: 'АК-47 1234',
        countryOfManufacture: 'sun',
        yearOfManufacture: 1974,
        condition: 'En état de service',
        markings: [
          {
            kind: 'manufacturer',
            text: 'Ижмаш',
            script: 'cyrillic',
            transliteration: 'Izhmash',
            position: 'receiver_left',
          },
          { kind: 'Factory code', text: 'مصنع ٥٤', script: 'Arabic', transliteration: 'Factory 54' },
        ],
      });
      expect(w).toMatchObject({
        category: 'assault_rifles',
        calibre: '7.62x39mm',
        serial: 'АК-47 1234',
        serialNormalised: 'AK471234',
        countryOfManufacture: 'SUN',
        condition: 'serviceable',
        status: 'in_stock',
        confidentiality: 'restricted',
      });
      expect(w.markings).toEqual([
        expect.objectContaining({
          kind: 'manufacturer',
          text: 'Ижмаш',
          // Searched like serials: upper case, and Cyrillic capitals drawn like Latin ones folded to Latin.
          normalised: normaliseMarkingText('ИЖМАШ'),
          script: 'cyrillic',
          transliteration: 'Izhmash',
          position: 'receiver_left',
        }),
        expect.objectContaining({
          kind: 'factory_code',
          text: 'مصنع ٥٤',
          normalised: 'مصنع54',
          script: 'arabic',
        }),
      ]);
      expect(w.events.map((e) => [e.seq, e.type, e.occurredOn])).toEqual([[1, 'registered', today()]]);
      const shown = (await registrar.request('GET', `/api/weapons/${w.id}`)).json() as WeaponDetail;
      expect(shown.markings.map((m) => m.text)).toEqual(['Ижмаш', 'مصنع ٥٤']);
      const audit = await db().selectFrom('audit_log').selectAll().where('record_id', '=', w.id).execute();
      expect(audit.map((a) => [a.action, a.actor_label])).toEqual([['weapon.register', registrar.email]]);
    });

    it('refuses the same weapon twice (make + model + normalised serial) with 409', async () => {
      const first = await register({
        category: 'assault_rifles',
        make: 'Norinco',
        model: 'Type 56',
        serial: '56-0001',
      });
      const before = await db().selectFrom('weapons').select('id').execute();
      const again = await registrar.request('POST', '/api/weapons', {
        organisationId: orgA,
        category: "Fusil d'assaut",
        make: 'NORINCO',
        model: 'type 56',
        serial: '56 0001',
      });
      expect(again.statusCode).toBe(409);
      expect(again.json().error).toMatchObject({
        code: 'conflict',
        message: `This weapon is already registered (id ${first.id}). Record an event on it instead.`,
      });
      expect(await db().selectFrom('weapons').select('id').execute()).toHaveLength(before.length);
      // Another organisation keeps its own registry: the same weapon is not a conflict there.
      const elsewhere = await outsider.request('POST', '/api/weapons', {
        organisationId: orgB,
        category: 'assault_rifles',
        make: 'Norinco',
        model: 'Type 56',
        serial: '56-0001',
      });
      expect(elsewhere.statusCode).toBe(201);
    });

    it('names every bad field, with the vocabulary to choose from', async () => {
      const res = await registrar.request('POST', '/api/weapons', {
        organisationId: orgA,
        category: 'Lance-pierre',
        condition: 'exploded',
        serial: '***',
        yearOfManufacture: 1990,
        importYear: 1980,
      });
      expect(res.statusCode).toBe(400);
      const issues = res.json().error.issues as { field: string; message: string }[];
      expect(issues).toEqual([
        {
          field: 'category',
          value: 'Lance-pierre',
          message:
            '"Lance-pierre" is not a known category. Use a code or label from "materiel vocab categories".',
        },
        {
          field: 'condition',
          value: 'exploded',
          message:
            '"exploded" is not a known condition. Use a code or label from "materiel vocab conditions".',
        },
        { field: 'importYear', message: 'The import year is before the year of manufacture.' },
        {
          field: 'serial',
          message:
            'Give the serial number as read, or the national registration number. For a weapon with neither (ground-off marks, DDR collection), ask for a national marking code to be issued with the registration.',
        },
      ]);
      const ammo = await registrar.request('POST', '/api/weapons', {
        organisationId: orgA,
        category: 'Cartouches',
        serial: 'X1',
      });
      expect(ammo.statusCode).toBe(400);
      expect(ammo.json().error.message).toContain('Ammunition is registered by lot');
    });

    it('refuses a viewer (403) and a registrar of another organisation (404)', async () => {
      const body = { organisationId: orgA, category: 'assault_rifles', serial: 'NOPE-1' };
      expect((await viewer.request('POST', '/api/weapons', body)).statusCode).toBe(403);
      const out = await outsider.request('POST', '/api/weapons', body);
      expect(out.statusCode).toBe(404);
      expect(out.json().error).toEqual({ code: 'not_found', message: 'The organisation was not found.' });
    });
  });

  describe('searching the registry', () => {
    const ids: Record<string, string> = {};
    const serialOf: Record<string, string> = {};
    let depot: string;
    let armoury: string;

    beforeAll(async () => {
      const site = async (name: string) => {
        const res = await registrar.request('POST', '/api/sites', { organisationId: orgA, name });
        expect(res.statusCode, res.body).toBe(201);
        return res.json().id as string;
      };
      depot = await site('Search depot');
      armoury = await site('Search armoury');
      const seed: [string, Record<string, unknown>][] = [
        [
          'ka',
          {
            category: 'assault_rifles',
            make: 'Izhmash',
            model: 'AKM',
            serial: 'KA 561234',
            siteId: depot,
            markings: [{ text: 'Ижевский завод 1971' }],
          },
        ],
        [
          'n1',
          { category: 'assault_rifles', make: 'Norinco', model: 'Type 56', serial: '5602134', siteId: depot },
        ],
        [
          'n2',
          { category: 'assault_rifles', make: 'Norinco', model: 'Type 56', serial: '5612154', siteId: depot },
        ],
        [
          'n3',
          { category: 'assault_rifles', make: 'Norinco', model: 'Type 56', serial: '5602135', siteId: depot },
        ],
        [
          'n4',
          {
            category: 'assault_rifles',
            make: 'Norinco',
            model: 'Type 56',
            serial: '56021344',
            siteId: depot,
          },
        ],
        ['tt', { category: 'Pistolet', make: 'Tula', model: 'TT-33', serial: 'TT-0457', siteId: armoury }],
        [
          'cy',
          {
            category: 'Rifle',
            make: 'Zastava',
            model: 'M48',
            serial: 'АВ7788',
            markings: [{ text: 'صنع في مصر' }],
          },
        ],
        [
          'conf',
          {
            category: 'assault_rifles',
            make: 'FN Herstal',
            model: 'FAL',
            serial: 'CONF-0001',
            confidentiality: 'confidential',
          },
        ],
      ];
      for (const [key, body] of seed) {
        ids[key] = (await register(body)).id;
        serialOf[key] = body.serial as string;
      }
    });

    /** Compares by serial as read, which the failure message shows, and by id, which is what matters. */
    const expectIds = (page: Page, keys: string[]) => {
      expect(page.items.map((w) => w.serial).sort()).toEqual(keys.map((k) => serialOf[k]!).sort());
      expect(page.items.map((w) => w.id).sort()).toEqual(keys.map((k) => ids[k]!).sort());
      expect(page.total).toBe(keys.length);
    };

    it('finds by serial prefix, whatever the separators and case', async () => {
      expectIds(await search('q=KA56'), ['ka']);
      expectIds(await search(`q=${encodeURIComponent('ka-561 234')}`), ['ka']);
      expectIds(await search('q=TT0457'), ['tt']);
    });

    it('finds serials typed with Cyrillic look-alike letters, and misread look-alikes (O/0)', async () => {
      // Stored in Cyrillic, searched in Latin, and the other way round.
      expectIds(await search('q=AB77'), ['cy']);
      expectIds(await search(`q=${encodeURIComponent('КА561234')}`), ['ka']);
      // A letter O typed for the digit 0 still finds the weapons, through the look-alike match key
      // (a prefix search: 56021344 starts with 5602134).
      expectIds(await search('q=56O2134'), ['n1', 'n4']);
      expectIds(await search('q=56O21344'), ['n4']);
    });

    it("finds partial serials ('?' for each unreadable character), of the right length only", async () => {
      expectIds(await search(`q=${encodeURIComponent('56?21?4')}`), ['n1', 'n2']);
      expectIds(await search(`q=${encodeURIComponent('56*21*4')}`), ['n1', 'n2']);
    });

    it('finds by marking text, in any script', async () => {
      expectIds(await search(`q=${encodeURIComponent('ижевский')}`), ['ka']);
      expectIds(await search(`q=${encodeURIComponent('صنع في')}`), ['cy']);
    });

    it('filters by category (code or label), status and site', async () => {
      expectIds(await search('category=Pistolet'), ['tt']);
      expectIds(await search('category=revolvers_pistols'), ['tt']);
      expectIds(await search(`siteId=${armoury}`), ['tt']);
      expect((await search(`siteId=${depot}`)).total).toBe(5);
      const issued = await event(ids.n3!, { type: 'issued', counterpart: '2nd Company' });
      expect(issued.statusCode, issued.body).toBe(201);
      expectIds(await search('status=issued'), ['n3']);
      const unknown = await registrar.request(
        'GET',
        `/api/weapons?organisationId=${orgA}&category=Slingshot`,
      );
      expect(unknown.statusCode).toBe(400);
    });

    it('sorts and pages with a total', async () => {
      const all = await search('make=Norinco&sort=serial&direction=asc');
      const sorted = ['560001', '5602134', '56021344', '5602135', '5612154'];
      expect(all.items.map((w) => w.serialNormalised)).toEqual(sorted);
      const pages: string[] = [];
      for (let offset = 0; offset < 5; offset += 2) {
        const page = await search(`make=Norinco&sort=serial&direction=asc&limit=2&offset=${offset}`);
        expect(page.total).toBe(5);
        expect(page.items.length).toBe(Math.min(2, 5 - offset));
        pages.push(...page.items.map((w) => w.serialNormalised!));
      }
      expect(pages).toEqual(sorted);
      const desc = await search('make=Norinco&sort=serial&direction=desc&limit=2');
      expect(desc).toMatchObject({ total: 5 });
      expect(desc.items.map((w) => w.serialNormalised)).toEqual(['5612154', '5602135']);
      // Newest first by default.
      const newest = await search('make=Norinco&limit=1');
      expect(newest.items.map((w) => w.serialNormalised)).toEqual(['56021344']);
    });

    it('hides confidential weapons from a viewer (restricted clearance), in lists and by id', async () => {
      const byAnalyst = await search('q=CONF', analyst);
      expectIds(byAnalyst, ['conf']);
      const byViewer = await search('q=CONF', viewer);
      expect(byViewer).toEqual({ total: 0, items: [] });
      const everything = await search('', viewer);
      expect(everything.items.map((w) => w.id)).not.toContain(ids.conf);
      expect(everything.total).toBe((await search('', analyst)).total - 1);
      const direct = await viewer.request('GET', `/api/weapons/${ids.conf}`);
      expect(direct.statusCode).toBe(404);
      expect(direct.json().error).toEqual({ code: 'not_found', message: 'The weapon was not found.' });
      expect((await analyst.request('GET', `/api/weapons/${ids.conf}`)).statusCode).toBe(200);
    });

    it("does not show another organisation's weapons, nor let it look them up", async () => {
      expect((await outsider.request('GET', `/api/weapons?organisationId=${orgA}`)).statusCode).toBe(404);
      const own = (await outsider.request('GET', '/api/weapons?q=KA56')).json() as Page;
      expect(own).toEqual({ total: 0, items: [] });
      expect((await outsider.request('GET', `/api/weapons/${ids.ka}`)).statusCode).toBe(404);
      const screener = await t.user(orgA, 'screener');
      expect((await screener.request('GET', `/api/weapons?organisationId=${orgA}`)).statusCode).toBe(403);
    });
  });

  describe('the ledger', () => {
    it('issues, returns, reports stolen, and a correction with a reason takes an event out', async () => {
      const w = await register({
        category: 'assault_rifles',
        make: 'Izhmash',
        model: 'AKM',
        serial: 'LEDGER-1',
      });
      const issued = await event(w.id, {
        type: 'Issued',
        counterpart: '3rd Battalion',
        documents: [{ kind: 'other', reference: 'ORD-2024-17' }],
      });
      expect(issued.statusCode, issued.body).toBe(201);
      expect(issued.json()).toMatchObject({ status: 'issued', holder: '3rd Battalion' });
      const returned = await event(w.id, { type: 'returned' });
      expect(returned.json()).toMatchObject({ status: 'in_stock' });
      const stolen = (
        await event(w.id, { type: 'reported_stolen', place: 'Bambari' })
      ).json() as WeaponDetail;
      expect(stolen.status).toBe('stolen');
      const stolenEvent = stolen.events.at(-1)!;

      const noReason = await event(w.id, { type: 'corrected', correctsEventId: stolenEvent.id });
      expect(noReason.statusCode).toBe(400);
      expect(noReason.json().error.message).toMatch(/needs a reason: say what was wrong/);

      const corrected = await event(w.id, {
        type: 'corrected',
        correctsEventId: stolenEvent.id,
        reason: 'Recorded on the wrong weapon: LEDGER-2 was stolen.',
      });
      expect(corrected.statusCode, corrected.body).toBe(201);
      const after = corrected.json() as WeaponDetail;
      expect(after.status).toBe('in_stock');
      // Nothing is deleted: the struck event stays in the ledger, and the correction says why.
      expect(after.events.map((e) => e.type)).toEqual([
        'registered',
        'issued',
        'returned',
        'reported_stolen',
        'corrected',
      ]);
      expect(after.events.at(-1)).toMatchObject({
        correctsEventId: stolenEvent.id,
        reason: 'Recorded on the wrong weapon: LEDGER-2 was stolen.',
        recordedBy: registrar.email,
      });
      expect(after.events[1]!.documents).toEqual([{ kind: 'other', reference: 'ORD-2024-17' }]);
    });

    it('refuses an impossible event with a message naming the problem', async () => {
      const w = await register({
        category: 'assault_rifles',
        make: 'Izhmash',
        model: 'AKM',
        serial: 'LEDGER-3',
      });
      const destroyed = await event(w.id, {
        type: 'destroyed',
        documents: [{ kind: 'destruction_certificate', reference: 'DC-77' }],
      });
      expect(destroyed.json()).toMatchObject({ status: 'destroyed' });
      const issue = await event(w.id, { type: 'issued', counterpart: 'Someone' });
      expect(issue.statusCode).toBe(400);
      const message = issue.json().error.message as string;
      expect(message).toContain('is not possible: the item is destroyed since event');
      expect(message).toContain('Possible events now: corrected');
      const unchanged = (await registrar.request('GET', `/api/weapons/${w.id}`)).json() as WeaponDetail;
      expect(unchanged.events.map((e) => e.type)).toEqual(['registered', 'destroyed']);
    });

    it('lets a field officer record a seizure but not an issue', async () => {
      const w = await register({
        category: 'assault_rifles',
        make: 'Izhmash',
        model: 'AKM',
        serial: 'LEDGER-4',
      });
      expect((await event(w.id, { type: 'reported_lost' })).statusCode).toBe(201);
      const seized = await event(w.id, { type: 'seized', place: 'Kaga-Bandoro checkpoint' }, fieldOfficer);
      expect(seized.statusCode, seized.body).toBe(201);
      expect(seized.json()).toMatchObject({ status: 'seized' });

      const other = await register({
        category: 'assault_rifles',
        make: 'Izhmash',
        model: 'AKM',
        serial: 'LEDGER-5',
      });
      const issue = await event(other.id, { type: 'issued', counterpart: 'Unit' }, fieldOfficer);
      expect(issue.statusCode).toBe(403);
      expect(issue.json().error.code).toBe('forbidden');
      expect((await event(other.id, { type: 'inspected' }, viewer)).statusCode).toBe(403);
      expect((await event(other.id, { type: 'inspected' }, outsider)).statusCode).toBe(404);
    });
  });

  describe('ammunition lots', () => {
    it('moves quantities only by events, never below zero, and never by overwriting', async () => {
      const created = await registrar.request('POST', '/api/lots', {
        organisationId: orgA,
        category: 'Cartouches',
        calibre: '7,62 x 39',
        manufacturer: 'Factory 711',
        lotNumber: '711-88-0123',
        headstamp: '711 88',
        year: 1988,
        quantity: 12000,
      });
      expect(created.statusCode, created.body).toBe(201);
      const lot = created.json();
      expect(lot).toMatchObject({ category: 'small_arms_ammunition', calibre: '7.62x39mm', quantity: 12000 });

      const issued = await registrar.request('POST', `/api/lots/${lot.id}/events`, {
        type: 'issued',
        occurredOn: today(),
        quantity: 2000,
        counterpart: '3rd Battalion',
      });
      expect(issued.statusCode, issued.body).toBe(201);
      expect(issued.json()).toMatchObject({ quantity: 10000, status: 'in_stock' });
      expect(
        issued.json().events.map((e: { type: string; quantityDelta: number }) => [e.type, e.quantityDelta]),
      ).toEqual([
        ['registered', 12000],
        ['issued', -2000],
      ]);

      const over = await registrar.request('POST', `/api/lots/${lot.id}/events`, {
        type: 'issued',
        occurredOn: today(),
        quantity: 20000,
      });
      expect(over.statusCode).toBe(400);
      expect(over.json().error.message).toMatch(
        /takes out 20000 but the lot holds 10000; the quantity cannot fall below zero/,
      );
      const noQuantity = await registrar.request('POST', `/api/lots/${lot.id}/events`, {
        type: 'issued',
        occurredOn: today(),
      });
      expect(noQuantity.statusCode).toBe(400);

      // There is no way to overwrite a quantity.
      for (const method of ['PATCH', 'PUT']) {
        const res = await registrar.request(method, `/api/lots/${lot.id}`, { quantity: 50000 });
        expect(res.statusCode).toBe(404);
      }
      const shown = await registrar.request('GET', `/api/lots/${lot.id}`);
      expect(shown.json()).toMatchObject({ quantity: 10000 });

      const again = await registrar.request('POST', '/api/lots', {
        organisationId: orgA,
        category: 'small_arms_ammunition',
        calibre: '7.62x39mm',
        manufacturer: 'Factory 711',
        lotNumber: '711 88 0123',
        quantity: 5,
      });
      expect(again.statusCode).toBe(409);
      const weaponAsLot = await registrar.request('POST', '/api/lots', {
        organisationId: orgA,
        category: 'assault_rifles',
        lotNumber: 'X',
        quantity: 5,
      });
      expect(weaponAsLot.statusCode).toBe(400);
    });

    it('counts only the lots a reader may see, and lets a field officer record a seizure', async () => {
      const secret = await admin.request('POST', '/api/lots', {
        organisationId: orgA,
        category: 'hand_grenades',
        lotNumber: 'F1-SECRET',
        quantity: 40,
        confidentiality: 'confidential',
      });
      expect(secret.statusCode).toBe(201);
      const byAnalyst = (await analyst.request('GET', `/api/lots?organisationId=${orgA}`)).json();
      const byViewer = (await viewer.request('GET', `/api/lots?organisationId=${orgA}`)).json();
      expect(byAnalyst.items.map((l: { id: string }) => l.id)).toContain(secret.json().id);
      expect(byViewer.items.map((l: { id: string }) => l.id)).not.toContain(secret.json().id);
      expect(byViewer.total).toBe(byViewer.items.length);
      expect(byViewer.total).toBe(byAnalyst.total - 1);
      expect((await outsider.request('GET', `/api/lots?organisationId=${orgA}`)).statusCode).toBe(404);

      const lot = (
        await registrar.request('POST', '/api/lots', {
          organisationId: orgA,
          category: 'small_arms_ammunition',
          lotNumber: 'SEIZE-1',
          quantity: 100,
        })
      ).json();
      const lost = await registrar.request('POST', `/api/lots/${lot.id}/events`, {
        type: 'reported_lost',
        occurredOn: today(),
        quantity: 100,
      });
      expect(lost.json()).toMatchObject({ quantity: 0, status: 'lost' });
      const seized = await fieldOfficer.request('POST', `/api/lots/${lot.id}/events`, {
        type: 'seized',
        occurredOn: today(),
        quantity: 60,
      });
      expect(seized.statusCode, seized.body).toBe(201);
      expect(seized.json()).toMatchObject({ quantity: 60, status: 'seized' });
      const issue = await fieldOfficer.request('POST', `/api/lots/${lot.id}/events`, {
        type: 'issued',
        occurredOn: today(),
        quantity: 10,
      });
      expect(issue.statusCode).toBe(403);
    });
  });

  describe('national marking codes', () => {
    it('issues unique codes with a valid check character, once per weapon', async () => {
      const weapons = [];
      for (const n of [1, 2, 3])
        weapons.push(
          await register({ category: 'rifles_carbines', nationalRegistrationNumber: `DDR-COLL-${n}` }),
        );
      const res = await registrar.request('POST', '/api/weapons/marking-codes', {
        weaponIds: weapons.map((w) => w.id),
        country: 'CAF',
        year: 2024,
      });
      expect(res.statusCode, res.body).toBe(201);
      const issued = res.json().issued as { weaponId: string; code: string }[];
      expect(issued.map((i) => i.weaponId)).toEqual(weapons.map((w) => w.id));
      const codes = issued.map((i) => i.code);
      expect(new Set(codes).size).toBe(3);
      for (const code of codes) {
        expect(code).toMatch(/^CAF-2024-\d{6}-[0-9A-Z]$/);
        expect(validateMarkingCode(code)).toEqual({ ok: true });
      }
      const shown = (await registrar.request('GET', `/api/weapons/${weapons[0]!.id}`)).json() as WeaponDetail;
      expect(shown.nationalMarkingCode).toBe(codes[0]);
      expect(shown.markings).toEqual([
        expect.objectContaining({ kind: 'national_marking_code', text: codes[0] }),
      ]);
      expect(shown.events.map((e) => e.type)).toEqual(['registered', 'marked']);

      // Refused for a weapon that has one, and nothing issued to the others of the same request.
      const fresh = await register({ category: 'rifles_carbines', nationalRegistrationNumber: 'DDR-COLL-4' });
      const twice = await registrar.request('POST', '/api/weapons/marking-codes', {
        weaponIds: [fresh.id, weapons[1]!.id],
        country: 'CAF',
        year: 2024,
      });
      expect(twice.statusCode).toBe(400);
      expect(twice.json().error.message).toBe(
        `Weapon ${weapons[1]!.id} already carries the national marking code ${codes[1]}.`,
      );
      const still = (await registrar.request('GET', `/api/weapons/${fresh.id}`)).json() as WeaponDetail;
      expect(still.nationalMarkingCode).toBeNull();

      // Unique across the installation: another organisation continues the sequence.
      const theirs = (
        await outsider.request('POST', '/api/weapons', {
          organisationId: orgB,
          category: 'rifles_carbines',
          nationalRegistrationNumber: 'B-1',
        })
      ).json() as WeaponDetail;
      const next = await outsider.request('POST', '/api/weapons/marking-codes', {
        weaponIds: [theirs.id],
        country: 'CAF',
        year: 2024,
      });
      expect(next.statusCode).toBe(201);
      expect(codes).not.toContain(next.json().issued[0].code);
      expect(validateMarkingCode(next.json().issued[0].code)).toEqual({ ok: true });
      expect(
        (
          await viewer.request('POST', '/api/weapons/marking-codes', {
            weaponIds: [fresh.id],
            country: 'CAF',
          })
        ).statusCode,
      ).toBe(403);
    });
  });

  describe('photographs and documents', () => {
    let weapon: WeaponDetail;
    beforeAll(async () => {
      weapon = await register({
        category: 'assault_rifles',
        make: 'Izhmash',
        model: 'AKM',
        serial: 'PHOTO-1',
      });
    });

    it('stores a photograph, shows its EXIF date and position, and serves a thumbnail', async () => {
      const jpeg = await photograph();
      const res = await fieldOfficer.upload(
        `/api/weapons/${weapon.id}/attachments`,
        { role: 'marking' },
        { name: 'IMG_0001.jpg', content: jpeg, type: 'image/jpeg' },
      );
      expect(res.statusCode, res.body).toBe(201);
      const shown = (await viewer.request('GET', `/api/weapons/${weapon.id}`)).json() as WeaponDetail;
      expect(shown.attachments).toHaveLength(1);
      const a = shown.attachments[0]!;
      expect(a).toMatchObject({
        mediaType: 'image/jpeg',
        sizeBytes: jpeg.length,
        originalName: 'IMG_0001.jpg',
        width: 1200,
        height: 800,
        role: 'marking',
        hasThumbnail: true,
      });
      expect(a.takenAt).toBe('2024-05-06T07:08:09.000Z');
      expect(a.latitude).toBeCloseTo(4.371667, 5);
      expect(a.longitude).toBeCloseTo(18.56, 5);

      const original = await viewer.request('GET', `/api/attachments/${a.id}`);
      expect(original.statusCode).toBe(200);
      expect(original.headers['content-type']).toBe('image/jpeg');
      expect(createHash('sha256').update(original.rawPayload).digest('hex')).toBe(
        createHash('sha256').update(jpeg).digest('hex'),
      );
      const thumb = await viewer.request('GET', `/api/attachments/${a.id}?thumbnail=1`);
      expect(thumb.statusCode).toBe(200);
      expect(thumb.headers['content-type']).toBe('image/jpeg');
      const meta = await sharp(thumb.rawPayload).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', 320, 213]);
      expect((await outsider.request('GET', `/api/attachments/${a.id}`)).statusCode).toBe(404);
    });

    it('decides the type from the bytes, not the name, and refuses files over 25 MB', async () => {
      const text = await registrar.upload(
        `/api/weapons/${weapon.id}/attachments`,
        {},
        {
          name: 'photo.jpg',
          content: 'This is a list of serial numbers, not a photograph.\n',
          type: 'image/jpeg',
        },
      );
      expect(text.statusCode).toBe(400);
      expect(text.json().error.message).toBe(
        'photo.jpg is of an unknown type; attach a photograph (JPEG, PNG, WebP, TIFF, HEIC) or a PDF.',
      );
      const zip = await registrar.upload(
        `/api/weapons/${weapon.id}/attachments`,
        {},
        { name: 'scan.pdf', content: fs.readFileSync(path.join(FIXTURE_DIR, FILES.xlsx)) },
      );
      expect(zip.statusCode).toBe(400);
      expect(zip.json().error.message).toMatch(/^scan\.pdf is application\/(zip|vnd\.openxmlformats)/);

      const big = Buffer.alloc(25 * 1024 * 1024 + 1, 0);
      (await photograph()).copy(big);
      const tooBig = await registrar.upload(
        `/api/weapons/${weapon.id}/attachments`,
        {},
        { name: 'huge.jpg', content: big, type: 'image/jpeg' },
      );
      expect(tooBig.statusCode).toBe(413);
      expect(tooBig.json().error.message).toMatch(/25 MB/);
      const shown = (await registrar.request('GET', `/api/weapons/${weapon.id}`)).json() as WeaponDetail;
      expect(shown.attachments).toHaveLength(1);
      expect(
        (
          await viewer.upload(
            `/api/weapons/${weapon.id}/attachments`,
            {},
            { name: 'a.jpg', content: await photograph() },
          )
        ).statusCode,
      ).toBe(403);
    });
  });

  describe('export', () => {
    it('exports CSV, XLSX and JSON that import into another organisation with the same count', async () => {
      const total = (await search('', admin)).total;
      expect(total).toBeGreaterThan(10);
      const download = async (format: string) => {
        const res = await admin.request('GET', `/api/weapons/export?organisationId=${orgA}&format=${format}`);
        expect(res.statusCode, res.body).toBe(200);
        return res;
      };
      const json = await download('json');
      expect(json.headers['content-type']).toMatch(/^application\/json/);
      const records = JSON.parse(json.body) as WeaponSummary[];
      expect(records).toHaveLength(total);
      expect(new Set(records.map((r) => r.organisationId))).toEqual(new Set([orgA]));

      for (const format of ['csv', 'xlsx']) {
        const res = await download(format);
        expect(res.headers['content-disposition']).toMatch(
          new RegExp(`^attachment; filename="registry-.*\\.${format}"$`),
        );
        const file = path.join(work, `export.${format}`);
        fs.writeFileSync(file, res.rawPayload);
        if (format === 'csv') {
          const rows = parse(res.rawPayload, { bom: true }) as string[][];
          expect(rows).toHaveLength(total + 1);
        } else {
          const workbook = new ExcelJS.Workbook();
          await workbook.xlsx.readFile(file);
          expect(workbook.worksheets[0]!.rowCount).toBe(total + 1);
        }
        const target = (await t.org(`Copy ${format} ${engine}`)).id;
        const summary: ImportSummary = await importItems(t.db.ctx, SYSTEM_CLI, {
          organisationId: target,
          filePath: file,
        });
        expect({
          format,
          imported: summary.imported,
          rejected: summary.rejected,
          errors: summary.errors,
        }).toEqual({
          format,
          imported: total,
          rejected: 0,
          errors: [],
        });
      }
      // A viewer exports what a viewer may see; an outsider nothing at all.
      const byViewer = JSON.parse(
        (await viewer.request('GET', `/api/weapons/export?organisationId=${orgA}&format=json`)).body,
      ) as WeaponSummary[];
      expect(byViewer.length).toBe((await search('', viewer)).total);
      expect(byViewer.every((w) => w.confidentiality === 'restricted')).toBe(true);
      expect(
        (await outsider.request('GET', `/api/weapons/export?organisationId=${orgA}&format=json`)).statusCode,
      ).toBe(404);
    });
  });

  describe('web import flow', () => {
    const inventory = () => fs.readFileSync(path.join(FIXTURE_DIR, FILES.csv));

    async function upload(org: string, as: TestClient = registrar) {
      const res = await as.upload(
        '/api/imports',
        { organisationId: org },
        { name: FILES.csv, content: inventory(), type: 'text/csv' },
      );
      expect(res.statusCode, res.body).toBe(201);
      return res.json();
    }

    async function finished(importId: string, as: TestClient = registrar) {
      for (let i = 0; i < 200; i++) {
        const status = (await as.request('GET', `/api/imports/${importId}`)).json();
        if (status.status !== 'running') return status;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      throw new Error(`import ${importId} still running`);
    }

    it('uploads, previews with the detected mapping, adjusts it, runs with --partial, and offers the rejects', async () => {
      const org = (await t.org(`Web import ${engine}`)).id;
      const registrar = await t.user(org, 'registrar');
      const viewer = await t.user(org, 'viewer');
      const preview = await upload(org, registrar);
      expect(preview).toMatchObject({ fileName: FILES.csv, status: 'uploaded', headerRow: 3 });
      expect(preview.headers).toEqual(CSV_INVENTORY.headers);
      expect(preview.columns).toMatchObject({ serial: 0, make: 1, model: 2, category: 4, markings: 8 });
      expect(preview.rows.map((r: { row: number }) => r.row)).toEqual(
        Array.from({ length: 15 }, (_, i) => 4 + i),
      );
      // The marking read over two lines stays one cell of one row.
      expect(preview.rows[3].cells[8]).toBe('Ижмаш\n1985');

      const adjusted = await registrar.request('POST', `/api/imports/${preview.importId}/preview`, {
        columns: { Marquages: null },
      });
      expect(adjusted.statusCode).toBe(200);
      expect(adjusted.json().columns.markings).toBeUndefined();
      expect(adjusted.json().unmapped).toEqual([{ column: 8, header: 'Marquages' }]);

      const run = await registrar.request('POST', `/api/imports/${preview.importId}/run`, { partial: true });
      expect(run.statusCode, run.body).toBe(202);
      const done = await finished(preview.importId, registrar);
      expect(done.status).toBe('done');
      expect(done.summary).toMatchObject({ committed: true, imported: 980, rejected: 20, rows: 1000 });
      expect(done.summary.errors).toEqual(CSV_INVENTORY.errors(new Date().getUTCFullYear()));
      expect(done.rowsRead).toBe(1000);

      const rejects = await registrar.request('GET', `/api/imports/${preview.importId}/rejects`);
      expect(rejects.statusCode).toBe(200);
      expect(rejects.headers['content-type']).toBe('text/csv; charset=utf-8');
      const rows = parse(rejects.rawPayload, { bom: true, relax_column_count: true }) as string[][];
      expect(rows[0]).toEqual(['Errors', ...CSV_INVENTORY.headers]);
      expect(rows).toHaveLength(21);

      const again = await registrar.request('POST', `/api/imports/${preview.importId}/run`, {
        partial: true,
      });
      expect(again.statusCode).toBe(400);
      expect((await viewer.request('GET', `/api/imports/${preview.importId}`)).statusCode).toBe(403);
      expect((await outsider.request('GET', `/api/imports/${preview.importId}/rejects`)).statusCode).toBe(
        404,
      );
    });

    it('runs all or nothing by default, and a dry run checks without writing', async () => {
      const org = (await t.org(`Web import strict ${engine}`)).id;
      const count = async () =>
        Number(
          (
            await db()
              .selectFrom('weapons')
              .select((eb) => eb.fn.countAll<string | number>().as('n'))
              .where('organisation_id', '=', org)
              .executeTakeFirstOrThrow()
          ).n,
        );
      const registrar = await t.user(org, 'registrar');
      const dry = await upload(org, registrar);
      await registrar.request('POST', `/api/imports/${dry.importId}/run`, { dryRun: true, partial: true });
      expect(await finished(dry.importId, registrar)).toMatchObject({
        status: 'checked',
        summary: { dryRun: true, committed: false, imported: 980, rejected: 20 },
      });
      const strict = await upload(org, registrar);
      await registrar.request('POST', `/api/imports/${strict.importId}/run`, {});
      const result = await finished(strict.importId, registrar);
      expect(result).toMatchObject({
        status: 'rejected',
        summary: { committed: false, imported: 0, rejected: 20 },
      });
      expect(result.summary.errors).toHaveLength(20);
      expect(await count()).toBe(0);
      // A checked or refused upload may be run again, e.g. with --partial.
      await registrar.request('POST', `/api/imports/${strict.importId}/run`, { partial: true });
      expect(await finished(strict.importId, registrar)).toMatchObject({
        status: 'done',
        summary: { imported: 980 },
      });
      expect(await count()).toBe(980);
    });
  });
});
