import { inventoryCountry } from '../../../../reference/countries/inventory-countries.ts';
import { ITEM_CONDITIONS, MATERIEL_CATEGORIES, type MarkingScript, normaliseCalibre } from '../../vocab.ts';
import { weaponContentHash, weaponNaturalKey } from '../identity.ts';
import { normaliseMarkingText, normaliseSerial } from '../serial.ts';
import type { ItemField } from './fields.ts';

export interface RowIssue {
  row: number;
  /** The column as the file names it (its header), or the field when the value came from a default. */
  column: string;
  value: string;
  message: string;
}

export interface WeaponCandidate {
  row: number;
  category: string;
  make: string | null;
  model: string | null;
  calibre: string | null;
  serialRaw: string | null;
  serialNormalised: string | null;
  serialKey: string | null;
  countryOfManufacture: string | null;
  yearOfManufacture: number | null;
  importCountry: string | null;
  importYear: number | null;
  nationalRegistrationNumber: string | null;
  condition: string;
  site: string | null;
  holder: string | null;
  markings: { text: string; normalised: string; script: MarkingScript }[];
  notes: string | null;
  naturalKey: string;
  contentHash: string;
}

export interface RowContext {
  rowNumber: number;
  /** field -> raw cell text (already trimmed; absent when the column is not mapped). */
  values: Partial<Record<ItemField, string>>;
  /** field -> the header it was read from, for messages. */
  headers: Partial<Record<ItemField, string>>;
  defaults: Partial<Record<ItemField, string>>;
  currentYear: number;
}

/** Cells that mean "no serial could be read" in the inventories seen in the field. */
const NO_SERIAL = new Set([
  '',
  '-',
  '--',
  '?',
  'NONE',
  'NIL',
  'NA',
  'N/A',
  'N.A.',
  'ILLEGIBLE',
  'UNREADABLE',
  'NO SERIAL',
  'NEANT',
  'NÉANT',
  'SANS',
  'SANS NUMERO',
  'SANS NUMÉRO',
  'ILLISIBLE',
  'INCONNU',
  'UNKNOWN',
  'НЕТ',
]);

function scriptOf(text: string): MarkingScript {
  if (/\p{Script=Cyrillic}/u.test(text)) return 'cyrillic';
  if (/\p{Script=Arabic}/u.test(text)) return 'arabic';
  if (/\p{Script=Han}/u.test(text)) return 'chinese';
  if (/\p{Script=Latin}|\d/u.test(text)) return 'latin';
  return 'other';
}

function parseYear(text: string): number | null {
  // Excel hands years over as numbers ("1985" or "1985.0"); dates too ("1985-01-01").
  const m = /^(\d{4})(?:\.0+|-\d{2}-\d{2})?$/.exec(text.trim());
  return m ? Number(m[1]) : null;
}

/** The cell of a field, or the mapping's default for it; undefined when both are blank. */
function fieldValue(ctx: RowContext, field: ItemField): string | undefined {
  const v = ctx.values[field]?.trim();
  return v ? v : ctx.defaults[field]?.trim() || undefined;
}

// Module-level helpers rather than closures inside validateWeaponRow: it runs once per row of a
// million-row inventory, and closures made on every call cost more than the checks themselves.
function fail(ctx: RowContext, issues: RowIssue[], field: ItemField, value: string, message: string): void {
  issues.push({ row: ctx.rowNumber, column: ctx.headers[field] ?? field, value, message });
}

function yearOf(
  ctx: RowContext,
  issues: RowIssue[],
  field: 'year_of_manufacture' | 'import_year',
): number | null {
  const text = fieldValue(ctx, field);
  if (!text) return null;
  const year = parseYear(text);
  if (year === null) fail(ctx, issues, field, text, 'Give the year as four digits, e.g. 1985.');
  else if (year < 1800 || year > ctx.currentYear)
    fail(ctx, issues, field, text, `The year must be between 1800 and ${ctx.currentYear}.`);
  else return year;
  return null;
}

function countryOf(
  ctx: RowContext,
  issues: RowIssue[],
  field: 'country_of_manufacture' | 'import_country',
): string | null {
  const text = fieldValue(ctx, field);
  if (!text) return null;
  const iso3 = inventoryCountry(text);
  if (!iso3)
    fail(
      ctx,
      issues,
      field,
      text,
      'Unknown country. Use an ISO 3166-1 alpha-3 code (e.g. RUS, CHN) or the country name.',
    );
  return iso3;
}

