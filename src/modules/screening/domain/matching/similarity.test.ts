import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { editDistance, letterCountBound } from './similarity.ts';

/** The textbook optimal-string-alignment distance, as the reference. */
function reference(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

// Names: mostly a few letters (so that words are often close), sometimes any character.
const word = fc.oneof(
  fc.string({ unit: fc.constantFrom('a', 'b', 'd', 'h', 'm', 'o', 'u'), maxLength: 12 }),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'grapheme', maxLength: 8 }),
);

describe('edit distance between name parts', () => {
  it('counts the usual slips: one letter added, dropped, replaced, or two swapped', () => {
    expect(editDistance('donald', 'donlad')).toBe(1);
    expect(editDistance('scholz', 'schloz')).toBe(1);
    expect(editDistance('muhammad', 'muhamad')).toBe(1);
    expect(editDistance('putin', 'potin')).toBe(1);
    expect(editDistance('kim', 'lee')).toBe(3);
  });

  it('equals the reference distance when unbounded (property)', () => {
    fc.assert(fc.property(word, word, (a, b) => editDistance(a, b) === reference(a, b)));
  });

  it('with a bound, is exact up to it and says "more" beyond it (property)', () => {
    fc.assert(
      fc.property(word, word, fc.integer({ min: 0, max: 4 }), (a, b, max) => {
        const exact = reference(a, b);
        const bounded = editDistance(a, b, max);
        return exact <= max ? bounded === exact : bounded === max + 1;
      }),
      { numRuns: 2000 },
    );
  });

  it('never lets the letter-count bound exceed the true distance (property)', () => {
    fc.assert(
      fc.property(word, word, (a, b) => letterCountBound(a, b) <= reference(a, b)),
      { numRuns: 2000 },
    );
  });
});
