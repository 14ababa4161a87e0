import type { FieldIssue } from '../../../platform/errors.ts';
import { validationError } from '../../../platform/errors.ts';
import type { VocabEntry, Vocabulary } from '../vocab.ts';

/** The `materiel vocab NAME` of a list whose plural is not just an added s. */
const VOCABULARY_NAMES: Record<string, string> = { category: 'categories' };

/**
 * Resolves a code or label through a vocabulary, collecting a field issue that lists the accepted
 * codes when it is unknown. Used by forms, the CLI and imports alike.
 */
export function resolveVocab<E extends VocabEntry>(
  vocabulary: Vocabulary<E>,
  value: string,
  field: string,
  issues: FieldIssue[],
  listName: string,
): E['code'] | undefined {
  const code = vocabulary.parse(value);
  if (!code) {
    issues.push({
      field,
      value,
      message: `"${value}" is not a known ${listName.replaceAll('-', ' ')}. Use a code or label from "materiel vocab ${VOCABULARY_NAMES[listName] ?? `${listName}s`}".`,
    });
  }
  return code;
}

export function throwIfIssues(issues: FieldIssue[]): void {
  if (issues.length) throw validationError(issues.map((i) => `${i.field}: ${i.message}`).join('; '), issues);
}
