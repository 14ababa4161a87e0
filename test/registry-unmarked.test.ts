import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganisation } from '../src/modules/identity/use-cases/organisation-service.ts';
import { validateMarkingCode } from '../src/modules/registry/domain/national-marking-code.ts';
import { listWeapons } from '../src/modules/registry/use-cases/weapon-service.ts';
import { SYSTEM_CLI } from '../src/platform/access/actor.ts';
import { runCli } from './support/cli.ts';
import { createTestDatabase, ENGINES, type TestDatabase } from './support/databases.ts';

describe.each(ENGINES)('registering a weapon without a usable marking on %s', (engine) => {
  let t: TestDatabase;
  let orgId: string;
  beforeAll(async () => {
    t = await createTestDatabase(engine);
    orgId = (
      await createOrganisation(t.ctx, SYSTEM_CLI, {
        name: 'DDR commission',
        kind: 'national_authority',
        country: 'CAF',
      })
    ).id;
  });
  afterAll(async () => t.dispose());

  it('is refused without an identifier, with a message that says how to proceed', async () => {
    const r = await runCli(t.url, ['items', 'add', '--org', orgId, '--category', 'assault rifles', '--json']);
    expect(r.code).toBe(2);
    expect(r.json<{ error: { message: string } }>().error.message).toMatch(
      /national marking code to be issued with the registration/,
    );
  });

  it('gets a national marking code with its registration, searchable, with a marked event', async () => {
    const codes: string[] = [];
    for (let i = 0; i < 2; i++) {
      const r = await runCli(t.url, [
        'items',
        'add',
        '--org',
        orgId,
        '--category',
        'assault rifles',
        '--make',
        'Unknown',
        '--model',
        'AK pattern',
        '--issue-marking-code',
        '--json',
      ]);
      expect(r.code, r.stdout).toBe(0);
      const w = r.json<{
        nationalMarkingCode: string;
        events: { type: string }[];
        markings: { kind: string; text: string }[];
      }>();
      expect(w.nationalMarkingCode).toMatch(/^CAF-\d{4}-\d{6}-[0-9A-Z]$/);
      expect(validateMarkingCode(w.nationalMarkingCode)).toEqual({ ok: true });
      expect(w.events.map((e) => e.type)).toEqual(['registered', 'marked']);
      expect(w.markings).toContainEqual(
        expect.objectContaining({ kind: 'national_marking_code', text: w.nationalMarkingCode }),
      );
      codes.push(w.nationalMarkingCode);
    }
    expect(new Set(codes).size).toBe(2);
    const page = await listWeapons(t.ctx, SYSTEM_CLI, { organisationId: orgId, q: codes[0]!.toLowerCase() });
    expect(page.items.map((w) => w.nationalMarkingCode)).toEqual([codes[0]]);
  });
});
