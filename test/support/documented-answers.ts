import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Ajv2020, { ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { ROOT } from './service-process';

type JsonSchema = Record<string, unknown>;

interface MediaType {
  schema?: JsonSchema;
}

interface DocumentedResponse {
  description: string;
  content?: Record<string, MediaType>;
}

export interface DocumentedOperation {
  readonly service: string;
  readonly method: string;
  /** As in the document, e.g. /referrals/{id}/accept. */
  readonly path: string;
  readonly responses: Record<string, DocumentedResponse>;
  readonly roles?: readonly string[];
  readonly hasBody: boolean;
  readonly isPublic: boolean;
  readonly parameters: readonly { name: string; in: string }[];
  readonly matcher: RegExp;
}

interface Document {
  paths: Record<string, Record<string, Record<string, unknown>>>;
  components?: Record<string, unknown>;
}

/** What came back from one call. */
export interface Answer {
  readonly status: number;
  readonly contentType: string;
  readonly text: string;
}

const METHODS = new Set(['get', 'put', 'post', 'delete', 'patch']);

/** `/referrals/{id}/accept` matches /referrals/<anything but a slash>/accept; `{path}` any rest. */
const matcherOf = (template: string): RegExp =>
  new RegExp(
    `^${template
      .split(/(\{[^}]+\})/)
      .map((part) =>
        part === '{path}'
          ? '.+'
          : part.startsWith('{')
            ? '[^/]+'
            : part.replace(/[.*+?^$()|[\]\\]/g, '\\$&'),
      )
      .join('')}$`,
  );

/**
 * The committed OpenAPI documents (docs/openapi/<service>.json) as a referee: each answer a test
 * gets is checked against the document's entry for its operation and status, with a JSON Schema
 * validator (Ajv, draft 2020-12, the dialect of OpenAPI 3.1). Problems are collected, not thrown,
 * so that one run lists every answer that goes undescribed.
 */
export class DocumentedAnswers {
  readonly problems: string[] = [];
  /** `service METHOD path status` of every answer that matched its document. */
  readonly checked = new Set<string>();
  readonly operations: DocumentedOperation[];
  private readonly ajv = addFormats(new Ajv2020({ strict: false, allErrors: true }));
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(private readonly documents: Record<string, Document>) {
    this.operations = Object.entries(documents).flatMap(([service, document]) =>
      Object.entries(document.paths).flatMap(([path, item]) =>
        Object.entries(item)
          .filter(([method]) => METHODS.has(method))
          .map(([method, operation]) => ({
            service,
            method: method.toUpperCase(),
            path,
            responses: operation.responses as Record<string, DocumentedResponse>,
            roles: operation['x-roles'] as string[] | undefined,
            hasBody: operation.requestBody !== undefined,
            isPublic: Array.isArray(operation.security) && operation.security.length === 0,
            parameters: (operation.parameters ?? []) as { name: string; in: string }[],
            matcher: matcherOf(path),
          })),
      ),
    );
    // A fixed path before a template that would also match it (/referrals/counts, /referrals/{id}).
    this.operations.sort((a, b) => a.path.split('{').length - b.path.split('{').length);
  }

  /** The problems found since `mark` (the length of `problems` then). */
  problemsSince(mark: number): string[] {
    return this.problems.slice(mark);
  }

  /** The documents of these services, as committed. */
  static committed(services: readonly string[]): DocumentedAnswers {
    return new DocumentedAnswers(
      Object.fromEntries(
        services.map((service) => [
          service,
          JSON.parse(
            readFileSync(resolve(ROOT, 'docs/openapi', `${service}.json`), 'utf8'),
          ) as Document,
        ]),
      ),
    );
  }

  operationOf(service: string, method: string, url: string): DocumentedOperation | undefined {
    const path = new URL(url, 'http://x').pathname;
    return this.operations.find(
      (operation) =>
        operation.service === service &&
        operation.method === method &&
        operation.matcher.test(path),
    );
  }

  /** Checks one answer against its operation and status; a mismatch goes to `problems`. */
  check(service: string, method: string, url: string, answer: Answer): void {
    const where = `${service} ${method} ${url} → ${answer.status}`;
    const operation = this.operationOf(service, method, url);
    if (!operation) {
      this.problems.push(`${where}: no operation of the document matches`);
      return;
    }
    const documented = operation.responses[String(answer.status)] ?? operation.responses.default;
    if (!documented) {
      this.problems.push(
        `${where}: the document lists ${Object.keys(operation.responses).join(', ')} only (${answer.text.slice(0, 200)})`,
      );
      return;
    }
    const problem = this.bodyProblem(service, documented, answer);
    if (problem) {
      this.problems.push(`${where}: ${problem}`);
      return;
    }
    this.checked.add(`${service} ${method} ${operation.path} ${answer.status}`);
  }

  private bodyProblem(
    service: string,
    documented: DocumentedResponse,
    answer: Answer,
  ): string | undefined {
    const content = documented.content;
    // A redirect's body is a courtesy line for people; Location says where to go.
    if (answer.status >= 300 && answer.status < 400) return undefined;
    // 204 No Content has no body, whatever the operation's other answers carry.
    if (answer.status === 204) return answer.text === '' ? undefined : 'a body on 204 No Content';
    if (!content) {
      return answer.text === '' ? undefined : `a body the document does not describe`;
    }
    const mediaType = answer.contentType.split(';')[0].trim();
    const entry = content[mediaType];
    if (!entry)
      return `content-type ${mediaType}, the document says ${Object.keys(content).join(', ')}`;
    if (mediaType !== 'application/json' || !entry.schema) return undefined;
    let body: unknown;
    try {
      body = JSON.parse(answer.text);
    } catch {
      return `not JSON: ${answer.text.slice(0, 200)}`;
    }
    const validate = this.validatorOf(service, entry.schema);
    if (validate(body)) return undefined;
    return `the body breaks the schema: ${this.ajv.errorsText(validate.errors, { separator: '; ' })} in ${answer.text.slice(0, 300)}`;
  }

  private validatorOf(service: string, schema: JsonSchema): ValidateFunction {
    const key = `${service}:${JSON.stringify(schema)}`;
    let validate = this.validators.get(key);
    if (!validate) {
      // The schema's $refs (#/components/schemas/…) resolve against the document's components.
      validate = this.ajv.compile({ ...schema, components: this.documents[service].components });
      this.validators.set(key, validate);
    }
    return validate;
  }
}
