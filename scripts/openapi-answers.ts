import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createGenerator } from 'ts-json-schema-generator';
import * as ts from 'typescript';
import type { OpenApiAnswers } from '../libs/platform/src';

/**
 * The JSON schema of every handler's success answer, from the TypeScript type it declares it
 * returns (`Promise<X>` answers X). `npm run openapi` writes them to
 * apps/<service>/src/openapi-answers.generated.json, which the service's document reads at run
 * time, where no compiler is at hand; a test fails when that file is stale.
 *
 * A handler that writes to the response itself (`@Res()`) or returns `void` has no JSON answer
 * here: its decorators describe what it sends (a CSV file, a redirect, an event stream).
 */

const HTTP_DECORATORS = new Set(['Get', 'Post', 'Put', 'Patch', 'Delete', 'All']);
const SCHEMA_PREFIX = '#/components/schemas/';

interface Handler {
  /** `Controller_method`, as swagger names the operation. */
  readonly operationId: string;
  /** The answer's type as written in the source, Promise unwrapped. */
  readonly answerType: string;
}

interface ControllerFile {
  readonly path: string;
  readonly imports: string[];
  readonly handlers: Handler[];
}

const decoratorNames = (node: ts.Node): string[] =>
  (ts.canHaveDecorators(node) ? (ts.getDecorators(node) ?? []) : []).map(({ expression }) => {
    const callee = ts.isCallExpression(expression) ? expression.expression : expression;
    return ts.isIdentifier(callee) ? callee.text : '';
  });

function filesUnder(directory: string, suffix: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    if (statSync(path).isDirectory()) return filesUnder(path, suffix);
    return path.endsWith(suffix) ? [path] : [];
  });
}

/** `Promise<X>` is X; a handler without a declared type cannot be documented. */
function answerTypeOf(
  method: ts.MethodDeclaration,
  source: ts.SourceFile,
  where: string,
): string | undefined {
  if (!method.type) {
    throw new Error(`${where}: declare the handler's return type, it is the documented answer`);
  }
  const writesItself = method.parameters.some((parameter) =>
    (ts.getDecorators(parameter) ?? []).some(
      ({ expression }) =>
        ts.isCallExpression(expression) &&
        expression.expression.getText(source) === 'Res' &&
        !/passthrough:\s*true/.test(expression.getText(source)),
    ),
  );
  let type: ts.TypeNode = method.type;
  if (
    ts.isTypeReferenceNode(type) &&
    type.typeName.getText(source) === 'Promise' &&
    type.typeArguments?.length === 1
  ) {
    type = type.typeArguments[0];
  }
  if (writesItself || type.kind === ts.SyntaxKind.VoidKeyword) return undefined;
  return type.getText(source);
}

const isExported = (statement: ts.Statement): boolean =>
  ts.canHaveModifiers(statement) &&
  (ts.getModifiers(statement) ?? []).some(({ kind }) => kind === ts.SyntaxKind.ExportKeyword);

/**
 * What an answer type may name: the controller's imports, with relative specifiers made absolute
 * for a file elsewhere, and the types the controller file exports itself.
 */
function importsOf(source: ts.SourceFile, path: string): string[] {
  const own = source.statements
    .filter(
      (statement) => ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement),
    )
    .filter(isExported)
    .map(({ name }) => name.text);
  const ownImport =
    own.length > 0
      ? [`import type { ${own.join(', ')} } from '${path.replace(/\.ts$/, '')}';`]
      : [];
  return ownImport.concat(
    source.statements.filter(ts.isImportDeclaration).map((declaration) => {
      const specifier = (declaration.moduleSpecifier as ts.StringLiteral).text;
      const absolute = specifier.startsWith('.') ? resolve(dirname(path), specifier) : specifier;
      const clause = declaration.importClause?.getText(source);
      return clause ? `import type ${clause.replace(/^type\s+/, '')} from '${absolute}';` : '';
    }),
  );
}

function readController(path: string): ControllerFile {
  const source = ts.createSourceFile(
    path,
    readFileSync(path, 'utf8'),
    ts.ScriptTarget.ES2022,
    true,
  );
  const handlers = source.statements
    .filter(ts.isClassDeclaration)
    .filter((declaration) => decoratorNames(declaration).includes('Controller'))
    .flatMap((declaration) =>
      declaration.members.filter(ts.isMethodDeclaration).flatMap((method): Handler[] => {
        if (!decoratorNames(method).some((name) => HTTP_DECORATORS.has(name))) return [];
        const operationId = `${declaration.name?.text}_${method.name.getText(source)}`;
        const answerType = answerTypeOf(method, source, `${path}: ${operationId}`);
        return answerType ? [{ operationId, answerType }] : [];
      }),
    );
  return { path, imports: importsOf(source, path), handlers };
}

/** `Page<ReferralView>` becomes `Page_ReferralView`: component names are [A-Za-z0-9._-]. */
const componentName = (definition: string): string =>
  decodeURIComponent(definition)
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/_+$/, '');

function renameReferences(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(renameReferences);
  if (typeof schema !== 'object' || schema === null) return schema;
  return Object.fromEntries(
    Object.entries(schema).map(([key, value]) =>
      key === '$ref' && typeof value === 'string'
        ? [key, `${SCHEMA_PREFIX}${componentName(value.replace('#/definitions/', ''))}`]
        : [key, renameReferences(value)],
    ),
  );
}

/**
 * The answers of the handlers among `operationIds`, found in the controllers of
 * apps/<service>/src and of the libraries (health, audit records).
 */
export function generateAnswers(
  root: string,
  service: string,
  operationIds: ReadonlySet<string>,
): OpenApiAnswers {
  const controllers = [
    ...filesUnder(resolve(root, 'apps', service, 'src'), '.controller.ts'),
    ...filesUnder(resolve(root, 'libs'), '.controller.ts'),
  ]
    .map(readController)
    .map((file) => ({
      ...file,
      handlers: file.handlers.filter(({ operationId }) => operationIds.has(operationId)),
    }))
    .filter(({ handlers }) => handlers.length > 0);
  const directory = mkdtempSync(join(tmpdir(), 'concord-openapi-'));
  try {
    controllers.forEach(({ imports, handlers }, index) =>
      writeFileSync(
        join(directory, `answers-${index}.ts`),
        [
          ...imports,
          ...handlers.map(
            ({ operationId, answerType }) => `export type ${operationId} = ${answerType};`,
          ),
        ].join('\n'),
      ),
    );
    const generator = createGenerator({
      path: join(directory, '*.ts'),
      tsconfig: resolve(root, 'tsconfig.json'),
      type: '*',
      expose: 'export',
      topRef: true,
      skipTypeCheck: true,
      additionalProperties: false,
      jsDoc: 'extended',
      sortProps: true,
    });
    const definitions = generator.createSchema('*').definitions as Record<string, unknown>;
    const handlerIds = new Set(
      controllers.flatMap(({ handlers }) => handlers.map((h) => h.operationId)),
    );
    const operations: Record<string, unknown> = {};
    const schemas: Record<string, unknown> = {};
    for (const [name, schema] of Object.entries(definitions)) {
      if (handlerIds.has(name)) operations[name] = renameReferences(schema);
      else schemas[componentName(name)] = renameReferences(schema);
    }
    return JSON.parse(
      JSON.stringify({ operations: sortKeys(operations), schemas: sortKeys(schemas) }),
    ) as OpenApiAnswers;
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

const sortKeys = (record: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
