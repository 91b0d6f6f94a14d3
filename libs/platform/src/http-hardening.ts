import { Server } from 'node:http';
import { Duplex } from 'node:stream';
import { HttpStatus } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { json, NextFunction, Request, RequestHandler, Response, urlencoded } from 'express';
import helmet from 'helmet';
import { DataSource } from 'typeorm';
import { keepCallerAnonymous } from '@concord/audit';
import { MAX_JSON_DEPTH, nestsDeeperThan } from './json-depth';
import { PostgresRateLimiter } from './postgres-rate-limiter';
import { RateLimit, RateLimiter } from './rate-limiter';
import { ServiceConfig } from './service-config';

/** Turns a bearer token into the subject it was issued to, or throws if the token is not valid. */
export type TokenSubject = (token: string) => Promise<string>;

/** Keys that would reach an object's prototype when a parsed body is copied onto an object. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const JSON_CONTENT_TYPE = /^application\/([\w.-]+\+)?json\s*(;|$)/i;
const FORM_CONTENT_TYPE = /^application\/x-www-form-urlencoded\s*(;|$)/i;
const DOCS_ROUTE = /^\/docs(\/|$)/;
export const EXEMPT_FROM_RATE_LIMIT = /^\/health(\/|$)/;
const BEARER = /^Bearer ([\w-]+\.[\w-]+\.[\w-]+)$/;

const PROTOTYPE_KEY_MESSAGE = 'body must not contain the key';
const TOO_DEEP = 'json.too.deep';

const refuse = (response: Response, status: HttpStatus, error: string, message: string): void => {
  response.status(status).json({ statusCode: status, error, message: [message] });
};

/** The policy of a service that serves a single-page application: its own files, nothing else. */
const PAGES_POLICY = {
  useDefaults: false,
  directives: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    fontSrc: ["'self'"],
    formAction: ["'self'"],
    baseUri: ["'none'"],
    objectSrc: ["'none'"],
    frameAncestors: ["'none'"],
  },
};

/**
 * Security headers (helmet). The API answers JSON only, so its policy allows nothing to load; the
 * Swagger UI page under /docs gets a policy that lets its own scripts, styles and images load, and
 * a service that serves pages (the console) one that lets its own files load and nothing else.
 * API answers carry personal data, so no cache keeps them; pages set their own caching.
 */
function securityHeaders(servesPages: boolean): RequestHandler {
  if (servesPages) {
    const pages = helmet({ contentSecurityPolicy: PAGES_POLICY });
    return (request, response, next) => {
      response.setHeader('Cache-Control', 'no-store');
      return pages(request, response, next);
    };
  }
  const api = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
    },
  });
  const docs = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        frameAncestors: ["'none'"],
      },
    },
  });
  return (request, response, next) => {
    if (DOCS_ROUTE.test(request.path)) return docs(request, response, next);
    response.setHeader('Cache-Control', 'no-store');
    return api(request, response, next);
  };
}

/** RATE_LIMIT_STORE: this process's memory, or the service's database, shared by every instance. */
function rateLimitOf(app: NestExpressApplication, config: ServiceConfig): RateLimit {
  if (config.rateLimitStore === 'memory') return new RateLimiter(config.RATE_LIMIT_PER_MINUTE);
  const dataSource = app.get(DataSource);
  return new PostgresRateLimiter(
    (sql, parameters) => dataSource.query(sql, parameters),
    config.RATE_LIMIT_PER_MINUTE,
  );
}

/**
 * 429 with Retry-After once a client has made RATE_LIMIT_PER_MINUTE requests this minute. The
 * client is the token's subject, else the address Express gives (`request.ip`: the peer, or the
 * client a proxy of TRUSTED_PROXIES forwarded for). The callers of `anonymous` routes are counted
 * by address in this process's memory only, whatever RATE_LIMIT_STORE says: their address never
 * reaches the database.
 */
