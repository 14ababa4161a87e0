import { describe, expect, it } from 'vitest';
import en from './en.json';
import fr from './fr.json';

type Tree = { [key: string]: string | Tree };

/** Every leaf as [dotted key, value]. */
function leaves(tree: Tree, prefix = ''): [string, unknown][] {
  return Object.entries(tree).flatMap(([k, v]) =>
    v !== null && typeof v === 'object'
      ? leaves(v, `${prefix}${k}.`)
      : [[`${prefix}${k}`, v] as [string, unknown]],
  );
}

/** Placeholders such as {{name}} in a text, sorted. */
function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]!).sort();
}

const languages: Record<string, Tree> = { en, fr };

describe('translations', () => {
  const enKeys = leaves(en)
    .map(([k]) => k)
    .sort();

  it('has the same keys in every language', () => {
    for (const [lng, tree] of Object.entries(languages)) {
      const keys = leaves(tree)
        .map(([k]) => k)
        .sort();
      expect({ lng, missing: enKeys.filter((k) => !keys.includes(k)) }).toEqual({ lng, missing: [] });
      expect({ lng, extra: keys.filter((k) => !enKeys.includes(k)) }).toEqual({ lng, extra: [] });
    }
  });

  it('has no empty or non-text values', () => {
    for (const [lng, tree] of Object.entries(languages)) {
      const empty = leaves(tree)
        .filter(([, v]) => typeof v !== 'string' || v.trim() === '')
        .map(([k]) => k);
      expect({ lng, empty }).toEqual({ lng, empty: [] });
    }
  });

  it('uses the same placeholders as English in every text', () => {
    const enValues = new Map(leaves(en));
    for (const [lng, tree] of Object.entries(languages)) {
      const wrong = leaves(tree)
        .filter(
          ([k, v]) => placeholders(String(v)).join() !== placeholders(String(enValues.get(k) ?? '')).join(),
        )
        .map(([k]) => k);
      expect({ lng, wrong }).toEqual({ lng, wrong: [] });
    }
  });
});
