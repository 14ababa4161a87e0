import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, type ErrorCode, HTTP_STATUS } from '../errors.ts';

function send(reply: FastifyReply, code: ErrorCode, message: string, issues?: unknown[], status?: number) {
  return reply
    .status(status ?? HTTP_STATUS[code])
    .send({ error: { code, message, ...(issues?.length ? { issues } : {}) } });
}

/** One error body for every failure: `{ error: { code, message, issues? } }`. */
export function errorHandler(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof AppError) return send(reply, error.code, error.message, error.issues);
  if (hasZodFastifySchemaValidationErrors(error)) {
    const issues = error.validation.map((v) => ({
      // The body itself has the path "/": name it "body", not "body.".
      field: [error.validationContext, ...v.instancePath.split('/').filter(Boolean)].join('.'),
      message: v.message ?? 'Not valid.',
    }));
    return send(reply, 'validation', issues.map((i) => `${i.field}: ${i.message}`).join('; '), issues);
  }
  const status = 'statusCode' in error && typeof error.statusCode === 'number' ? error.statusCode : 500;
  if (status === 429) return send(reply, 'rate_limited', 'Too many requests. Wait a moment and try again.');
  // Keep the status Fastify chose (413 too large, 415 unsupported type...) so clients and proxies understand it.
  if (status === 413) return send(reply, 'validation', 'The request is too large.', undefined, 413);
  if (status >= 400 && status < 500)
    return send(reply, status === 404 ? 'not_found' : 'validation', error.message, undefined, status);
  request.log.error({ err: error }, 'unhandled error');
  return send(
    reply,
    'internal',
    'Something went wrong on the server. The error was logged; try again or tell the administrator.',
  );
}
