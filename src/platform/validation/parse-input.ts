import type { z } from 'zod';
import { validationError } from '../errors.ts';

/**
 * Parses input with a shared zod schema and turns failures into one AppError naming every field,
 * so the API, the CLI and the web form all show the same messages.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues = result.error.issues.map((i) => ({
    field: i.path.join('.') || '(input)',
    message: i.message,
  }));
  throw validationError(issues.map((i) => `${i.field}: ${i.message}`).join('; '), issues);
}
