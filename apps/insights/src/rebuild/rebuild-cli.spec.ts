import { parseRebuildArgs } from './rebuild-cli';

const INITIATIVE = '8a4f7c7e-2f0b-4c4e-9d43-6b9f7f0c1a11';

describe('parseRebuildArgs', () => {
  it('defaults to the local database and broker that start-all.sh gives insights', () => {
    expect(parseRebuildArgs([], {})).toEqual({
      ok: true,
      settings: {
        databaseUrl: 'postgres://postgres@127.0.0.1:5432/concord_insights',
        brokers: ['127.0.0.1:9092'],
        security: expect.objectContaining({ protocol: 'PLAINTEXT' }),
        consumerGroup: 'insights',
        filters: {},
      },
    });
  });

  it('builds the defaults from the same PG* and KAFKA_PORT variables', () => {
    const parsed = parseRebuildArgs([], {
      PGUSER: 'me',
      PGHOST: 'db',
      PGPORT: '6543',
      KAFKA_PORT: '9093',
    });
    expect(parsed.ok && parsed.settings.databaseUrl).toBe('postgres://me@db:6543/concord_insights');
    expect(parsed.ok && parsed.settings.brokers).toEqual(['127.0.0.1:9093']);
  });

  it('reads DATABASE_URL, KAFKA_BROKERS and KAFKA_GROUP_ID', () => {
    const parsed = parseRebuildArgs([], {
      DATABASE_URL: 'postgres://x@h:1/db',
      KAFKA_BROKERS: 'k1:9092, k2:9092',
      KAFKA_GROUP_ID: 'insights-test',
    });
    expect(parsed.ok && parsed.settings).toMatchObject({
      databaseUrl: 'postgres://x@h:1/db',
      brokers: ['k1:9092', 'k2:9092'],
      consumerGroup: 'insights-test',
    });
  });

  it("reads the services' Kafka TLS and SASL settings, and names a wrong one", () => {
    const parsed = parseRebuildArgs([], {
      KAFKA_SECURITY_PROTOCOL: 'SASL_SSL',
      KAFKA_SASL_USERNAME: 'concord-insights',
      KAFKA_SASL_PASSWORD: 'a-scram-password',
    });
    expect(parsed.ok && parsed.settings.security).toMatchObject({
      protocol: 'SASL_SSL',
      saslMechanism: 'SCRAM-SHA-512',
      username: 'concord-insights',
    });
    expect(parseRebuildArgs([], { KAFKA_SECURITY_PROTOCOL: 'SASL_SSL' })).toEqual({
      ok: false,
      help: false,
      problems: [
        expect.stringMatching(/^KAFKA_SASL_USERNAME: .*required/),
        expect.stringMatching(/^KAFKA_SASL_PASSWORD: .*required/),
      ],
    });
  });

  it('takes the KPI filters GET /kpis takes', () => {
    const parsed = parseRebuildArgs(
      ['--initiative-id', INITIATIVE, '--category', 'youth', '--from', '2026-01-01T00:00:00Z'],
      {},
    );
    expect(parsed.ok && parsed.settings.filters).toEqual({
      initiativeId: INITIATIVE,
      category: 'youth',
      from: '2026-01-01T00:00:00Z',
    });
  });

  it('wants from and to with a time zone', () => {
    expect(parseRebuildArgs(['--from', '2026-01-01'], {})).toEqual({
      ok: false,
      help: false,
      problems: ['from must be a date-time with a time zone, e.g. 2026-01-31T09:00:00Z'],
    });
  });

  it('names a filter that breaks its rule, and an unknown option', () => {
    expect(parseRebuildArgs(['--partner-id', 'nope'], {})).toEqual({
      ok: false,
      help: false,
      problems: ['partnerId must be a UUID'],
    });
    const unknown = parseRebuildArgs(['--everything'], {});
    expect(!unknown.ok && unknown.problems[0]).toContain('--everything');
  });
});