function rateLimit(
  limiter: RateLimit,
  subjectOf: TokenSubject | undefined,
  anonymous: RegExp | undefined,
): RequestHandler {
  const anonymousLimiter = anonymous ? new RateLimiter(limiter.limit) : undefined;
  const addressOf = (request: Request): string =>
    `ip:${request.ip ?? request.socket.remoteAddress ?? 'unknown'}`;
  const clientOf = async (request: Request): Promise<string> => {
    const token = BEARER.exec(request.headers.authorization ?? '')?.[1];
    if (token && subjectOf) {
      const subject = await subjectOf(token).catch(() => undefined);
      if (subject) return `subject:${subject}`;
    }
    return addressOf(request);
  };
  return (request, response, next) => {
    if (EXEMPT_FROM_RATE_LIMIT.test(request.path)) return next();
    const counted =
      anonymousLimiter && anonymous?.test(request.path)
        ? Promise.resolve(anonymousLimiter.take(addressOf(request)))
        : clientOf(request).then((client) => limiter.take(client));
    counted.then((decision) => {
      if (decision.allowed) return next();
      response.setHeader('Retry-After', String(decision.retryAfterSeconds));
      refuse(
        response,
        HttpStatus.TOO_MANY_REQUESTS,
        'Too Many Requests',
        `requests must not exceed ${limiter.limit} per minute per client (RATE_LIMIT_PER_MINUTE); retry after ${decision.retryAfterSeconds} s`,
      );
    }, next);
  };
}

/** The callers of `anonymous` routes: no audit record of theirs carries their address. */
function anonymousCallers(anonymous: RegExp): RequestHandler {
  return (request, _response, next) => {
    if (anonymous.test(request.path)) keepCallerAnonymous(request);
    next();
  };
}

/** A path that is not valid percent-encoded UTF-8 cannot name anything: 400 before routing. */
const decodablePath: RequestHandler = (request, response, next) => {
  try {
    decodeURIComponent(request.path);
  } catch {
    return refuse(
      response,
      HttpStatus.BAD_REQUEST,
      'Bad Request',
      'path parameters must be valid percent-encoded UTF-8',
    );
  }
  next();
};

/**
 * A request that carries a body must say it is JSON (or, on `forms` routes, an HTML form's
 * `application/x-www-form-urlencoded`): anything else is 415 before it is read.
 */
function jsonBodiesOnly(forms: RegExp | undefined): RequestHandler {
  return (request, response, next) => {
    const hasBody =
      request.headers['transfer-encoding'] !== undefined ||
      (request.headers['content-length'] !== undefined &&
        request.headers['content-length'] !== '0');
    const contentType = request.headers['content-type'];
    if (!hasBody || (contentType !== undefined && JSON_CONTENT_TYPE.test(contentType))) {
      return next();
    }
    const formRoute = forms?.test(request.path) ?? false;
    if (formRoute && contentType !== undefined && FORM_CONTENT_TYPE.test(contentType)) {
      return next();
    }
    const accepted = formRoute
      ? 'application/json or application/x-www-form-urlencoded'
      : 'application/json';
    refuse(
      response,
      HttpStatus.UNSUPPORTED_MEDIA_TYPE,
      'Unsupported Media Type',
      contentType === undefined
        ? `Content-Type header is required with a body and must be ${accepted}`
        : `Content-Type header must be ${accepted}`,
    );
  };
}

const UNIT_BYTES: Record<string, number> = { b: 1, kb: 1024, mb: 1024 * 1024 };

/** HTTP_BODY_LIMIT ("100kb") in bytes. */
export function bodyLimitBytes(limit: string): number {
  const [, amount, unit] = /^(\d+)(b|kb|mb)$/.exec(limit) ?? [];
  return Number(amount) * (UNIT_BYTES[unit ?? ''] ?? Number.NaN);
}

/**
 * A body announced larger than the limit is refused at once, from its Content-Length, and the
 * connection closed: nothing of it is read (body-parser would read it to the end first).
 */
