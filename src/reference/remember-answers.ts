/**
 * Remembers the answers of a pure function of one string. A baseline inventory asks about the same
 * few makes, models, countries and categories on every one of its million rows; remembering the
 * answers keeps their Unicode normalisation out of the per-row cost. Bounded (emptied when full), so
 * odd input cannot grow it forever.
 */
export function rememberAnswers<T>(answer: (text: string) => T, maxEntries = 10_000): (text: string) => T {
  const answers = new Map<string, T>();
  return (text: string): T => {
    const known = answers.get(text);
    if (known !== undefined || answers.has(text)) return known as T;
    const value = answer(text);
    if (answers.size >= maxEntries) answers.clear();
    answers.set(text, value);
    return value;
  };
}
