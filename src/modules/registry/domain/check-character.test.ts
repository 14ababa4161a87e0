import { describe, expect, it } from 'vitest';
import { CHECK_ALPHABET, checkCharacter, hasValidCheckCharacter, QUASIGROUP } from './check-character.ts';

const SIZE = CHECK_ALPHABET.length;
const op = (x: number, y: number) => QUASIGROUP[x * SIZE + y]!;

describe('the quasigroup behind the check character', () => {
  it('is a Latin square: every row and column holds each of the 36 values once', () => {
    for (let x = 0; x < SIZE; x++) {
      const row = new Set<number>();
      const column = new Set<number>();
      for (let y = 0; y < SIZE; y++) {
        row.add(op(x, y));
        column.add(op(y, x));
      }
      expect(row.size).toBe(SIZE);
      expect(column.size).toBe(SIZE);
    }
  });

  it('is totally anti-symmetric, which is what catches every swap of neighbours (all 36³ triples)', () => {
    let counterexamples = 0;
    for (let c = 0; c < SIZE; c++) {
      for (let x = 0; x < SIZE; x++) {
        for (let y = 0; y < SIZE; y++) {
          if (x !== y && op(op(c, x), y) === op(op(c, y), x)) counterexamples++;
        }
      }
    }
    expect(counterexamples).toBe(0);
  });
});

describe('checkCharacter', () => {
  it('makes every payload valid once appended', () => {
    for (const payload of ['0', 'Z', 'SSD2024000123', 'CAF1999000001', 'ZZZZZZ']) {
      expect(hasValidCheckCharacter(payload + checkCharacter(payload))).toBe(true);
    }
  });

  it('is stable, so codes printed today still check tomorrow', () => {
    expect(checkCharacter('SSD2024000123')).toBe('C');
    expect(checkCharacter('COD2023000001')).toBe(checkCharacter('COD2023000001'));
  });

  it('refuses characters outside 0-9A-Z instead of computing something meaningless', () => {
    expect(() => checkCharacter('ssd-2024')).toThrow(/0-9 and A-Z/);
  });
});
