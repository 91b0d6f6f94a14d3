import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { INestApplication, Type } from '@nestjs/common';
import { ModulesContainer, NestFactory, Reflector } from '@nestjs/core';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { defaultMetadataStorage } from 'class-transformer/cjs/storage';
import { getMetadataStorage } from 'class-validator';
import { validationMetadatasToSchemas } from 'class-validator-jsonschema';
import { PUBLIC_ROUTE_KEY } from '@concord/auth';
import { DomainErrorKind } from './domain-error';
import { loadConfig } from './load-config';
import type { ServiceSpec } from './run-service';
import { ServiceConfig } from './service-config';

/** What a service's OpenAPI document says about it; the paths come from its controllers. */
export interface OpenApiInfo {
  readonly title: string;
  readonly description: string;
}

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const SCHEMA_PREFIX = '#/components/schemas/';
const BEARER = 'bearer';
const VALIDATION_ERROR = 'ValidationError';
const DOMAIN_ERROR = 'DomainError';
const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** The answer of requestValidationPipe: one message per broken rule, each naming its field. */
const VALIDATION_ERROR_SCHEMA: JsonObject = {
  type: 'object',
  description: 'The request broke a validation rule: one message per problem, naming the field.',
  required: ['statusCode', 'error', 'message'],
  properties: {
    statusCode: { type: 'integer', enum: [400] },
    error: { type: 'string', enum: ['Bad Request'] },
    message: {
      type: 'array',
      items: { type: 'string' },
      example: ['priority must be one of the following values: low, normal, urgent'],
    },
  },
};

const DOMAIN_ERROR_STATUS: Record<DomainErrorKind, { status: number; error: string }> = {
  forbidden: { status: 403, error: 'Forbidden' },
  'not-found': { status: 404, error: 'Not Found' },
  conflict: { status: 409, error: 'Conflict' },
  unprocessable: { status: 422, error: 'Unprocessable Entity' },
};

/** The answer of DomainErrorFilter. */
const DOMAIN_ERROR_SCHEMA: JsonObject = {
  type: 'object',
  description:
    'A rule of the domain said no. `code` is stable and machine-readable; `message` tells a person what is wrong.',
  required: ['statusCode', 'error', 'code', 'message'],
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
function schemasFromValidationRules(document: OpenAPIObject): JsonObject {
  const fromRules = validationMetadatasToSchemas({
    refPointerPrefix: SCHEMA_PREFIX,
    classTransformerMetadataStorage: defaultMetadataStorage,
  }) as unknown as Record<string, JsonObject>;
  const fromSwagger = (document.components?.schemas ?? {}) as unknown as Record<string, JsonObject>;
  const ambiguous = classNamesWithRulesOfSeveralClasses();
  const schemas: JsonObject = {
    [VALIDATION_ERROR]: VALIDATION_ERROR_SCHEMA,
    [DOMAIN_ERROR]: DOMAIN_ERROR_SCHEMA,
  };
  const pending = referencedNames(document.paths);
  for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
    if (name in schemas) continue;
    if (ambiguous.has(name)) {
      throw new Error(
        `OpenAPI: several classes named ${name} carry validation rules, so its schema would mix them; give each a distinct name`,
      );
    }
    schemas[name] = fromRules[name] ?? fromSwagger[name] ?? { type: 'object' };
    pending.push(...referencedNames(schemas[name]));
  }
  return Object.fromEntries(Object.entries(schemas).sort(([a], [b]) => a.localeCompare(b)));
}

/** `Controller_method` of every handler marked @Public(), as swagger names its operation. */
function publicOperationIds(app: INestApplication): Set<string> {
  const reflector = new Reflector();
  const ids = new Set<string>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const { metatype } of module.controllers.values()) {
      const controller = metatype as Type | null;
      if (!controller) continue;
      for (const method of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = (controller.prototype as Record<string, unknown>)[method];
        if (method === 'constructor' || typeof handler !== 'function') continue;
        if (reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE_KEY, [handler, controller])) {
          ids.add(`${controller.name}_${method}`);
        }
      }
    }
  }
  return ids;
}

const jsonAnswer = (schema: string) => ({
  'application/json': { schema: { $ref: `${SCHEMA_PREFIX}${schema}` } },
});

/** Statuses only DomainErrorFilter answers with (403 may also be the role check's). */
const DOMAIN_ERROR_STATUSES = ['404', '409', '422'];

interface OperationLike {
  operationId?: string;
  parameters?: unknown[];
  requestBody?: unknown;
  responses: Record<string, { description: string; content?: unknown }>;
  security?: unknown[];
}

/**
 * The answers every operation can give besides its own: 400 in the validation pipe's shape where
 * it takes input, 401 where it needs a token (one without says so with `security: []`); a 404,
 * 409 or 422 it declares without a body has the DomainError shape.
 */
function addCommonAnswers(document: OpenAPIObject, publicIds: Set<string>): void {
  for (const item of Object.values(document.paths)) {
    for (const method of HTTP_METHODS) {
      const operation = (item as Record<string, OperationLike | undefined>)[method];
      if (!operation) continue;
      const { responses } = operation;
      if (operation.requestBody || (operation.parameters?.length ?? 0) > 0) {
        responses['400'] ??= { description: 'The request breaks a rule; each field is named.' };
        responses['400'].content ??= jsonAnswer(VALIDATION_ERROR);
      }
      for (const status of DOMAIN_ERROR_STATUSES) {
        if (responses[status]) responses[status].content ??= jsonAnswer(DOMAIN_ERROR);
      }
      if (publicIds.has(operation.operationId ?? '')) {
        operation.security = [];
      } else {
        responses['401'] ??= { description: 'The bearer token is missing, expired or not valid.' };
      }
    }
  }
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
    .setVersion(concordVersion())
    .addServer('/')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, BEARER)
    .addSecurityRequirements(BEARER)
    .build();
  const document = SwaggerModule.createDocument(app, config);
  document.components = {
    ...document.components,
    schemas: schemasFromValidationRules(document) as NonNullable<
      OpenAPIObject['components']
    >['schemas'],
  };
  addCommonAnswers(document, publicOperationIds(app));
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
