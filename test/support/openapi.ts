import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ROOT } from './service-process';

/** The part of an OpenAPI schema object the security tests read. */
export interface Schema {
  $ref?: string;
  type?: string;
  enum?: unknown[];
  format?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  minimum?: number;
  maximum?: number;
}

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  schema?: Schema;
}

export type Service = 'referrals' | 'agreements' | 'funding' | 'notifications' | 'insights';

/** One operation of a committed OpenAPI document (docs/openapi/<service>.json). */
export interface Operation {
  service: Service;
  method: string;
  /** As in the document, e.g. /referrals/{id}/accept. */
  path: string;
  parameters: Parameter[];
  /** The JSON request body's schema; undefined when the handler reads no body. */
  body?: Schema;
  /** The document's components.schemas, which `$ref`s point into. */
  schemas: Record<string, Schema>;
}

interface Document {
  paths: Record<string, Record<string, { parameters?: Parameter[]; requestBody?: unknown }>>;
  components?: { schemas?: Record<string, Schema> };
}

/**
 * The console's document (console.json) is left out: its routes take a session cookie, not a
 * bearer token, and its /api/<service> routes pass requests on to the five services, whose own
 * operations are all here. test/console covers it.
 */
const NOT_BEARER_APIS = new Set(['console.json']);

/**
 * Every operation of the services' committed OpenAPI documents, which a test keeps equal to what
 * the services serve: a test built on this list covers a new endpoint without being touched.
 */
export function documentedOperations(): Operation[] {
  const directory = resolve(ROOT, 'docs/openapi');
  return readdirSync(directory)
    .filter((file) => file.endsWith('.json') && !NOT_BEARER_APIS.has(file))
    .flatMap((file) => {
      const document = JSON.parse(readFileSync(resolve(directory, file), 'utf8')) as Document;
      const service = file.replace(/\.json$/, '') as Service;
      return Object.entries(document.paths).flatMap(([path, operations]) =>
        Object.entries(operations).map(([method, operation]) => ({
          service,
          method: method.toUpperCase(),
          path,
          parameters: operation.parameters ?? [],
          body: (
            operation.requestBody as { content?: Record<string, { schema?: Schema }> } | undefined
          )?.content?.['application/json']?.schema,
          schemas: document.components?.schemas ?? {},
        })),
      );
    });
}

/** The schema itself, or the one its `$ref` points to. */
export function resolveSchema(
  schema: Schema | undefined,
  schemas: Record<string, Schema>,
): Schema | undefined {
  if (!schema?.$ref) return schema;
  return resolveSchema(schemas[schema.$ref.split('/').pop() ?? ''], schemas);
}

/** "METHOD /path", the name tests report an operation by. */
export const operationKey = ({ method, path }: Pick<Operation, 'method' | 'path'>): string =>
  `${method} ${path}`;

/** Every property a schema can hold, at any depth, as dotted paths (array items keep the path). */
export function fieldPaths(
  schema: Schema | undefined,
  schemas: Record<string, Schema>,
  prefix = '',
  seen: ReadonlySet<string> = new Set(),
): string[] {
  if (!schema) return [];
  if (schema.$ref) {
    const name = schema.$ref.split('/').pop() ?? '';
    if (seen.has(name)) return [];
    return fieldPaths(schemas[name], schemas, prefix, new Set([...seen, name]));
  }
  return [
    ...Object.entries(schema.properties ?? {}).flatMap(([name, property]) => {
      const path = prefix ? `${prefix}.${name}` : name;
      return [path, ...fieldPaths(property, schemas, path, seen)];
    }),
    ...fieldPaths(schema.items, schemas, prefix, seen),
  ];
}

/** Every property name a schema can hold, at any depth: the names a 400 may use. */
export function fieldNames(schema: Schema | undefined, schemas: Record<string, Schema>): string[] {
  return fieldPaths(schema, schemas).map((path) => path.split('.').pop() ?? path);
}
