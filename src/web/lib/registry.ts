import { createContext, useCallback, useContext } from 'react';
import { useTranslation } from 'react-i18next';
import type { RegistryVocabulary, Site, VocabItem } from '../api/client.ts';

export type VocabName = keyof RegistryVocabulary;

export interface RegistryContextValue {
  vocab: RegistryVocabulary;
  organisationId: string;
  organisationName: string;
  /** May register weapons and lots, import, record events (registry.write in the active organisation). */
  canWrite: boolean;
  sites: Site[];
  reloadSites: () => void;
}

export const RegistryContext = createContext<RegistryContextValue | null>(null);

/** For pages under /registry: the vocabularies, the organisation, its sites and what the user may do. */
export function useRegistry(): RegistryContextValue {
  const ctx = useContext(RegistryContext);
  if (!ctx) throw new Error('useRegistry is only available inside the registry layout.');
  return ctx;
}

/** The label of a vocabulary entry in the reader's language. */
export function itemLabel(item: VocabItem, language: string): string {
  return language.startsWith('fr') ? item.labelFr : item.label;
}

/** `label('categories', 'assault_rifles')` gives "Assault rifles" or "Fusils d'assaut"; unknown codes are shown as they are. */
export function useVocabLabel(): (list: VocabName, code: string | null | undefined) => string {
  const { vocab } = useRegistry();
  const { i18n } = useTranslation();
  const language = i18n.language;
  return useCallback(
    (list: VocabName, code: string | null | undefined) => {
      if (!code) return '';
      const item = (vocab[list] as VocabItem[]).find((e) => e.code === code);
      return item ? itemLabel(item, language) : code;
    },
    [vocab, language],
  );
}

/** Vocabulary entries as select options, in list order. */
export function useVocabOptions(): (list: VocabName) => { value: string; label: string }[] {
  const { vocab } = useRegistry();
  const { i18n } = useTranslation();
  return (list) =>
    (vocab[list] as VocabItem[]).map((item) => ({ value: item.code, label: itemLabel(item, i18n.language) }));
}

/** How a weapon is named in headings and lists: make and model, else nothing. */
export function weaponName(w: { make: string | null; model: string | null }): string {
  return [w.make, w.model].filter(Boolean).join(' ');
}

export function formatBytes(bytes: number, language: string): string {
  const units = ['B', 'kB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${new Intl.NumberFormat(language.startsWith('fr') ? 'fr-FR' : 'en-GB', { maximumFractionDigits: digits }).format(value)} ${units[unit]}`;
}

/** Removes empty strings (and whitespace-only ones) so optional API fields are left out, not sent empty. */
export function compact<T extends Record<string, unknown>>(values: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(values)) {
    if (typeof v === 'string' && v.trim() === '') continue;
    if (v === undefined || v === null) continue;
    out[k as keyof T] = (typeof v === 'string' ? v.trim() : v) as T[keyof T];
  }
  return out;
}

const SCRIPT_TESTS: [string, RegExp][] = [
  ['cyrillic', /\p{Script=Cyrillic}/u],
  ['arabic', /\p{Script=Arabic}/u],
  ['chinese', /\p{Script=Han}/u],
];

/**
 * The non-Latin characters of a serial or marking, by script: Cyrillic letters that look Latin and
 * Arabic-Indic digits are easy to miss on screen, so the weapon page names them.
 */
export function nonLatinCharacters(text: string): { script: string; chars: string[] }[] {
  const found = new Map<string, Set<string>>();
  for (const ch of text) {
    const script =
      SCRIPT_TESTS.find(([, re]) => re.test(ch))?.[0] ??
      (/[^\p{ASCII}]/u.test(ch) && /[\p{L}\p{N}]/u.test(ch) ? 'other' : null);
    if (!script) continue;
    if (!found.has(script)) found.set(script, new Set());
    found.get(script)!.add(ch);
  }
  return [...found].map(([script, chars]) => ({ script, chars: [...chars] }));
}

/** Whether normalisation changed more than case and separators (look-alikes, other scripts). */
export function normalisedDiffers(raw: string, normalised: string): boolean {
  return raw.toUpperCase().replace(/[^\p{L}\p{N}?]/gu, '') !== normalised;
}

/** Column letters (A, B, ... AA) as spreadsheets show them. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}
