import { randomBytes } from 'node:crypto';
import { openWebhookSecret, sealWebhookSecret } from './webhook-secret-box';

const KEY = randomBytes(32);
const SECRET = 'whsec-0123456789abcdef0123456789abcdef';

describe('webhook secrets at rest', () => {
  it('are stored without the secret in them and opened back to it', () => {
    const stored = sealWebhookSecret(KEY, SECRET);
    expect(stored).not.toContain(SECRET);
    expect(openWebhookSecret(KEY, stored)).toBe(SECRET);
  });

  it('are sealed differently each time (a fresh nonce)', () => {
    expect(sealWebhookSecret(KEY, SECRET)).not.toBe(sealWebhookSecret(KEY, SECRET));
  });

  it('do not open under another key', () => {
    expect(() => openWebhookSecret(randomBytes(32), sealWebhookSecret(KEY, SECRET))).toThrow();
  });

  it('do not open once altered', () => {
    const stored = sealWebhookSecret(KEY, SECRET);
    const altered = `${stored.slice(0, -2)}${stored.endsWith('A') ? 'B' : 'A'}${stored.slice(-1)}`;
    expect(() => openWebhookSecret(KEY, altered)).toThrow();
  });

  it('stored before a key was set are read as they are', () => {
    expect(openWebhookSecret(KEY, SECRET)).toBe(SECRET);
  });

  it('that are encrypted cannot be read without the key, and say which setting is missing', () => {
    expect(() => openWebhookSecret(undefined, sealWebhookSecret(KEY, SECRET))).toThrow(
      'WEBHOOK_SECRETS_KEY is not set',
    );
  });
});
