import type { BirthDate } from '../matching/qualifiers.ts';
import type { ListEntry } from '../matching/screen.ts';
import type { Designation } from './model.ts';

/**
 * A designation as the matcher indexes it: every name it is known by (primary, original script,
 * aliases with their quality), and the qualifiers that can confirm or contradict a match.
 * Aircraft are screened like organisations (by name and registration); vessels keep their type.
 */
export function toListEntry(d: Designation): ListEntry {
  const names: ListEntry['names'] = [{ text: d.name, quality: 'good' }];
  if (d.originalScriptName) names.push({ text: d.originalScriptName, quality: 'good' });
  for (const a of d.aliases) names.push({ text: a.name, quality: a.weak ? 'low' : 'good' });
  return {
    ref: d.ref,
    source: d.source,
    type: d.type === 'person' ? 'person' : d.type === 'vessel' ? 'vessel' : 'organization',
    names,
    birthDates: d.birthDates.flatMap((b): BirthDate[] =>
      b.kind === 'exact'
        ? [b.date]
        : b.kind === 'year'
          ? [String(b.year)]
          : b.kind === 'range'
            ? [{ from: b.from, to: b.to }]
            : [],
    ),
    nationalities: d.nationalities.map((n) => n.iso3).filter((c): c is string => Boolean(c)),
    gender: d.gender === 'male' || d.gender === 'female' ? d.gender : undefined,
    documents: d.documents
      .filter((doc) => doc.number)
      .map((doc) => ({ number: doc.number!, type: doc.type, country: doc.countryIso3 ?? undefined })),
  };
}
