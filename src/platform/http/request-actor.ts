import type { FastifyRequest } from 'fastify';
import type { Actor } from '../access/actor.ts';
import { AppError } from '../errors.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who is calling; set before any handler runs by the identity module's authentication hook. */
    actor: Actor | null;
  }
}

/** The caller of a route that needs one; "unauthenticated" (401) when nobody is signed in. */
export function requireActor(request: FastifyRequest): Actor {
  if (!request.actor)
    throw new AppError(
      'unauthenticated',
      'Sign in, or send an API token as "Authorization: Bearer <token>".',
    );
  return request.actor;
}
