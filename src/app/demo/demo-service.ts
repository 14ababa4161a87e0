import { findOrganisationByName } from '../../modules/identity/repository/organisation-repository.ts';
import { findUserByEmail } from '../../modules/identity/repository/user-repository.ts';
import { createOrganisation } from '../../modules/identity/use-cases/organisation-service.ts';
import { createUser } from '../../modules/identity/use-cases/user-service.ts';
import { SYSTEM_CLI } from '../../platform/access/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import type { OrganisationKind, Role } from '../../reference/vocab.ts';
import { demoNextListPath, loadDemoRegistry, loadDemoScreening } from './demo-registry.ts';

/** Shared by every demo account; printed by `serve --demo`. Demo installations are not for real data. */
export const DEMO_PASSWORD = 'demo-password-2616';

interface DemoOrganisation {
  name: string;
  kind: OrganisationKind;
  country: string | null;
  people: { email: string; name: string; role: Role }[];
}

/** Fictional organisations and people from shared/WORKFLOWS.md, one account per role a story needs. */
export const DEMO_ORGANISATIONS: DemoOrganisation[] = [
  {
    name: 'National Small Arms Commission (demo)',
    kind: 'national_authority',
    country: 'CAF',
    people: [
      { email: 'registrar@demo.materiel.local', name: 'Amina Registrar', role: 'registrar' },
      { email: 'commission-admin@demo.materiel.local', name: 'Jean Commission-Admin', role: 'admin' },
      { email: 'depot-manager@demo.materiel.local', name: 'Paul Depot-Manager', role: 'registrar' },
    ],
  },
  {
    name: 'UN Mission Weapons and Ammunition Unit (demo)',
    kind: 'peace_operation',
    country: null,
    people: [
      { email: 'field-officer@demo.materiel.local', name: 'Sofia Field-Officer', role: 'field_officer' },
      { email: 'mission-admin@demo.materiel.local', name: 'Ivan Mission-Admin', role: 'admin' },
    ],
  },
  {
    name: 'Panel of Experts (demo)',
    kind: 'panel_of_experts',
    country: null,
    people: [
      { email: 'investigator@demo.materiel.local', name: 'Lena Investigator', role: 'investigator' },
      { email: 'panel-coordinator@demo.materiel.local', name: 'Omar Coordinator', role: 'admin' },
    ],
  },
  {
    name: 'Sanctions Secretariat (demo)',
    kind: 'secretariat',
    country: null,
    people: [{ email: 'analyst@demo.materiel.local', name: 'Mei Analyst', role: 'analyst' }],
  },
  {
    name: 'Example Engines Ltd (demo)',
    kind: 'exporter',
    country: 'FRA',
    people: [{ email: 'compliance@demo.materiel.local', name: 'Claire Compliance', role: 'screener' }],
  },
  {
    name: 'Border Customs Service (demo)',
    kind: 'customs',
    country: 'CMR',
    people: [{ email: 'customs@demo.materiel.local', name: 'Yves Customs', role: 'screener' }],
  },
];

export interface DemoSummary {
  organisations: number;
  weapons: number;
  nextListFile: string;
  accounts: { email: string; organisation: string; role: Role }[];
  password: string;
}

/** Loads the demo data; running it again adds nothing. */
export async function loadDemoData(ctx: AppContext): Promise<DemoSummary> {
  const actor = { ...SYSTEM_CLI, label: 'demo' };
  const accounts: DemoSummary['accounts'] = [];
  const ids = new Map<string, string>();
  for (const spec of DEMO_ORGANISATIONS) {
    const org =
      (await findOrganisationByName(ctx.db, spec.name)) ??
      (await createOrganisation(ctx, actor, {
        name: spec.name,
        kind: spec.kind,
        country: spec.country,
        confidentiality: 'restricted',
      }));
    ids.set(spec.kind, org.id);
    for (const person of spec.people) {
      if (!(await findUserByEmail(ctx.db, person.email))) {
        await createUser(ctx, actor, { ...person, organisationId: org.id, password: DEMO_PASSWORD });
      }
      accounts.push({ email: person.email, organisation: spec.name, role: person.role });
    }
  }
  const weapons = await loadDemoRegistry(ctx, ids.get('national_authority')!);
  await loadDemoScreening(ctx, ids.get('exporter')!);
  return {
    organisations: DEMO_ORGANISATIONS.length,
    weapons,
    nextListFile: demoNextListPath(),
    accounts,
    password: DEMO_PASSWORD,
  };
}
