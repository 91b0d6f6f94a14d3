import { createHash } from 'node:crypto';
import { Client } from 'pg';

/**
 * The most statement texts one process prepares by name. TypeORM builds a few texts per entity
 * and operation, and our own SQL is fixed; a text past the limit (an `IN (...)` list of a new
 * length, say) runs unnamed, as every statement did before.
 */
export const MAX_NAMED_STATEMENTS = 2000;

const names = new Map<string, string>();

/** The name `text` is prepared under on every connection, or undefined past the limit. */
export function statementName(text: string): string | undefined {
  let name = names.get(text);
  if (name === undefined && names.size < MAX_NAMED_STATEMENTS) {
    name = `concord_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    names.set(text, name);
  }
  return name;
}

type Query = (...args: unknown[]) => unknown;

/**
 * The pg client every service's pool uses (TypeORM's `extra.Client`): a statement with
 * parameters is prepared once per connection under a name derived from its text, and then only
 * bound and executed, so PostgreSQL parses and plans it once instead of on every call (after five
 * executions it may keep a generic plan). Statements without parameters — transaction control,
 * migrations' DDL — run as before.
 */
export class PreparedStatementsClient extends Client {
  constructor(config?: ConstructorParameters<typeof Client>[0]) {
    super(config);
    const query = (super.query as Query).bind(this);
    this.query = ((...args: unknown[]) => {
      const [text, values, ...rest] = args;
      if (typeof text === 'string' && Array.isArray(values) && values.length > 0) {
        const name = statementName(text);
        if (name !== undefined) return query({ name, text, values }, ...rest);
      }
      return query(...args);
    }) as Client['query'];
  }
}