function refuseOversizedBodies(
  limit: string,
  largeBodies: readonly LargeBodyRoute[],
): RequestHandler {
  const maxBytes = bodyLimitBytes(limit);
  return (request, response, next) => {
    const route = largeBodies.find(({ path }) => request.path === path);
    const allowed = route ? bodyLimitBytes(route.limit) : maxBytes;
    const named = limitNamed(request, limit, largeBodies);
    const length = Number(request.headers['content-length'] ?? 0);
    if (!(length > allowed)) return next();
    response.setHeader('Connection', 'close');
    refuse(
      response,
      HttpStatus.PAYLOAD_TOO_LARGE,
      'Payload Too Large',
      `body must be at most ${named}`,
    );
    response.on('finish', () => request.socket.destroy());
  };
}

/** The body limit of the request's route, with the setting that sets it. */
function limitNamed(
  request: Request,
  limit: string,
  largeBodies: readonly LargeBodyRoute[],
): string {
  const route = largeBodies.find(({ path }) => request.path === path);
  return route ? `${route.limit} (${route.setting})` : `${limit} (HTTP_BODY_LIMIT)`;
}

/** A route that takes bodies larger than HTTP_BODY_LIMIT (a data import), and its own setting. */
export interface LargeBodyRoute {
  readonly path: string;
  readonly limit: string;
  /** The setting that sets `limit`, named in the 413 answer. */
  readonly setting: string;
}

/** Body parser errors (body-parser's `type`) as answers that name the body and the rule. */
function bodyErrors(limit: string, largeBodies: readonly LargeBodyRoute[]) {
  return (error: unknown, request: Request, response: Response, next: NextFunction): void => {
    const failure = error as { type?: unknown; status?: unknown; message?: unknown };
    const message = typeof failure.message === 'string' ? failure.message : 'unreadable';
    switch (failure.type) {
      case 'entity.too.large':
        return refuse(
          response,
          HttpStatus.PAYLOAD_TOO_LARGE,
          'Payload Too Large',
          `body must be at most ${limitNamed(request, limit, largeBodies)}`,
        );
      case TOO_DEEP:
        return refuse(
          response,
          HttpStatus.BAD_REQUEST,
          'Bad Request',
          `body must not nest objects and arrays deeper than ${MAX_JSON_DEPTH} levels`,
        );
      case 'entity.parse.failed':
        return refuse(
          response,
          HttpStatus.BAD_REQUEST,
          'Bad Request',
          // body-parser re-creates the reviver's error as a SyntaxError, keeping its message.
          message.startsWith(PROTOTYPE_KEY_MESSAGE)
            ? message
            : `body must be valid JSON (an object or an array): ${message.slice(0, 200)}`,
        );
      case 'charset.unsupported':
        return refuse(
          response,
          HttpStatus.UNSUPPORTED_MEDIA_TYPE,
          'Unsupported Media Type',
          'Content-Type header charset must be utf-8',
        );
      case 'encoding.unsupported':
        return refuse(
          response,
          HttpStatus.UNSUPPORTED_MEDIA_TYPE,
          'Unsupported Media Type',
          'Content-Encoding header must be identity, gzip, deflate or br',
        );
      default:
        if (typeof failure.status === 'number' && failure.status >= 400 && failure.status < 500) {
          return refuse(
            response,
            failure.status,
            'Bad Request',
            `body must be a complete request body matching its Content-Length: ${message.slice(0, 200)}`,
          );
        }
        next(error);
    }
  };
}

/** Refuses prototype keys while parsing, so no later copy of the body can reach a prototype. */
const refusePrototypeKeys = (key: string, value: unknown): unknown => {
  if (PROTOTYPE_KEYS.has(key)) {
    throw new SyntaxError(`${PROTOTYPE_KEY_MESSAGE} "${key}" (prototype pollution is refused)`);
  }
  return value;
};

/**
 * Refuses a body that nests deeper than MAX_JSON_DEPTH from its raw bytes, before it is parsed:
 * everything after the parser walks values recursively and would overflow the stack.
 */
const refuseDeepNesting = (_request: Request, _response: Response, body: Buffer): void => {
  if (nestsDeeperThan(body, MAX_JSON_DEPTH)) {
    throw Object.assign(new Error('body nests too deeply'), { type: TOO_DEEP });
  }
};

