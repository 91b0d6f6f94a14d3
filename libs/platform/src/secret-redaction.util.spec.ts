import { Writable } from 'node:stream';
import { MinLength } from 'class-validator';
import { JsonLogger } from './json-logger';
import { loadConfig } from './load-config';
import { isSecretSetting, REDACTED, redactSecrets, redactValue } from './secret-redaction.util';
import { ServiceConfig } from './service-config';

const JWT =
  'eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ0ZXN0LWFkbWluIiwicm9sZSI6ImFkbWluIn0.c2lnbmF0dXJlLXBhcnQ';

describe('redactSecrets', () => {
  it('removes the token from an Authorization header value', () => {
    expect(redactSecrets(`authorization: Bearer ${JWT}`)).toBe(`authorization: Bearer ${REDACTED}`);
  });

  it('removes a JWT standing on its own', () => {
    expect(redactSecrets(`token ${JWT} rejected`)).not.toContain('eyJ');
  });

  it('removes the password from a DATABASE_URL but keeps user, host and database', () => {
    expect(redactSecrets('postgres://concord:s3cr3t@db:5432/referrals')).toBe(
      `postgres://concord:${REDACTED}@db:5432/referrals`,
    );
  });

  it('removes SMTP credentials from an SMTP_URL', () => {
    expect(redactSecrets('smtps://mailer:hunter2@smtp.example.org:465')).not.toContain('hunter2');
  });

  it('removes a secret given as key=value', () => {
    expect(redactSecrets('webhook secret=abcdef123 refused')).not.toContain('abcdef123');
  });

  it('leaves text without secrets as it was', () => {
    const text = 'referral 6f1c0f9e-0d0c-4c43-9a59-0b0d3e3c2d11 assigned to partner';
    expect(redactSecrets(text)).toBe(text);
  });
});

describe('redactValue', () => {
  it('replaces secret-named fields at any depth, e.g. a webhook secret or request headers', () => {
    const logged = redactValue({
      subscription: { webhook: { url: 'https://partner.example.org/hook', secret: 'whsec_123' } },
      req: { headers: { authorization: 'Basic dXNlcjpwYXNz', accept: 'application/json' } },
    });
    expect(JSON.stringify(logged)).not.toMatch(/whsec_123|dXNlcjpwYXNz/);
  });

  it('scrubs the message and stack of an error', () => {
    const error = new Error('connect failed for postgres://concord:pw123@db/referrals');
    expect(JSON.stringify(redactValue(error))).not.toContain('pw123');
  });

  it('stops at a cycle instead of recursing forever', () => {
    const cyclic: Record<string, unknown> = { name: 'loop' };
    cyclic.self = cyclic;
    expect(redactValue(cyclic)).toEqual({ name: 'loop', self: '[…]' });
  });
});

describe('JsonLogger', () => {
  it('never writes a bearer token or a URL password to the log line', () => {
    const lines: string[] = [];
    const stdoutWrite = process.stdout.write.bind(process.stdout);
    const sink = new Writable({
      write: (chunk, _encoding, done) => (lines.push(String(chunk)), done()),
    });
    process.stdout.write = sink.write.bind(sink) as typeof process.stdout.write;
    try {
      const logger = new JsonLogger('test', 'info');
      logger.log(`calling with Bearer ${JWT}`);
      logger.error(new Error('cannot reach postgres://concord:pw999@db/x'));
      logger.warn({ headers: { authorization: `Bearer ${JWT}` } });
    } finally {
      process.stdout.write = stdoutWrite;
    }
    expect(lines.join('')).toContain('calling with Bearer');
    expect(lines.join('')).not.toMatch(/eyJhbGci|pw999/);
  });
});

describe('loadConfig', () => {
  const env = {
    HTTP_PORT: '3000',
    KAFKA_BROKERS: '127.0.0.1:9092',
    AUTH_PUBLIC_KEY_FILE: '/dev/null',
  };

  it('names a bad DATABASE_URL without echoing its password', () => {
    expect(() =>
      loadConfig(ServiceConfig, { ...env, DATABASE_URL: 'mysql://concord:topsecret@db/x' }),
    ).toThrow(/^(?![\s\S]*topsecret)[\s\S]*DATABASE_URL/);
  });

  it('never shows the value of a secret-named setting', () => {
    class WithSecret extends ServiceConfig {
      @MinLength(32)
      WEBHOOK_SIGNING_SECRET = '';
    }
    expect(() =>
      loadConfig(WithSecret, {
        ...env,
        DATABASE_URL: 'postgres://x@db/x',
        WEBHOOK_SIGNING_SECRET: 'short-secret',
      }),
    ).toThrow(/^(?![\s\S]*short-secret)[\s\S]*WEBHOOK_SIGNING_SECRET/);
  });

  it('treats names like WEBHOOK_SECRET, SMTP_PASSWORD and REFERRALS_MASTER_KEYS as secrets, not AUTH_PUBLIC_KEY_FILE', () => {
    expect(
      ['WEBHOOK_SECRET', 'SMTP_PASSWORD', 'REFERRALS_MASTER_KEYS', 'AUTH_PUBLIC_KEY_FILE'].map(
        isSecretSetting,
      ),
    ).toEqual([true, true, true, false]);
  });
});
