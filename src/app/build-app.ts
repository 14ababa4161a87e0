import fs from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { grantRoutes } from '../platform/access/grants/grant-http.ts';
import { auditRoutes } from '../platform/audit/audit-http.ts';
import type { AppContext } from '../platform/context.ts';
import { errorHandler } from '../platform/http/errors.ts';
import { metaRoutes } from '../platform/http/meta-routes.ts';
import { GRANTABLE_KINDS, MODULES } from './modules.ts';

export interface AppDeps {
  ctx: AppContext;
  /** Folder with the built web app (index.html); the API works without it. */
  webDir?: string;
  logger?: FastifyServerOptions['logger'];
  /** Trust X-Forwarded-* from a reverse proxy (needed for Secure cookies behind TLS termination). */
  trustProxy?: boolean;
  version?: string;
  /** Requests per minute per address across the API. */
  rateLimitPerMinute?: number;
}

/** Builds the application without listening, so tests drive it with app.inject(). */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { ctx } = deps;
  const app = Fastify({
    logger: deps.logger ?? false,
    trustProxy: deps.trustProxy ?? false,
    bodyLimit: 1024 * 1024,
    // Never log credentials.
    ...(deps.logger ? {} : {}),
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // Swagger UI and the map use inline styles; scripts stay same-origin only.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        scriptSrc: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
  });
  await app.register(cookie);
  // Per-route file size limits are set where files are read (attachments 25 MB, inventories 300 MB).
  await app.register(multipart, { limits: { fields: 20, files: 1, parts: 25 } });
  await app.register(rateLimit, { max: deps.rateLimitPerMinute ?? 1200, timeWindow: '1 minute' });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Materiel API',
        version: deps.version ?? '0.0.0',
        description:
          'Registry, recovery, tracing and screening for UN arms embargoes. Authenticate with the session cookie (browser, with the X-CSRF-Token header on changes) or "Authorization: Bearer <token>" (scripts).',
      },
      components: {
        securitySchemes: {
          bearer: {
            type: 'http',
            scheme: 'bearer',
            description: 'An API token: "Authorization: Bearer <token>"',
          },
          session: {
            type: 'apiKey',
            in: 'cookie',
            name: 'materiel_session',
            description:
              'The browser session set by POST /api/session; changes also need the X-CSRF-Token header it returns',
          },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  const [first, ...rest] = MODULES;
  // The first module (identity) authenticates every request; the platform's routes come next.
  first?.routes?.(app, ctx);
  metaRoutes(app, ctx, deps.version ?? '0.0.0');
  auditRoutes(app, ctx);
  grantRoutes(app, ctx, GRANTABLE_KINDS);
  for (const module of rest) module.routes?.(app, ctx);

  serveWebApp(app, deps.webDir);
  return app;
}

/** Serves the single-page app; unknown non-API paths get index.html so client-side routes work on reload. */
function serveWebApp(app: FastifyInstance, webDir?: string): void {
  const index = webDir ? path.join(webDir, 'index.html') : undefined;
  const hasWeb = index !== undefined && fs.existsSync(index);
  if (hasWeb) app.register(fastifyStatic, { root: path.resolve(webDir!), wildcard: false, index: false });
  app.setNotFoundHandler((request, reply) => {
    // Paths with a file extension (e.g. /assets/app-1234.js after a rebuild) get a real 404, not the
    // app's HTML, so a browser never runs HTML as JavaScript.
    const pathname = request.url.split('?')[0] ?? '';
    if (
      request.method === 'GET' &&
      hasWeb &&
      !pathname.startsWith('/api/') &&
      !/\.[a-z0-9]+$/i.test(pathname)
    ) {
      return reply.type('text/html').send(fs.createReadStream(index!));
    }
    return reply.status(404).send({
      error: {
        code: 'not_found',
        message: `No such address: ${request.method} ${request.url.split('?')[0]}`,
      },
    });
  });
}
