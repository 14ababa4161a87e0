/**
 * Errors that cross layers. Services throw these; the HTTP layer maps them to status codes and the
 * CLI to exit codes (2 for bad input, 1 for everything else), so both speak the same language.
 */

export type ErrorCode =
  | 'validation'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'rate_limited'
  | 'internal';

export interface FieldIssue {
  /** Dotted path of the field, or the column name for imported files. */
  field: string;
  message: string;
  /** 1-based row for imported files. */
  row?: number;
  value?: unknown;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues: FieldIssue[] = [],
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const validationError = (message: string, issues: FieldIssue[] = []) =>
  new AppError('validation', message, issues);
export const notFound = (what: string) => new AppError('not_found', `${what} was not found.`);
export const forbidden = (message = 'You do not have permission to do this.') =>
  new AppError('forbidden', message);
export const conflict = (message: string) => new AppError('conflict', message);

export const HTTP_STATUS: Record<ErrorCode, number> = {
  validation: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  internal: 500,
};
