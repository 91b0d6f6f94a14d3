import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const PREFIX = 'aes-256-gcm:v1:';

/**
 * Webhook secrets at rest: AES-256-GCM under WEBHOOK_SECRETS_KEY, so that a copy of the database
 * (a backup, a replica, a stolen dump) does not let anyone sign calls to a partner's receiver.
 * Signing needs the secret itself, so it is encrypted, not hashed.
 */
export function sealWebhookSecret(key: Buffer | undefined, secret: string): string {
  if (!key) return secret;
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const sealed = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return `${PREFIX}${[iv, cipher.getAuthTag(), sealed].map((part) => part.toString('base64url')).join(':')}`;
}

/**
 * The secret behind a stored value. A value without the prefix was stored before a key was set
 * (or in development without one) and is used as it is.
 */
export function openWebhookSecret(key: Buffer | undefined, stored: string): string {
  if (!stored.startsWith(PREFIX)) return stored;
  if (!key) throw new Error('a webhook secret is encrypted but WEBHOOK_SECRETS_KEY is not set');
  const [iv, tag, sealed] = stored
    .slice(PREFIX.length)
    .split(':')
    .map((part) => Buffer.from(part, 'base64url'));
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(sealed), decipher.final()]).toString('utf8');
}
