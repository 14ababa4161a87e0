import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLD } from './compare.ts';
import { applyQualifiers } from './qualifiers.ts';
import { buildIndex, type ListEntry, screen } from './screen.ts';

// A made-up list: every name here is invented for the tests.
const LIST: ListEntry[] = [
  {
    ref: 'XXi.001',
    source: 'test',
    type: 'person',
    names: [
      { text: 'Yusuf Abd al-Karim HADDAD' },
      { text: 'Abu Karim', quality: 'low' },
      { text: 'يوسف عبد الكريم حداد', script: 'Arabic' },
    ],
    birthDates: ['1965-04-02'],
    nationalities: ['SYR'],
    gender: 'male',
    documents: [{ type: 'passport', number: 'N 0123 4567', country: 'SYR' }],
  },
  {
    ref: 'XXi.002',
    source: 'test',
    type: 'person',
    names: [{ text: 'Ivan Petrovich SIDORENKO' }, { text: 'Иван Петрович Сидоренко' }],
    birthDates: [{ from: '1958', to: '1961' }],
    gender: 'male',
  },
  { ref: 'XXi.003', source: 'test', type: 'person', names: [{ text: 'Karim HADDAD' }], birthDates: ['1980'] },
  {
    ref: 'XXe.001',
    source: 'test',
    type: 'organization',
    names: [{ text: 'Blue Heron General Trading LLC' }, { text: 'Blue Heron Trading FZE' }],
  },
  {
    ref: 'XXe.002',
    source: 'test',
    type: 'organization',
    names: [{ text: 'Al Noor General Trading Company' }],
  },
  { ref: 'XXv.001', source: 'test', type: 'vessel', names: [{ text: 'OCEAN STAR 1' }] },
];
const index = buildIndex(LIST);

const refs = (results: { ref: string }[]) => results.map((r) => r.ref);

describe('screen', () => {
  it('finds listed people under variants, reordering, dropped parts, typos and other scripts', () => {
    for (const name of [
      'Youssef Abdelkarim Haddad',
      'HADDAD, Yusuf',
      'Yusef Abdul Karim Hadad',
      'Yusuf Abd al-Karim Haddda',
      'Юсуф Хаддад',
      'يوسف حداد',
    ]) {
      expect(refs(screen(index, { name, type: 'person' })), name).toContain('XXi.001');
    }
    expect(refs(screen(index, 'Sidorenko Ivan'))[0]).toBe('XXi.002');
    expect(refs(screen(index, 'Иван Сидоренко'))[0]).toBe('XXi.002');
  });

  it('orders results by score and honours threshold and limit', () => {
    const results = screen(index, { name: 'Karim Haddad' }, { threshold: 0.3 });
    expect(results[0]!.ref).toBe('XXi.003');
    for (let i = 1; i < results.length; i++)
      expect(results[i - 1]!.score).toBeGreaterThanOrEqual(results[i]!.score);
    expect(screen(index, { name: 'Karim Haddad' }, { threshold: 0.3, limit: 1 })).toHaveLength(1);
    expect(screen(index, { name: 'Karim Haddad' }, { threshold: 0.99 }).every((r) => r.score >= 0.99)).toBe(
      true,
    );
  });

  it('treats a low-quality alias as weak evidence', () => {
    const [hit] = screen(index, { name: 'Abu Karim', type: 'person' }, { threshold: 0.5 });
    expect(hit?.ref).toBe('XXi.001');
    expect(hit?.matchedQuality).toBe('low');
    expect(hit!.score).toBeLessThan(1);
    expect(hit!.explanation.join('\n')).toContain('low-quality alias');
  });

  it('does not flag a generic company name against other generic ones', () => {
    expect(screen(index, { name: 'General Trading Company Ltd', type: 'organization' })).toEqual([]);
    expect(refs(screen(index, { name: 'Blue Heron Trading', type: 'organization' }))).toEqual(['XXe.001']);
  });

  it('kills a vessel match on a differing number', () => {
    expect(screen(index, { name: 'MV Ocean Star 2', type: 'vessel' })).toEqual([]);
    expect(refs(screen(index, { name: 'M/V Ocean Star 1', type: 'vessel' }))).toEqual(['XXv.001']);
  });

  it('explains each result with the matched name, parts and final score', () => {
    const [hit] = screen(index, { name: 'Youssef Haddad', birthDate: '1965' });
    expect(hit?.matchedName).toBe('Yusuf Abd al-Karim HADDAD');
    const text = hit!.explanation.join('\n');
    expect(text).toContain('"haddad" = "haddad" (exact)');
    expect(text).toContain('Birth date 1965');
    expect(text).toMatch(/Final score \d\.\d\d \(threshold 0\.80\)/);
  });
});

