import { Pool } from 'pg';
import {
  PreparedStatementsClient,
  statementName,
} from '../../libs/platform/src/prepared-statements';
import { createTestDatabase, dropTestDatabase } from '../support/infrastructure';

/** The services' pg client against the real PostgreSQL: one connection, so its session is seen. */
describe('the pg client that prepares statements', () => {
  let url: string;
  let pool: Pool;

  beforeAll(async () => {
    url = await createTestDatabase('prepared');
    pool = new Pool({ connectionString: url, max: 1, Client: PreparedStatementsClient });
  });

  afterAll(async () => {
    await pool.end();
    await dropTestDatabase(url);
  });

  const prepared = async () =>
    (
      await pool.query<{ name: string }>('SELECT name FROM pg_prepared_statements ORDER BY name')
    ).rows.map((row) => row.name);

  it('prepares a statement with parameters once per connection and answers each call', async () => {
    const text = 'SELECT $1::int + 1 AS next';
    const answers = [];
    for (const value of [1, 2, 3]) answers.push((await pool.query(text, [value])).rows[0]);
    expect(answers).toEqual([{ next: 2 }, { next: 3 }, { next: 4 }]);
    expect(await prepared()).toEqual([statementName(text)]);
  });

  it('runs a statement without parameters unnamed', async () => {
    const before = await prepared();
    expect((await pool.query('SELECT 41 + 1 AS answer')).rows).toEqual([{ answer: 42 }]);
    expect(await prepared()).toEqual(before);
  });

  it('reports a failing prepared statement as the error it is, and the connection goes on', async () => {
    await expect(pool.query('SELECT 1 / $1::int AS q', [0])).rejects.toThrow('division by zero');
    expect((await pool.query('SELECT 1 / $1::int AS q', [1])).rows).toEqual([{ q: 1 }]);
  });
});
