import { ConfigError, loadConfig } from '@concord/platform';
import { ConsoleConfig } from './console.config';

const DEVELOPMENT = {
  DATABASE_URL: 'postgres://console@127.0.0.1:5432/concord_console',
  KAFKA_BROKERS: '127.0.0.1:9092',
  AUTH_PUBLIC_KEY_FILE: '/dev/null',
};
const PRODUCTION = {
  ...DEVELOPMENT,
  NODE_ENV: 'production',
  // A plaintext broker, allowed: the Kafka settings have tests of their own.
  KAFKA_ALLOW_PLAINTEXT: 'true',
  AUTH_PUBLIC_KEY_FILE: '',
  AUTH_OIDC_ISSUER: 'https://login.agency.example',
  CONSOLE_OIDC_CLIENT_ID: 'concord-console',
  CONSOLE_PUBLIC_URL: 'https://console.agency.example',
};

const problemsOf = (env: Record<string, string>): string[] => {
  try {
    loadConfig(ConsoleConfig, env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
};

describe('ConsoleConfig', () => {
  it('offers the development sign-in outside production when given the development key', () => {
    const config = loadConfig(ConsoleConfig, {
      ...DEVELOPMENT,
      CONSOLE_DEV_PRIVATE_KEY_FILE: '.cache/dev-keys/dev-private.pem',
    });
    expect({ development: config.devSignInAllowed, oidc: config.oidcSignInConfigured }).toEqual({
      development: true,
      oidc: false,
    });
  });

  it('refuses the development sign-in in production, naming the setting', () => {
    const problems = problemsOf({ ...PRODUCTION, CONSOLE_DEV_PRIVATE_KEY_FILE: '/keys/dev.pem' });
    expect(problems).toEqual([
      expect.stringMatching(/^CONSOLE_DEV_PRIVATE_KEY_FILE: .*must not be set in production/),
    ]);
  });

  it('requires the OpenID client in production, where it is the only way to sign in', () => {
    const { CONSOLE_OIDC_CLIENT_ID: _omitted, ...withoutClient } = PRODUCTION;
    expect(problemsOf(withoutClient)).toEqual([
      expect.stringMatching(/^CONSOLE_OIDC_CLIENT_ID: .*required in production/),
    ]);
    expect(loadConfig(ConsoleConfig, PRODUCTION).oidcSignInConfigured).toBe(true);
  });

  it('calls the five services where npm start runs them unless told otherwise', () => {
    const config = loadConfig(ConsoleConfig, {
      ...DEVELOPMENT,
      CONCORD_REFERRALS_URL: 'http://referrals:3001/',
    });
    expect(config.backendUrls).toEqual({
      referrals: 'http://referrals:3001',
      agreements: 'http://127.0.0.1:3002',
      funding: 'http://127.0.0.1:3003',
      notifications: 'http://127.0.0.1:3004',
      insights: 'http://127.0.0.1:3005',
    });
  });
});
