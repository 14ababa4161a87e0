/** JSON columns are text on both engines; every read and write goes through these two helpers. */
export function toJson(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value);
}

export function fromJson<T>(text: string | null | undefined): T | null {
  return text === null || text === undefined || text === '' ? null : (JSON.parse(text) as T);
}