/**
 * Requests Node refuses before Express sees them (headers over its 16 KB limit, broken HTTP)
 * still get a JSON answer that says what was wrong, instead of a bare status line.
 */
function answerMalformedRequests(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (!socket.writable || error.code === 'ECONNRESET') {
      socket.destroy();
      return;
    }
    const [status, reason, message] =
      error.code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'Request Header Fields Too Large', 'headers must be at most 16 KB in total']
        : [400, 'Bad Request', 'request must be well-formed HTTP/1.1 (header or request line)'];
    const body = JSON.stringify({ statusCode: status, error: reason, message: [message] });
    socket.end(
      `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}

/** What a service says about its routes beyond the defaults (ServiceSpec). */
export interface HardeningOptions {
  readonly servesPages?: boolean;
  readonly largeBodies?: readonly LargeBodyRoute[];
  /**
   * Routes anyone may call without a token and whose callers must stay anonymous (the community
   * survey's): their address is counted in memory only and kept out of the audit trail.
   */
  readonly anonymousRoutes?: RegExp;
  /** Routes that also take an HTML form's body (`application/x-www-form-urlencoded`). */
  readonly formRoutes?: RegExp;
}

/** The most fields an HTML form's body may have. */
const MAX_FORM_FIELDS = 20;

/**
 * The HTTP front door every service shares, in order: security headers, CORS (closed unless
 * CORS_ORIGINS lists origins), the per-client rate limit, JSON-only bodies, the body size limit
 * and the nesting depth limit. Expects an app created with `bodyParser: false`. X-Forwarded-For
 * is believed only from the peers TRUSTED_PROXIES lists (Express's `trust proxy`).
 */
export function hardenHttp(
  app: NestExpressApplication,
  config: ServiceConfig,
  subjectOf?: TokenSubject,
  options: HardeningOptions = {},
): void {
  app.disable('x-powered-by');
  app.set('trust proxy', config.TRUSTED_PROXIES.length > 0 ? config.TRUSTED_PROXIES : false);
  answerMalformedRequests(app.getHttpServer() as Server);
  app.use(securityHeaders(options.servesPages ?? false));
  if (config.CORS_ORIGINS.length > 0) {
    app.enableCors({
      origin: config.CORS_ORIGINS,
      methods: ['GET', 'POST', 'PUT', 'DELETE'],
      allowedHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'X-Correlation-Id'],
      exposedHeaders: ['X-Correlation-Id', 'Retry-After', 'Idempotent-Replayed', 'Location'],
      maxAge: 600,
    });
  }
  if (options.anonymousRoutes) app.use(anonymousCallers(options.anonymousRoutes));
  app.use(rateLimit(rateLimitOf(app, config), subjectOf, options.anonymousRoutes));
  app.use(decodablePath);
  app.use(jsonBodiesOnly(options.formRoutes));
  const largeBodies = options.largeBodies ?? [];
  app.use(refuseOversizedBodies(config.HTTP_BODY_LIMIT, largeBodies));
  // Nest's type leaves out body-parser's `verify` (it uses it for rawBody, which is off here) but
  // passes it through to body-parser.
  const jsonParser = {
    limit: config.HTTP_BODY_LIMIT,
    verify: refuseDeepNesting,
    reviver: refusePrototypeKeys,
  };
  // A body parsed by a route's own parser is not parsed again by the next one.
  for (const route of largeBodies) {
    app.use(route.path, json({ ...jsonParser, limit: route.limit }));
  }
  app.useBodyParser('json', jsonParser);
  if (options.formRoutes) {
    const forms = options.formRoutes;
    const formParser = urlencoded({
      extended: false,
      limit: config.HTTP_BODY_LIMIT,
      parameterLimit: MAX_FORM_FIELDS,
    });
    app.use((request: Request, response: Response, next: NextFunction) =>
      forms.test(request.path) ? formParser(request, response, next) : next(),
    );
  }
  app.use(bodyErrors(config.HTTP_BODY_LIMIT, largeBodies));
}
