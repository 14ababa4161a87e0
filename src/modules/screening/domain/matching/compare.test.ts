import { describe, expect, it } from 'vitest';
import { compareNames, DEFAULT_THRESHOLD } from './compare.ts';

// Made-up names (or public figures' names used as plain examples), none from the name-bench file.
const person = (a: string, b: string) => compareNames(a, b, { type: 'person' }).score;
const org = (a: string, b: string) => compareNames(a, b, { type: 'organization' }).score;
const vessel = (a: string, b: string) => compareNames(a, b, { type: 'vessel' }).score;

describe('compareNames finds the same person', () => {
  it.each([
    ['Youssef Abdelrahman Haddad', "Yusuf 'Abd al-Rahman Hadad"],
    ['Mohamed Ould Salem', 'Muhammad Ould Salem'],
    ['Mokhtar Ibn Khalil', 'Mukhtar bin Khalil'],
    ['Evgeniy Sokolov', 'Yevgeny Sokolov'],
    ['Nikolay Zhukov', 'Nikolai Joukov'],
    ['Gennadiy Kuznetsov', 'Gennadii Kuznetsov'],
  ])('under transliteration variants: %s / %s', (a, b) => {
    expect(person(a, b)).toBeGreaterThanOrEqual(DEFAULT_THRESHOLD);
  });

  it.each([
    ['Haddad Karim Nabil', 'Karim Nabil Haddad'],
    ['OKONKWO, Chidi Emeka', 'Chidi Emeka Okonkwo'],
    ['Tanaka Hiroshi', 'Hiroshi Tanaka'],
  ])('with its parts reordered: %s / %s', (a, b) => {
    expect(person(a, b)).toBeGreaterThanOrEqual(0.9);
  });

  it.each([
    ['Ivan Petrovich Sidorenko', 'Ivan Sidorenko'],
    ['Karim Nabil Yusuf Haddad', 'Karim Haddad'],
    ['Maria Fernanda Lopez Garrido', 'Maria Lopez Garrido'],
  ])('with middle names dropped: %s / %s', (a, b) => {
    expect(person(a, b)).toBeGreaterThanOrEqual(DEFAULT_THRESHOLD);
  });

  it.each([
    ['Gregor Halvorsen', 'Gregor Halvorsan'],
    ['Gregor Halvorsen', 'Gregor Halvrosen'],
    ['Gregor Halvorsen', 'Gregorr Halvorsen'],
    ['Octavia Brennigan', 'Octavia Brenigan'],
  ])('with a one-letter typo: %s / %s', (a, b) => {
    expect(person(a, b)).toBeGreaterThanOrEqual(DEFAULT_THRESHOLD);
  });

  it.each([
    ['Иван Петрович Сидоренко', 'Ivan Petrovich Sidorenko'],
    ['Сидоренко Иван', 'Ivan Sidorenko'],
    ['يوسف حداد', 'Yousef Haddad'],
    ['محمد بن خليل', 'Mohammed bin Khalil'],
    ['王建国', 'Wang Jianguo'],
    ['Γιώργος Παπαδόπουλος', 'Giorgos Papadopoulos'],
  ])('written in its original script: %s / %s', (a, b) => {
    expect(person(a, b)).toBeGreaterThanOrEqual(DEFAULT_THRESHOLD);
  });
});

describe('compareNames keeps different people apart', () => {
  it.each([
    ['Karim Haddad', 'Nabil Haddad'],
    ['Gregor Halvorsen', 'Gregor Lindqvist'],
    ['Ivan Petrovich Sidorenko', 'Ivan Sergeyevich Sidorenko'],
    ['Hamid bin Khalil al-Farsi', 'Khalil bin Hamid al-Farsi'],
    ['Gregor H Lindqvist', 'Gregor K Lindqvist'],
  ])('%s / %s', (a, b) => {
    expect(person(a, b)).toBeLessThan(DEFAULT_THRESHOLD);
  });
});

describe('organisation names', () => {
  it('ignores legal forms', () => {
    expect(org('Blue Heron Trading Co., Ltd.', 'BLUE HERON TRADING COMPANY LIMITED')).toBeGreaterThanOrEqual(
      0.95,
    );
    expect(org('Blue Heron Joint Stock Company', 'JSC Blue Heron')).toBeGreaterThanOrEqual(0.95);
  });

  it('does not flag "General Trading Company Ltd" against other generic company names', () => {
    for (const other of [
      'International Trading Company',
      'General Trading LLC Dubai',
      'Al Noor General Trading Company',
      'Global General Trading Co.',
      'General Industries Ltd',
      'Trading Company General Services',
    ]) {
      expect(org('General Trading Company Ltd', other), other).toBeLessThan(DEFAULT_THRESHOLD);
    }
  });

  it('still matches the same generic name', () => {
    expect(org('General Trading Company Ltd', 'GENERAL TRADING CO. LIMITED')).toBeGreaterThanOrEqual(0.95);
  });

  it('needs a distinctive word in common', () => {
    expect(org('Blue Heron International Holdings', 'Red Falcon International Holdings')).toBeLessThan(0.5);
  });

  it('compares numbers strictly', () => {
    expect(org('Harbour Capital Fund 3', 'Harbour Capital Fund 4')).toBeLessThanOrEqual(0.2);
    expect(org('Harbour Capital Fund III', 'Harbour Capital Fund 3')).toBeGreaterThanOrEqual(0.95);
    expect(org('Brigade Forty-Two', 'Brigade 42')).toBeGreaterThanOrEqual(0.95);
  });
});