describe('qualifiers', () => {
  const base = (name: string) => screen(index, { name, type: 'person' }, { threshold: 0 })[0]!;

  it('a conflicting birth year lowers the score, an agreeing one raises it', () => {
    const plain = base('Ivan Sidorenko').score;
    const conflicting = screen(index, { name: 'Ivan Sidorenko', birthDate: '1975' }, { threshold: 0 })[0]!;
    const agreeing = screen(index, { name: 'Ivan Sidorenko', birthDate: '1960-07-01' }, { threshold: 0 })[0]!;
    expect(conflicting.ref).toBe('XXi.002');
    expect(conflicting.score).toBeLessThan(plain);
    expect(conflicting.explanation.join('\n')).toContain('conflicts');
    expect(agreeing.score).toBeGreaterThan(plain);
  });

  it('an exact birth date counts more than a year', () => {
    const day = applyQualifiers(0.8, { birthDate: '1965-04-02' }, { birthDates: ['1965-04-02'] }).score;
    const year = applyQualifiers(0.8, { birthDate: '1965' }, { birthDates: ['1965-04-02'] }).score;
    expect(day).toBeGreaterThan(year);
    expect(year).toBeGreaterThan(0.8);
    expect(
      applyQualifiers(0.8, { birthDate: '1965-04-03' }, { birthDates: ['1965-04-02'] }).score,
    ).toBeLessThan(0.8);
  });

  it('nationality and gender agree or conflict', () => {
    expect(applyQualifiers(0.8, { nationality: 'SYR' }, { nationalities: ['SYR'] }).score).toBeGreaterThan(
      0.8,
    );
    expect(applyQualifiers(0.8, { nationality: 'IRQ' }, { nationalities: ['SYR'] }).score).toBeLessThan(0.8);
    expect(applyQualifiers(0.8, { gender: 'female' }, { gender: 'male' }).score).toBeLessThan(0.8);
  });

  it('does not let agreeing facts lift a weak name match', () => {
    expect(applyQualifiers(0.3, { birthDate: '1965-04-02' }, { birthDates: ['1965-04-02'] }).score).toBe(0.3);
  });

  it('an identical document number is decisive', () => {
    const [hit] = screen(index, { name: 'Y. Hadad', documents: ['n01234567'] });
    expect(hit?.ref).toBe('XXi.001');
    expect(hit?.score).toBe(1);
    expect(hit!.explanation.join('\n')).toContain('decisive');
    // Even when the name alone would not have been found.
    const [byDoc] = screen(index, { name: 'Someone Else Entirely', documents: ['N-0123-4567'] });
    expect(byDoc?.ref).toBe('XXi.001');
    expect(byDoc?.score).toBe(1);
  });

  it('uses the default threshold when none is given', () => {
    expect(screen(index, 'Karim Haddad').every((r) => r.score >= DEFAULT_THRESHOLD)).toBe(true);
  });
});

describe('names that are also JavaScript property names', () => {
  it('screens "Constructor W.L.", "__proto__" and "toString" without failing', async () => {
    const { buildIndex, screen } = await import('./index.ts');
    const index = buildIndex([
      { ref: 'X1', source: 'test', type: 'organization', names: [{ text: 'Constructor Holdings Ltd' }] },
    ]);
    for (const name of ['CONSTRUCTOR W.L.', '__proto__', 'toString valueOf', 'hasOwnProperty Co']) {
      expect(() => screen(index, { name, type: 'any' })).not.toThrow();
      expect(() => screen(index, { name: `${name} constructor`, type: 'person' })).not.toThrow();
    }
  });
});
