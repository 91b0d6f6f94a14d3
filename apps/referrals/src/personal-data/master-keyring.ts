import { createHash } from 'node:crypto';

/** A master key: it wraps (encrypts) the data keys of referrals; its id is stored with each. */
export interface MasterKey {
  readonly id: string;
  readonly key: Buffer;
}

/** The master keys a process holds, newest first: new data keys are wrapped under the first. */
export type MasterKeyring = readonly [MasterKey, ...MasterKey[]];

export const MASTER_KEYS_SETTING = 'REFERRALS_MASTER_KEYS';
const KEY_ID = /^[A-Za-z0-9._-]{1,64}$/;
const BASE64_32_BYTES = /^[A-Za-z0-9+/]{43}=$/;

/**
 * The key that seals referrals outside production when no master key is set, so that
 * `npm start` works on a fresh clone. It is in this source file: data under it is not protected,
 * production never accepts it, and `npm run referrals:rotate-key` moves data away from it.
 */
export const DEVELOPMENT_MASTER_KEY: MasterKey = {
  id: 'development',
  key: createHash('sha256').update('concord referrals development master key').digest(),
};

export type KeyringParse =
  | { readonly ok: true; readonly keys: readonly MasterKey[] }
  | { readonly ok: false; readonly problem: string };

/** `id:base64,id:base64,...`, newest first: each id unique, each key 32 bytes in base64. */
export function parseMasterKeys(setting: string): KeyringParse {
  const keys: MasterKey[] = [];
  for (const entry of setting.split(',').map((item) => item.trim())) {
    const colon = entry.indexOf(':');
    const id = colon < 0 ? '' : entry.slice(0, colon);
    const material = entry.slice(colon + 1);
    if (!KEY_ID.test(id)) {
      return {
        ok: false,
        problem: `each entry must be <id>:<key>, the id letters, digits, ".", "_" or "-"`,
      };
    }
    if (id === DEVELOPMENT_MASTER_KEY.id) {
      return { ok: false, problem: `the id "${id}" is reserved for the development key` };
    }
    if (!BASE64_32_BYTES.test(material)) {
      return {
        ok: false,
        problem: `the key of "${id}" must be 32 bytes in base64 (openssl rand -base64 32)`,
      };
    }
    if (keys.some((key) => key.id === id)) {
      return { ok: false, problem: `the id "${id}" is given twice` };
    }
    keys.push({ id, key: Buffer.from(material, 'base64') });
  }
  return { ok: true, keys };
}

/**
 * The keyring of a process: the given keys, newest first, and outside production the
 * development key after them (it opens what was sealed before a key was set). Production
 * without keys has no keyring; the configuration refuses to start before this is asked.
 */
export function masterKeyring(
  setting: string | undefined,
  production: boolean,
): MasterKeyring | undefined {
  const parsed = setting ? parseMasterKeys(setting) : { ok: true as const, keys: [] };
  if (!parsed.ok) return undefined;
  const keys = production ? parsed.keys : [...parsed.keys, DEVELOPMENT_MASTER_KEY];
  const [newest, ...older] = keys;
  return newest ? [newest, ...older] : undefined;
}