describe('vessel names', () => {
  it('kill the match when numbers differ', () => {
    expect(vessel('Ocean Star 1', 'Ocean Star 2')).toBeLessThanOrEqual(0.2);
    expect(vessel('Ocean Star 12', 'Ocean Star 21')).toBeLessThanOrEqual(0.2);
  });

  it('ignore type prefixes and keep equal numbers', () => {
    expect(vessel('MV Ocean Star 1', 'OCEAN STAR 1')).toBeGreaterThanOrEqual(0.95);
    expect(vessel('M/T Ocean Star', 'Ocean Star')).toBeGreaterThanOrEqual(0.95);
  });
});

describe('explanations', () => {
  it('say which parts matched how, which did not, and why the score', () => {
    const r = compareNames('Dr. Yusuf Karim HADDAD', 'Youssef Haddad', { type: 'person' });
    const text = r.explanation.join('\n');
    expect(text).toContain('"haddad" = "haddad" (exact)');
    expect(text).toMatch(
      /"yusuf" ~ "youssef" \((same name, another transliteration|known variant of the same name)/,
    );
    expect(text).toContain('Parts only in the first name');
    expect(text).toContain('"karim"');
    expect(text).toContain('Ignored: honorific "dr"');
    expect(text).toMatch(/Name score \d\.\d\d/);
    expect(r.details.pairs.map((p) => p.how)).toContain('exact');
    expect(r.score).toBeGreaterThan(0);
    expect(r.score).toBeLessThanOrEqual(1);
  });

  it('name conflicting parts, numbers and generic-only matches', () => {
    const conflict = compareNames('Karim Haddad', 'Nabil Haddad').explanation.join('\n');
    expect(conflict).toContain('Parts that differ on both sides');
    expect(compareNames('Ocean Star 1', 'Ocean Star 2', { type: 'vessel' }).explanation.join('\n')).toContain(
      'numbers differ (1 vs 2)',
    );
    expect(
      compareNames('General Trading Company Ltd', 'Al Noor General Trading', {
        type: 'organization',
      }).explanation.join('\n'),
    ).toContain('only generic words');
  });

  it('without a type, tell organisations and vessels by their numbers and words, and compare numbers strictly', () => {
    const vessels = compareNames('Ocean Star 1', 'Ocean Star 2');
    expect(vessels.score).toBeLessThanOrEqual(0.2);
    expect(vessels.explanation[0]).toBe(
      'No type given: compared as organisation names, because of the number 1 in "Ocean Star 1".',
    );
    expect(vessels.explanation.join('\n')).toContain('numbers differ (1 vs 2)');
    expect(compareNames('Ocean Star 1', 'Ocean Star I').score).toBeGreaterThanOrEqual(DEFAULT_THRESHOLD);
    expect(compareNames('Al Noor General Trading', 'General Trading Company Ltd').explanation[0]).toContain(
      'compared as organisation names, because of the word "general"',
    );
    const people = compareNames('Vladimir Putin', 'Putin Vladimir');
    expect(people.explanation[0]).toBe("No type given: compared as people's names.");
    expect(people.score).toBeGreaterThanOrEqual(DEFAULT_THRESHOLD);
  });

  it('gives phonetic and fuzzy similarities as percentages', () => {
    const text = compareNames('Gregor Halvorsen', 'Gregor Halvorsan').explanation.join('\n');
    expect(text).toMatch(/"halvorsen" ~ "halvorsan" \((sounds alike|similar spelling), \d+%\)/);
  });
});

describe('scores', () => {
  it('are in [0, 1] and symmetric enough to be used both ways', () => {
    const pairs: [string, string][] = [
      ['Karim Haddad', 'Haddad Karim'],
      ['Ivan Sidorenko', 'Иван Сидоренко'],
      ['Blue Heron', 'Blue Heron Trading'],
      ['', 'Karim'],
    ];
    for (const [a, b] of pairs) {
      const x = person(a, b);
      const y = person(b, a);
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThanOrEqual(1);
      expect(Math.abs(x - y)).toBeLessThan(0.05);
    }
  });
});
