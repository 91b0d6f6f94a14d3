import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { INestApplication, Type } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { ModulesContainer, NestFactory, Reflector } from '@nestjs/core';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { defaultMetadataStorage } from 'class-transformer/cjs/storage';
import { getMetadataStorage } from 'class-validator';
import { validationMetadatasToSchemas } from 'class-validator-jsonschema';
import { PUBLIC_ROUTE_KEY, Role, ROLES, ROLES_KEY } from '@concord/auth';
import { DomainErrorKind } from './domain-error';
import { EXEMPT_FROM_RATE_LIMIT } from './http-hardening';
import { loadConfig } from './load-config';
import type { ServiceSpec } from './run-service';
import { ServiceConfig } from './service-config';

/**
 * The schemas of the handlers' success answers, generated from their declared return types by
 * `npm run openapi` (scripts/openapi-answers.ts) into apps/<service>/src/openapi-answers.generated.json.
 */
export interface OpenApiAnswers {
  /** The answer's schema per operation, `Controller_method`. */
  readonly operations: Record<string, object>;
  /** The named schemas the answers refer to, as components. */
  readonly schemas: Record<string, object>;
}

/** What a service's OpenAPI document says about it; the paths come from its controllers. */
export interface OpenApiInfo {
  readonly title: string;
  readonly description: string;
  readonly answers: OpenApiAnswers;
}

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const SCHEMA_PREFIX = '#/components/schemas/';
const BEARER = 'bearer';
const REQUEST_ERROR = 'RequestError';
const DOMAIN_ERROR = 'DomainError';
const HTTP_ERROR = 'HttpError';
const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** The answer of requestValidationPipe and of the HTTP layer's own refusals: one message per problem. */
const REQUEST_ERROR_SCHEMA: JsonObject = {
  type: 'object',
  description:
    'The request was refused before any handler ran: a validation rule (400), a body too large (413) or not JSON (415), too many requests (429). One message per problem, naming the field.',
  required: ['statusCode', 'error', 'message'],
  additionalProperties: false,
  properties: {
    statusCode: { type: 'integer', description: 'The status again', example: 400 },
    error: { type: 'string', example: 'Bad Request' },
    message: {
      type: 'array',
      items: { type: 'string' },
      example: ['priority must be one of the following values: low, normal, urgent'],
    },
  },
};

const DOMAIN_ERROR_STATUS: Record<DomainErrorKind, { status: number; error: string }> = {
  invalid: { status: 400, error: 'Bad Request' },
  forbidden: { status: 403, error: 'Forbidden' },
  'not-found': { status: 404, error: 'Not Found' },
  conflict: { status: 409, error: 'Conflict' },
  gone: { status: 410, error: 'Gone' },
  unprocessable: { status: 422, error: 'Unprocessable Entity' },
  'too-many': { status: 429, error: 'Too Many Requests' },
};

/** The answer of DomainErrorFilter. */
const DOMAIN_ERROR_SCHEMA: JsonObject = {
  type: 'object',
  description:
    'A rule of the domain said no. `code` is stable and machine-readable; `message` tells a person what is wrong.',
  required: ['statusCode', 'error', 'code', 'message'],
  additionalProperties: false,
  properties: {
    statusCode: {
      type: 'integer',
      enum: Object.values(DOMAIN_ERROR_STATUS).map(({ status }) => status),
    },
    error: { type: 'string', enum: Object.values(DOMAIN_ERROR_STATUS).map(({ error }) => error) },
    code: { type: 'string', example: 'AGREEMENT_NOT_ACTIVE' },
    message: { type: 'string' },
  },
};

/** Nest's answer to an HttpException thrown with a message: the guards' 401, 403 and 503. */
const HTTP_ERROR_SCHEMA: JsonObject = {
  type: 'object',
  description: 'Refused by the authentication or role check, or a dependency is unavailable.',
  required: ['statusCode', 'error', 'message'],
  additionalProperties: false,
  properties: {
    statusCode: { type: 'integer', description: 'The status again', example: 401 },
    error: { type: 'string', example: 'Unauthorized' },
    message: { type: 'string', example: 'the token has expired' },
  },
};