/**
 * Turns one spreadsheet row into a weapon to register, or into issues naming the row, column,
 * value and reason. Pure: the same row always gives the same answer, so imports are repeatable.
 */
export function validateWeaponRow(ctx: RowContext): { candidate: WeaponCandidate } | { issues: RowIssue[] } {
  const issues: RowIssue[] = [];

  const categoryText = fieldValue(ctx, 'category');
  let category: string | undefined;
  if (!categoryText)
    fail(
      ctx,
      issues,
      'category',
      '',
      'The category is missing (e.g. "assault rifles"). Add it, or set a default in the mapping.',
    );
  else {
    const entry = MATERIEL_CATEGORIES.find(categoryText);
    if (!entry)
      fail(
        ctx,
        issues,
        'category',
        categoryText,
        `Unknown category. Use a code or label from "materiel vocab categories", e.g. assault_rifles.`,
      );
    else if (entry.trackedBy === 'lot')
      fail(
        ctx,
        issues,
        'category',
        categoryText,
        'Ammunition is registered by lot, not in a weapons inventory.',
      );
    else category = entry.code;
  }

  const serialText = fieldValue(ctx, 'serial');
  const serial = serialText && !NO_SERIAL.has(serialText.toUpperCase()) ? normaliseSerial(serialText) : null;
  if (serial && !serial.normalised)
    fail(ctx, issues, 'serial', serialText!, 'The serial has no letter or digit.');
  // A serial with no readable character ("*****", ground off) says nothing about which weapon it is:
  // as an identity it would make every such weapon of a model the same one.
  const readableSerial = serial && /[^?]/u.test(serial.normalised) ? serial : null;

  const yearOfManufacture = yearOf(ctx, issues, 'year_of_manufacture');
  const importYear = yearOf(ctx, issues, 'import_year');
  if (yearOfManufacture && importYear && importYear < yearOfManufacture) {
    fail(
      ctx,
      issues,
      'import_year',
      String(importYear),
      'The import year is before the year of manufacture.',
    );
  }
  const countryOfManufacture = countryOf(ctx, issues, 'country_of_manufacture');
  const importCountry = countryOf(ctx, issues, 'import_country');

  const conditionText = fieldValue(ctx, 'condition');
  let condition = 'unknown';
  if (conditionText) {
    const c = ITEM_CONDITIONS.parse(conditionText);
    if (!c)
      fail(
        ctx,
        issues,
        'condition',
        conditionText,
        `Unknown condition. Use one of: ${ITEM_CONDITIONS.codes.join(', ')}.`,
      );
    else condition = c;
  }

  const markings = (fieldValue(ctx, 'markings') ?? '')
    .split(/[;|\n]/)
    .map((m) => m.trim())
    .filter(Boolean)
    .map((text) => ({ text, normalised: normaliseMarkingText(text), script: scriptOf(text) }));

  const make = fieldValue(ctx, 'make') ?? null;
  const model = fieldValue(ctx, 'model') ?? null;
  const calibreText = fieldValue(ctx, 'calibre');
  const nationalRegistrationNumber = fieldValue(ctx, 'national_registration_number') ?? null;
  const identity = {
    category: category ?? '',
    make,
    model,
    calibre: calibreText ? normaliseCalibre(calibreText) : null,
    serialNormalised: readableSerial?.normalised ?? null,
    countryOfManufacture,
    yearOfManufacture,
    importCountry,
    importYear,
    nationalRegistrationNumber,
    condition,
    markings: markings.map((m) => m.normalised),
  };
  const naturalKey = weaponNaturalKey(identity);
  if (!naturalKey) {
    fail(
      ctx,
      issues,
      'serial',
      serialText ?? '',
      'Neither a serial number nor a national registration number: the weapon cannot be identified. Give one of them.',
    );
  }
  if (issues.length) return { issues };
  return {
    candidate: {
      row: ctx.rowNumber,
      category: category!,
      make,
      model,
      calibre: identity.calibre,
      serialRaw: serial ? serialText! : null,
      serialNormalised: identity.serialNormalised,
      serialKey: readableSerial?.matchKey ?? null,
      countryOfManufacture,
      yearOfManufacture,
      importCountry,
      importYear,
      nationalRegistrationNumber,
      condition,
      site: fieldValue(ctx, 'site') ?? null,
      holder: fieldValue(ctx, 'holder') ?? null,
      markings,
      notes: fieldValue(ctx, 'notes') ?? null,
      naturalKey: naturalKey!,
      contentHash: weaponContentHash(identity),
    },
  };
}
