/**
 * Facts other than the name that confirm or contradict a match: birth date, nationality, gender and
 * identity documents. Agreement lifts a name score part of the way to 1; a conflict scales it down.
 * An identical identity document number settles the question by itself.
 */

/** "1970", "1970-05" or "1970-05-31"; or a range between two such values. */
export type BirthDate = string | { from: string; to: string };

export type Gender = 'male' | 'female';

export interface IdentityDocument {
  number: string;
  type?: string;
  country?: string;
}

export interface PartyFacts {
  birthDates?: BirthDate[];
  nationalities?: string[];
  gender?: Gender;
  documents?: IdentityDocument[];
}

export interface QueryFacts {
  birthDate?: BirthDate;
  nationality?: string;
  gender?: Gender;
  documents?: string[];
}

export interface QualifierOutcome {
  score: number;
  /** An identical document number: the match is certain whatever the name score. */
  decisive: boolean;
  notes: string[];
}

/** Bonuses lift the score by this share of what it lacks to 1; penalties multiply it. */
const BONUS = { exactDate: 0.3, yearOrRange: 0.15, nationality: 0.15, gender: 0.05 };
const PENALTY = { date: 0.7, nearDate: 0.9, nationality: 0.85, gender: 0.7 };
/** Below this name score, agreeing facts are not allowed to lift a weak name match. */
const BONUS_FLOOR = 0.5;

interface Interval {
  start: string;
  end: string;
  precision: 'day' | 'month' | 'year' | 'range';
  label: string;
}

const DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

function lastDayOfMonth(year: number, month: number): string {
  return String(new Date(Date.UTC(year, month, 0)).getUTCDate()).padStart(2, '0');
}

function bounds(
  value: string,
): { start: string; end: string; precision: 'day' | 'month' | 'year' } | undefined {
  const m = DATE.exec(value.trim());
  if (!m) return undefined;
  const [, y, mo, d] = m;
  if (d) return { start: `${y}-${mo}-${d}`, end: `${y}-${mo}-${d}`, precision: 'day' };
  if (mo)
    return {
      start: `${y}-${mo}-01`,
      end: `${y}-${mo}-${lastDayOfMonth(Number(y), Number(mo))}`,
      precision: 'month',
    };
  return { start: `${y}-01-01`, end: `${y}-12-31`, precision: 'year' };
}

function interval(date: BirthDate): Interval | undefined {
  if (typeof date === 'string') {
    const b = bounds(date);
    return b ? { ...b, label: date } : undefined;
  }
  const from = bounds(date.from);
  const to = bounds(date.to);
  if (!from || !to) return undefined;
  return { start: from.start, end: to.end, precision: 'range', label: `${date.from} to ${date.to}` };
}

function yearOf(iso: string): number {
  return Number(iso.slice(0, 4));
}

type DateVerdict = 'exact' | 'agree' | 'near' | 'conflict';

function compareDates(query: Interval, listed: Interval): DateVerdict {
  if (query.precision === 'day' && listed.precision === 'day') {
    if (query.start === listed.start) return 'exact';
    return yearOf(query.start) === yearOf(listed.start) ? 'near' : 'conflict';
  }
  if (query.start <= listed.end && listed.start <= query.end) return 'agree';
  // One year out is a common recording error (an age converted to a year of birth).
  const gap = Math.min(
    Math.abs(yearOf(query.start) - yearOf(listed.end)),
    Math.abs(yearOf(listed.start) - yearOf(query.end)),
  );
  return gap <= 1 ? 'near' : 'conflict';
}

const RANK: Record<DateVerdict, number> = { exact: 3, agree: 2, near: 1, conflict: 0 };

/** Document numbers compare without spaces, dashes or case. */
export function normaliseDocumentNumber(value: string): string {
  return value.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

function normaliseCountry(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .replace(/[^A-Z]/g, '');
}

/** Applies the facts known on both sides to a name score. */
export function applyQualifiers(nameScore: number, query: QueryFacts, listed: PartyFacts): QualifierOutcome {
  const notes: string[] = [];
  const docs = (query.documents ?? []).map(normaliseDocumentNumber).filter((d) => d.length >= 4);
  for (const doc of listed.documents ?? []) {
    if (docs.includes(normaliseDocumentNumber(doc.number))) {
      notes.push(
        `Identity document ${doc.type ? `(${doc.type}) ` : ''}${doc.number} is identical: decisive, score 1.00.`,
      );
      return { score: 1, decisive: true, notes };
    }
  }

  let score = nameScore;
  const lift = (share: number, why: string) => {
    if (nameScore < BONUS_FLOOR) {
      notes.push(`${why} (agrees, but the name match is too weak for it to count).`);
      return;
    }
    score += (1 - score) * share;
    notes.push(`${why}: agrees, score raised to ${score.toFixed(2)}.`);
  };
  const lower = (factor: number, why: string) => {
    score *= factor;
    notes.push(`${why}: conflicts, score multiplied by ${factor} to ${score.toFixed(2)}.`);
  };

  const q = query.birthDate ? interval(query.birthDate) : undefined;
  const listedDates = (listed.birthDates ?? []).map(interval).filter((d): d is Interval => d !== undefined);
  if (q && listedDates.length > 0) {
    let best: { verdict: DateVerdict; date: Interval } | undefined;
    for (const d of listedDates) {
      const verdict = compareDates(q, d);
      if (!best || RANK[verdict] > RANK[best.verdict]) best = { verdict, date: d };
    }
    const why = `Birth date ${q.label} vs listed ${listedDates.map((d) => d.label).join(', ')}`;
    if (best!.verdict === 'exact') lift(BONUS.exactDate, `${why} (same day)`);
    else if (best!.verdict === 'agree') lift(BONUS.yearOrRange, `${why} (compatible)`);
    else if (best!.verdict === 'near') lower(PENALTY.nearDate, `${why} (close but not equal)`);
    else lower(PENALTY.date, why);
  }

  const listedCountries = (listed.nationalities ?? []).map(normaliseCountry).filter(Boolean);
  if (query.nationality && listedCountries.length > 0) {
    const why = `Nationality ${query.nationality} vs listed ${(listed.nationalities ?? []).join(', ')}`;
    if (listedCountries.includes(normaliseCountry(query.nationality))) lift(BONUS.nationality, why);
    else lower(PENALTY.nationality, why);
  }

  if (query.gender && listed.gender) {
    const why = `Gender ${query.gender} vs listed ${listed.gender}`;
    if (query.gender === listed.gender) lift(BONUS.gender, why);
    else lower(PENALTY.gender, why);
  }
  return { score: Math.min(1, Math.max(0, score)), decisive: false, notes };
}
