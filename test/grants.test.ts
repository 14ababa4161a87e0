import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WeaponDetail } from '../src/modules/registry/contracts.ts';
import type { Grant } from '../src/platform/access/grants/contracts.ts';
import { createTestApp, type TestApp, type TestClient } from './support/app.ts';
import { runCli } from './support/cli.ts';
import { ENGINES } from './support/databases.ts';

/**
 * Sharing records across organisations (issue 8, "Sharing across organisations"): a weapon of
 * organisation A is shared with organisation B for a purpose. Whoever was never granted sees
 * nothing (404), the grantee reads it and every read is audited, revoked or expired grants show
 * nothing again, the grantee never changes it, and only those who may share A's records give or
 * end grants.
 */
describe.each(ENGINES)('grants on %s', (engine) => {
  let t: TestApp;
  let orgA: string;
  let orgB: string;
  let orgC: string;
  let registrarA: TestClient;
  let viewerA: TestClient;
  let analystB: TestClient;
  let screenerB: TestClient;
  let adminC: TestClient;
  let weapon: WeaponDetail;
  let secret: WeaponDetail;
  const db = () => t.db.handle.db;

  async function share(body: Record<string, unknown>, as: TestClient = registrarA) {
    return as.request('POST', '/api/grants', {
      recordType: 'weapon',
      granteeOrganisationId: orgB,
      purpose: 'Panel of Experts trace request 2026/14',
      ...body,
    });
  }

  beforeAll(async () => {
    t = await createTestApp(engine);
    orgA = (await t.org('Registry of A')).id;
    orgB = (await t.org('Panel B', 'panel_of_experts')).id;
    orgC = (await t.org('Authority C')).id;
    registrarA = await t.user(orgA, 'registrar');
    viewerA = await t.user(orgA, 'viewer');
    analystB = await t.user(orgB, 'analyst');
    screenerB = await t.user(orgB, 'screener');
    adminC = await t.user(orgC, 'admin');
    const make = async (serial: string, confidentiality: string) => {
      const res = await registrarA.request('POST', '/api/weapons', {
        organisationId: orgA,
        category: 'assault_rifles',
        make: 'Norinco',
        model: 'Type 56',
        serial,
        confidentiality,
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json() as WeaponDetail;
    };
    weapon = await make('56-7001', 'restricted');
    secret = await make('56-7002', 'confidential');
  });
  afterAll(async () => t?.close());

  it('hides a never-granted weapon from another organisation (404)', async () => {
    expect((await analystB.request('GET', `/api/weapons/${weapon.id}`)).statusCode).toBe(404);
  });

  it('refuses a grant from a lesser role (403) and from another organisation (404)', async () => {
    const byViewer = await share({ recordIds: [weapon.id] }, viewerA);
    expect(byViewer.statusCode).toBe(403);
    expect(byViewer.json().error.message).toMatch(/administrators, registrars and investigators/);
    expect((await share({ recordIds: [weapon.id] }, adminC)).statusCode).toBe(404);
    expect((await share({ recordIds: [weapon.id] }, analystB)).statusCode).toBe(404);
    const grants = await db().selectFrom('grants').selectAll().execute();
    expect(grants).toEqual([]);
  });

  it('refuses a grant without a purpose, below the record level, or to an unknown kind', async () => {
    expect((await share({ recordIds: [weapon.id], purpose: ' ' })).statusCode).toBe(400);
    const low = await share({ recordIds: [secret.id], level: 'restricted' });
    expect(low.statusCode).toBe(400);
    expect(low.json().error.message).toMatch(/confidential/);
    const kind = await share({ recordIds: [weapon.id], recordType: 'spaceship' });
    expect(kind.statusCode).toBe(400);
    expect(kind.json().error.issues[0].message).toMatch(/weapon, lot/);
  });

  it('lets the grantee read the weapon, audits each read, and never lets it change the weapon', async () => {
    const res = await share({ recordIds: [weapon.id] });
    expect(res.statusCode, res.body).toBe(201);
    const [grant] = (res.json() as { grants: Grant[] }).grants;
    expect(grant).toMatchObject({
      recordType: 'weapon',
      recordId: weapon.id,
      organisationName: 'Registry of A',
      granteeOrganisationName: 'Panel B',
      level: 'restricted',
      status: 'active',
    });

    const read = await analystB.request('GET', `/api/weapons/${weapon.id}`);
    expect(read.statusCode, read.body).toBe(200);
    expect((read.json() as WeaponDetail).serial).toBe('56-7001');
    const reads = await db()
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'grant.read')
      .where('record_id', '=', weapon.id)
      .execute();
    expect(reads.map((r) => [r.actor_label, r.organisation_id])).toEqual([[analystB.email, orgA]]);
    expect(JSON.parse(reads[0]!.after_json!)).toMatchObject({ grantId: grant!.id });

    // A role of the grantee without registry.read, and a third organisation, still see nothing.
    expect((await screenerB.request('GET', `/api/weapons/${weapon.id}`)).statusCode).toBe(404);
    expect((await adminC.request('GET', `/api/weapons/${weapon.id}`)).statusCode).toBe(404);
    // Another record of A was not shared.
    expect((await analystB.request('GET', `/api/weapons/${secret.id}`)).statusCode).toBe(404);

    // Reading is all a grant gives.
    const change = await analystB.request('POST', `/api/weapons/${weapon.id}/events`, {
      type: 'reported_lost',
      occurredOn: new Date().toISOString().slice(0, 10),
    });
    expect([403, 404]).toContain(change.statusCode);
    expect((await share({ recordIds: [weapon.id], granteeOrganisationId: orgC }, analystB)).statusCode).toBe(
      403,
    );

    const received = await analystB.request('GET', `/api/grants?organisationId=${orgB}&direction=received`);
    expect(received.statusCode).toBe(200);
    expect((received.json() as { grants: Grant[] }).grants.map((g) => g.recordId)).toEqual([weapon.id]);
    // What A shares is A's business: B's members and A's viewer cannot list it.
    expect(
      (await analystB.request('GET', `/api/grants?organisationId=${orgA}&direction=given`)).statusCode,
    ).toBe(404);
    expect(
      (await viewerA.request('GET', `/api/grants?organisationId=${orgA}&direction=given`)).statusCode,
    ).toBe(403);
    const given = await registrarA.request('GET', `/api/grants?organisationId=${orgA}&direction=given`);
    expect((given.json() as { grants: Grant[] }).grants.map((g) => g.id)).toEqual([grant!.id]);

    // The grantee cannot end the grant, a stranger is told it does not exist; the owner ends it.
    expect(
      (await analystB.request('POST', `/api/grants/${grant!.id}/revoke`, { reason: 'x' })).statusCode,
    ).toBe(403);
    expect(
      (await adminC.request('POST', `/api/grants/${grant!.id}/revoke`, { reason: 'x' })).statusCode,
    ).toBe(404);
    const revoked = await registrarA.request('POST', `/api/grants/${grant!.id}/revoke`, {
      reason: 'Trace answered',
    });
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect(revoked.json()).toMatchObject({ status: 'revoked', revokeReason: 'Trace answered' });
    expect((await analystB.request('GET', `/api/weapons/${weapon.id}`)).statusCode).toBe(404);
    expect(
      (await registrarA.request('POST', `/api/grants/${grant!.id}/revoke`, { reason: 'again' })).statusCode,
    ).toBe(409);

    const actions = await db()
      .selectFrom('audit_log')
      .select('action')
      .where('record_id', '=', weapon.id)
      .where('action', 'like', 'grant.%')
      .orderBy('seq')
      .execute();
    expect(actions.map((a) => a.action)).toEqual(['grant.create', 'grant.read', 'grant.revoke']);
  });

  it('shows nothing once a grant has expired', async () => {
    const res = await share({
      recordIds: [secret.id],
      expiresAt: new Date(Date.now() + 60_000).toISOString(),
    });
    expect(res.statusCode, res.body).toBe(201);
    expect((await analystB.request('GET', `/api/weapons/${secret.id}`)).statusCode).toBe(200);
    await db()
      .updateTable('grants')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('record_id', '=', secret.id)
      .execute();
    expect((await analystB.request('GET', `/api/weapons/${secret.id}`)).statusCode).toBe(404);
    const history = await analystB.request(
      'GET',
      `/api/grants?organisationId=${orgB}&direction=received&includeInactive=true`,
    );
    expect((history.json() as { grants: Grant[] }).grants.map((g) => [g.recordId, g.status])).toContainEqual([
      secret.id,
      'expired',
    ]);
  });

  it('shares, lists and revokes from the CLI with --as, and refuses a lesser role there too', async () => {
    const url = t.db.url;
    const refused = await runCli(url, [
      '--as',
      viewerA.email,
      '--json',
      'grants',
      'create',
      '--type',
      'weapon',
      '--record',
      weapon.id,
      '--to',
      orgB,
      '--purpose',
      'Joint investigation',
    ]);
    expect(refused.code).not.toBe(0);
    expect(refused.stdout + refused.stderr).toMatch(/administrators, registrars and investigators/);

    const made = await runCli(url, [
      '--as',
      registrarA.email,
      '--json',
      'grants',
      'create',
      '--type',
      'weapon',
      '--record',
      weapon.id,
      '--to',
      orgB,
      '--purpose',
      'Joint investigation',
    ]);
    expect(made.code, made.stderr).toBe(0);
    const [grant] = made.json<{ grants: Grant[] }>().grants;
    expect(grant!.purpose).toBe('Joint investigation');

    const listed = await runCli(url, ['--as', analystB.email, '--json', 'grants', 'list', '--org', orgB]);
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.json<{ grants: Grant[] }>().grants.map((g) => g.id)).toContain(grant!.id);
    expect(
      (await runCli(url, ['--as', adminC.email, '--json', 'grants', 'list', '--org', orgB])).code,
    ).not.toBe(0);

    const ended = await runCli(url, [
      '--as',
      registrarA.email,
      '--json',
      'grants',
      'revoke',
      grant!.id,
      '--reason',
      'Closed',
    ]);
    expect(ended.code, ended.stderr).toBe(0);
    expect(ended.json<Grant>().status).toBe('revoked');
  });
});
