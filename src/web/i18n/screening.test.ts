import { describe, expect, it } from 'vitest';
import en from './screening.en.json';
import fr from './screening.fr.json';

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([k, v]) =>
    typeof v === 'object' ? leaves(v, `${prefix}${k}.`) : [[`${prefix}${k}`, v] as [string, string]],
  );
}

const placeholders = (text: string) =>
  [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)]
    .map((m) => m[1]!)
    .sort()
    .join();

describe('screening translations', () => {
  it('have the same keys, non-empty texts and the same placeholders in English and French', () => {
    const enLeaves = new Map(leaves(en));
    const frLeaves = new Map(leaves(fr));
    expect([...frLeaves.keys()].sort()).toEqual([...enLeaves.keys()].sort());
    for (const [key, value] of frLeaves) {
      expect({ key, empty: value.trim() === '' }).toEqual({ key, empty: false });
      expect({ key, placeholders: placeholders(value) }).toEqual({
        key,
        placeholders: placeholders(enLeaves.get(key) ?? ''),
      });
    }
  });
});
