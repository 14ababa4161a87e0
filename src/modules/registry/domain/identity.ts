import crypto from 'node:crypto';
import { rememberAnswers } from '../../../reference/remember-answers.ts';
import { normaliseSerialText } from './serial.ts';

/** Fields that identify a weapon and make up its registered description. */
export interface WeaponIdentityInput {
  category: string;
  make?: string | null;
  model?: string | null;
  calibre?: string | null;
  serialNormalised?: string | null;
  countryOfManufacture?: string | null;
  yearOfManufacture?: number | null;
  importCountry?: string | null;
  importYear?: number | null;
  nationalRegistrationNumber?: string | null;
  condition?: string | null;
  markings?: readonly string[];
}

/** Case, accents and spacing do not distinguish makes or models ("Norinco", "NORINCO ", "norinco"). */
function nameKey(text: string | null | undefined): string {
  return text ? rememberedNameKey(text) : '';
}

const rememberedNameKey = rememberAnswers((text: string) =>
  text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .replace(/[^\p{L}\p{N}]+/gu, ''),
);

/**
 * A weapon's identity within its organisation (M2): make + model + normalised serial when a serial
 * was read, otherwise the national registration number. Null when neither exists: such a weapon
 * needs a national marking code before it can be registered by import.
 */
export function weaponNaturalKey(w: WeaponIdentityInput): string | null {
  if (w.serialNormalised) return `s:${nameKey(w.make)}|${nameKey(w.model)}|${w.serialNormalised}`;
  if (w.nationalRegistrationNumber) return `r:${normaliseSerialText(w.nationalRegistrationNumber)}`;
  return null;
}

/** Hash of the registered description: equal hashes mean a re-imported row changes nothing. */
export function weaponContentHash(w: WeaponIdentityInput): string {
  const parts = [
    w.category,
    nameKey(w.make),
    nameKey(w.model),
    w.calibre ?? '',
    w.serialNormalised ?? '',
    w.countryOfManufacture ?? '',
    w.yearOfManufacture ?? '',
    w.importCountry ?? '',
    w.importYear ?? '',
    w.nationalRegistrationNumber ?? '',
    w.condition ?? '',
    ...(w.markings ?? []),
  ];
  // crypto.hash hashes a string in one call, without a Hash object per row (a million in an import).
  return crypto.hash('sha256', parts.join('\u001f'), 'hex').slice(0, 32);
}
