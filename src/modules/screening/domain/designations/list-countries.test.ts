import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { countryToIso3 } from '../../../../reference/countries/countries.ts';
import { parseOfacSdnCsv } from './ofac-csv.ts';
import { parseUnConsolidatedXml } from './un-xml.ts';

// The country reference data must cover every country the designations lists name; this lives with
// the list parsers because reference data may not depend on a module.
const ROOT = fileURLToPath(new URL('../../../../../', import.meta.url));
const SHARED = path.join(ROOT, '..', 'shared', 'data');
const HAS_SHARED = fs.existsSync(SHARED);
if (!HAS_SHARED) {
  console.warn(
    `countries: skipping the checks against every country name in the full lists: ${SHARED} is absent.`,
  );
}

describe.skipIf(!HAS_SHARED)('every country name in the full lists (../shared/data)', () => {
  it('maps every nationality and country of the three UN lists, except former states', () => {
    const seen = new Map<string, string | null>();
    for (const file of [
      'consolidated-2018-08-24.xml',
      'consolidated-2018-10-29.xml',
      'consolidated-2020-03-20.xml',
    ]) {
      const text = fs.readFileSync(path.join(SHARED, 'un-sc-consolidated', file), 'utf8');
      for (const d of parseUnConsolidatedXml(text).designations) {
        for (const n of d.nationalities) seen.set(n.raw, n.iso3);
        for (const p of [...d.addresses, ...d.birthPlaces])
          if (p.country) seen.set(p.country, p.countryIso3 ?? null);
        for (const doc of d.documents) if (doc.country) seen.set(doc.country, doc.countryIso3 ?? null);
        for (const a of d.aliases)
          if (a.countryOfBirth) seen.set(a.countryOfBirth, countryToIso3(a.countryOfBirth));
      }
    }
    const unmapped = [...seen].filter(([, iso3]) => iso3 === null).map(([raw]) => raw);
    console.info(`UN lists: ${seen.size} distinct country values; not mapped: ${JSON.stringify(unmapped)}`);
    expect(seen.size).toBeGreaterThan(100);
    expect(unmapped).toEqual(['USSR (until 1991)']);
  });

  it('maps every nationality, citizenship and vessel flag of the OFAC list', () => {
    const text = fs.readFileSync(path.join(SHARED, 'ofac', 'sdn-2024-05-03.csv'), 'utf8');
    const seen = new Map<string, string | null>();
    for (const d of parseOfacSdnCsv(text, '2024-05-03').designations) {
      for (const n of d.nationalities) seen.set(n.raw, n.iso3);
      if (d.vessel?.flag) seen.set(d.vessel.flag, d.vessel.flagIso3 ?? null);
    }
    const unmapped = [...seen].filter(([, iso3]) => iso3 === null).map(([raw]) => raw);
    console.info(`OFAC list: ${seen.size} distinct country values; not mapped: ${JSON.stringify(unmapped)}`);
    expect(unmapped).toEqual(['None Identified']); // a vessel flag: no country, rightly
  });
});