/** Runs from libs/platform/src (ts) or dist/libs/platform/src (built), so package.json is found. */
function concordVersion(): string {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file))
      return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${__dirname}`);
  }
}

const referencedNames = (schema: unknown): string[] => {
  if (Array.isArray(schema)) return schema.flatMap(referencedNames);
  if (typeof schema !== 'object' || schema === null) return [];
  return Object.entries(schema).flatMap(([key, value]) =>
    key === '$ref' && typeof value === 'string' && value.startsWith(SCHEMA_PREFIX)
      ? [value.slice(SCHEMA_PREFIX.length)]
      : referencedNames(value),
  );
};

/**
 * class-validator keeps the rules per class in a private map, which class-validator-jsonschema
 * reads as well; schemas are named after classes, so two classes of one name would mix.
 */
function classNamesWithRulesOfSeveralClasses(): Set<string> {
  const storage = getMetadataStorage() as unknown as {
    validationMetadatas?: Map<unknown, unknown>;
  };
  const seen = new Map<string, Set<unknown>>();
  for (const target of storage.validationMetadatas?.keys() ?? []) {
    if (typeof target !== 'function') continue;
    seen.set(target.name, (seen.get(target.name) ?? new Set()).add(target));
  }
  return new Set([...seen].filter(([, targets]) => targets.size > 1).map(([name]) => name));
}

/**
 * Our DTOs carry class-validator rules, not @ApiProperty, so swagger knows their names but not
 * their fields. Every schema the paths refer to, and every schema those refer to in turn, is the
 * one derived from the class's validation rules where the class has any, else swagger's.
 */
function schemasFromValidationRules(
  document: OpenAPIObject,
  answerSchemaNames: ReadonlySet<string>,
): JsonObject {
  const fromRules = validationMetadatasToSchemas({
    refPointerPrefix: SCHEMA_PREFIX,
    classTransformerMetadataStorage: defaultMetadataStorage,
  }) as unknown as Record<string, JsonObject>;
  const fromSwagger = (document.components?.schemas ?? {}) as unknown as Record<string, JsonObject>;
  const ambiguous = classNamesWithRulesOfSeveralClasses();
  const schemas: JsonObject = {
    [REQUEST_ERROR]: REQUEST_ERROR_SCHEMA,
    [DOMAIN_ERROR]: DOMAIN_ERROR_SCHEMA,
    [HTTP_ERROR]: HTTP_ERROR_SCHEMA,
  };
  const pending = referencedNames(document.paths);
  for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
    if (name in schemas || (answerSchemaNames.has(name) && !fromRules[name])) continue;
    if (ambiguous.has(name)) {
      throw new Error(
        `OpenAPI: several classes named ${name} carry validation rules, so its schema would mix them; give each a distinct name`,
      );
    }
    // The validation pipe refuses a property no rule names (forbidNonWhitelisted): closed.
    schemas[name] = fromRules[name]
      ? { ...fromRules[name], additionalProperties: false }
      : (fromSwagger[name] ?? { type: 'object' });
    pending.push(...referencedNames(schemas[name]));
  }
  return Object.fromEntries(Object.entries(schemas).sort(([a], [b]) => a.localeCompare(b)));
}

/** Who may call an operation, as its guards decide. */
interface OperationAccess {
  readonly isPublic: boolean;
  /** What it answers when it succeeds: @HttpCode's status, else Nest's (201 for POST, 200). */
  readonly successStatus?: number;
  /** The roles of @Roles; undefined where the handler declares none. */
  readonly roles?: readonly Role[];
}

/** The access rules of every handler, by `Controller_method` as swagger names its operation. */
function operationAccess(app: INestApplication): Map<string, OperationAccess> {
  const reflector = new Reflector();
  const access = new Map<string, OperationAccess>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const { metatype } of module.controllers.values()) {
      const controller = metatype as Type | null;
      if (!controller) continue;
      for (const method of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = (controller.prototype as Record<string, unknown>)[method];
        if (method === 'constructor' || typeof handler !== 'function') continue;
        const targets = [handler, controller];
        access.set(`${controller.name}_${method}`, {
          successStatus: Reflect.getMetadata(HTTP_CODE_METADATA, handler) as number | undefined,
          isPublic: reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE_KEY, targets) ?? false,
          roles: reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets),
        });
      }
    }
  }
  return access;
}

const jsonAnswer = (schema: JsonObject): { 'application/json': { schema: JsonObject } } => ({
  'application/json': { schema },
});
const ref = (name: string): JsonObject => ({ $ref: `${SCHEMA_PREFIX}${name}` });

interface AnswerLike {
  description: string;
  content?: unknown;
  headers?: Record<string, unknown>;
}

interface OperationLike {
  operationId?: string;
  parameters?: unknown[];
  requestBody?: unknown;
  responses: Record<string, AnswerLike>;
  security?: unknown[];
  /** The roles that may call it (@Roles), for clients and for the contract test. */
  'x-roles'?: string[];
}

/** What each error status means and the shape it has, where the operation can answer it. */
const ERROR_ANSWERS: Record<string, { description: string; schema: JsonObject }> = {
  '400': {
    description: 'The request breaks a rule; each field is named.',
    schema: ref(REQUEST_ERROR),
  },
  '401': {
    description: 'The bearer token is missing, expired or not valid.',
    schema: ref(HTTP_ERROR),
  },
  '403': {
    description: "The caller's role may not do this, or a rule of the domain forbids it.",
    schema: { anyOf: [ref(HTTP_ERROR), ref(DOMAIN_ERROR)] },
  },
  '404': { description: 'Not found.', schema: ref(DOMAIN_ERROR) },
  '409': {
    description: 'The object is not in a state that allows this.',
    schema: ref(DOMAIN_ERROR),
  },
  '410': { description: 'It no longer takes requests.', schema: ref(DOMAIN_ERROR) },
  '413': {
    description: 'The body is larger than the service accepts.',
    schema: ref(REQUEST_ERROR),
  },
  '415': { description: 'The body is not JSON.', schema: ref(REQUEST_ERROR) },
  '422': { description: 'A rule of the domain refuses the request.', schema: ref(DOMAIN_ERROR) },
  '429': {
    description:
      'More requests this minute than RATE_LIMIT_PER_MINUTE allows; Retry-After says when to try again.',
    schema: ref(REQUEST_ERROR),
  },
  '503': {
    description: 'Tokens cannot be verified right now (the key set is unreachable); try again.',
    schema: ref(HTTP_ERROR),
  },
};

const RETRY_AFTER = {
  'Retry-After': { description: 'Seconds until the next window', schema: { type: 'integer' } },
};

/** The statuses every operation of this kind can answer, besides those it declares. */
function statusesOf(
  path: string,
  operation: OperationLike,
  access: OperationAccess | undefined,
): string[] {
  const statuses = EXEMPT_FROM_RATE_LIMIT.test(path) ? [] : ['429'];
  const takesInput = operation.requestBody || (operation.parameters?.length ?? 0) > 0;
  if (takesInput) statuses.push('400');
  if (operation.requestBody) statuses.push('413', '415');
  if (!access?.isPublic) statuses.push('401', '503');
  if (!access?.isPublic && access?.roles && access.roles.length < ROLES.length)
    statuses.push('403');
  return statuses;
}

/**
 * Every answer of every operation, with its body's schema: the success answer's from the type the
 * handler returns (`answers`, generated by `npm run openapi`), the errors' from the filters that
 * write them; the statuses the platform adds (the rate limit, the body checks, the guards) are
 * added wherever they apply. A public operation says so with `security: []`, and one that only
 * some roles may call lists them in `x-roles`.
 */
function describeEveryAnswer(
  document: OpenAPIObject,
  answers: OpenApiAnswers,
  access: Map<string, OperationAccess>,
): void {
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of HTTP_METHODS) {
      const operation = (item as Record<string, OperationLike | undefined>)[method];
      if (!operation) continue;
      const id = operation.operationId ?? '';
      const { responses } = operation;
      const answer = answers.operations[id] as JsonObject | undefined;
      if (!Object.keys(responses).some((status) => /^[23]/.test(status))) {
        const success = access.get(id)?.successStatus ?? (method === 'post' ? 201 : 200);
        responses[String(success)] = { description: 'Done.' };
      }
      for (const parameter of (operation.parameters ?? []) as { schema?: JsonObject }[]) {
        // @ApiQuery without a type: a query value is a string until the DTO's rules convert it.
        if (parameter.schema && Object.keys(parameter.schema).length === 0) {
          parameter.schema = { type: 'string' };
        }
      }
      for (const [status, response] of Object.entries(responses)) {
        if (status.startsWith('2') && status !== '204' && answer) {
          response.content ??= jsonAnswer(answer);
        }
      }
      for (const status of statusesOf(path, operation, access.get(id))) {
        responses[status] ??= { description: ERROR_ANSWERS[status].description };
      }
      for (const [status, response] of Object.entries(responses)) {
        if (ERROR_ANSWERS[status]) response.content ??= jsonAnswer(ERROR_ANSWERS[status].schema);
        if (status === '429') response.headers ??= RETRY_AFTER;
      }
      if (access.get(id)?.isPublic) operation.security = [];
      const roles = access.get(id)?.roles;
      if (roles && !access.get(id)?.isPublic) operation['x-roles'] = [...roles];
    }
  }
}

/**
 * The answers' named schemas join the document's. Where an answer's type has the name of a request
 * schema with other fields (a class validated on the way in and returned as a plain type), the
 * answer's is called `<name>Answer`, so that each says exactly what travels its way.
 */
function withAnswerSchemas(
  document: OpenAPIObject,
  answers: OpenApiAnswers,
): { schemas: JsonObject; answers: OpenApiAnswers } {
  const schemas = { ...(document.components?.schemas ?? {}) } as unknown as JsonObject;
  const clashing = Object.keys(answers.schemas).filter(
    (name) =>
      name in schemas && JSON.stringify(schemas[name]) !== JSON.stringify(answers.schemas[name]),
  );
  const nameOf = (name: string) => (clashing.includes(name) ? `${name}Answer` : name);
  let text = JSON.stringify(answers);
  for (const name of clashing) {
    text = text.split(`"${SCHEMA_PREFIX}${name}"`).join(`"${SCHEMA_PREFIX}${nameOf(name)}"`);
  }
  const referencesRenamed = JSON.parse(text) as OpenApiAnswers;
  const renamed: OpenApiAnswers = {
    operations: referencesRenamed.operations,
    schemas: Object.fromEntries(
      Object.entries(referencesRenamed.schemas).map(([name, schema]) => [nameOf(name), schema]),
    ),
  };
  Object.assign(schemas, renamed.schemas);
  return {
    schemas: Object.fromEntries(Object.entries(schemas).sort(([a], [b]) => a.localeCompare(b))),
    answers: renamed,
  };
}

/**
 * The OpenAPI 3 document of a service's HTTP API, from its controllers' routes and swagger
 * decorators, with request and response schemas derived from the DTOs' class-validator rules.
 */
export function buildOpenApiDocument(
  app: INestApplication,
  spec: Pick<ServiceSpec<ServiceConfig>, 'openApi'>,
): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle(spec.openApi.title)
    .setDescription(spec.openApi.description)
    .setOpenAPIVersion('3.1.0')
    .setVersion(concordVersion())
    .setLicense('Apache-2.0', 'https://www.apache.org/licenses/LICENSE-2.0')
    .addServer('/')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, BEARER)
    .addSecurityRequirements(BEARER)
    .build();
  const document = SwaggerModule.createDocument(app, config);
  document.components = {
    ...document.components,
    schemas: schemasFromValidationRules(
      document,
      new Set(Object.keys(spec.openApi.answers.schemas)),
    ) as NonNullable<OpenAPIObject['components']>['schemas'],
  };
  const { schemas, answers } = withAnswerSchemas(document, spec.openApi.answers);
  document.components.schemas = schemas as NonNullable<OpenAPIObject['components']>['schemas'];
  describeEveryAnswer(document, answers, operationAccess(app));
  return document;
}

/** Serves the document at `GET /openapi.json` and Swagger UI at `GET /docs`, without a token. */
export function serveOpenApiDocument(app: INestApplication, document: OpenAPIObject): void {
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: 'openapi.json',
    raw: ['json'],
  });
}

/** Settings that let a service's module be built, never used to connect to anything. */
const OFFLINE_SETTINGS: NodeJS.ProcessEnv = {
  NODE_ENV: 'development',
  HTTP_PORT: '0',
  DATABASE_URL: 'postgres://openapi@127.0.0.1:1/openapi',
  KAFKA_BROKERS: '127.0.0.1:1',
  AUTH_JWKS_URL: 'http://127.0.0.1:1/jwks.json',
};

/**
 * A service's OpenAPI document without its database or broker: Nest's preview mode builds the
 * module graph (routes, controllers, metadata) but instantiates no provider, so nothing connects.
 */
export async function buildOpenApiDocumentOffline<C extends ServiceConfig>(
  spec: ServiceSpec<C>,
): Promise<OpenAPIObject> {
  const config = loadConfig(spec.configClass, OFFLINE_SETTINGS);
  const app = await NestFactory.create(spec.module(config), { preview: true, logger: false });
  try {
    return buildOpenApiDocument(app, spec);
  } finally {
    await app.close();
  }
}
