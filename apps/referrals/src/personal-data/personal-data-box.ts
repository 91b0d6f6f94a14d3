import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { MASTER_KEYS_SETTING, MasterKey, MasterKeyring } from './master-keyring';

/** What a row stores of its data key: the key wrapped under a master key, and that key's id. */
export interface SealedDataKey {
  readonly keyId: string;
  readonly dataKey: Buffer;
}

/**
 * What a sealed value is for, bound into its authentication tag: a value sealed as one thing
 * does not open as another (a referral's notes in place of its details, say).
 */
export type SealPurpose = 'details' | 'notes' | 'decline-note' | 'replay';

const ALGORITHM = 'aes-256-gcm';
/** The first byte of every wrapped key and sealed value: the layout below, version 1. */
const FORMAT = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;

/** A master key this process does not hold, or one that does not open what it should. */
export class MasterKeyMismatch extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MasterKeyMismatch';
  }
}

function encrypt(key: Buffer, plain: Buffer, purpose: string): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, iv).setAAD(Buffer.from(purpose));
  const sealed = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([Buffer.of(FORMAT), iv, cipher.getAuthTag(), sealed]);
}

/** Throws when the key is not the one it was sealed under, or the bytes were altered. */
function decrypt(key: Buffer, stored: Buffer, purpose: string): Buffer {
  if (stored[0] !== FORMAT) throw new Error(`sealed value of unknown format ${stored[0]}`);
  const iv = stored.subarray(1, 1 + IV_BYTES);
  const tag = stored.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
  const decipher = createDecipheriv(ALGORITHM, key, iv).setAAD(Buffer.from(purpose));
  decipher.setAuthTag(tag);
  return Buffer.concat([
    decipher.update(stored.subarray(1 + IV_BYTES + TAG_BYTES)),
    decipher.final(),
  ]);
}

/**
 * Envelope encryption of personal data: each referral has its own random data key that seals
 * its values (AES-256-GCM), and the data key is stored wrapped under a master key
 * (REFERRALS_MASTER_KEYS) with that key's id. A copy of the database without the master key opens
 * nothing; rotating the master key re-wraps the data keys and leaves the values as they are.
 */
export class PersonalDataBox {
  /** Data keys already unwrapped, per stored (wrapped) buffer: one unwrap per row read. */
  private readonly unwrapped = new WeakMap<Buffer, Buffer>();

  constructor(readonly keyring: MasterKeyring) {}

  get newestKeyId(): string {
    return this.keyring[0].id;
  }

  /** A new data key, wrapped under the newest master key. */
  newDataKey(): SealedDataKey {
    const plain = randomBytes(KEY_BYTES);
    const [newest] = this.keyring;
    const dataKey = encrypt(newest.key, plain, `data-key:${newest.id}`);
    this.unwrapped.set(dataKey, plain);
    return { keyId: newest.id, dataKey };
  }

  seal(owner: SealedDataKey, purpose: SealPurpose, value: unknown): Buffer {
    return encrypt(this.dataKeyOf(owner), Buffer.from(JSON.stringify(value)), purpose);
  }

  open<T>(owner: SealedDataKey, purpose: SealPurpose, sealed: Buffer): T {
    return JSON.parse(decrypt(this.dataKeyOf(owner), sealed, purpose).toString('utf8')) as T;
  }

  /** The same data key wrapped under the newest master key (what rotation stores). */
  rewrap(owner: SealedDataKey): SealedDataKey {
    const plain = this.dataKeyOf(owner);
    const [newest] = this.keyring;
    return { keyId: newest.id, dataKey: encrypt(newest.key, plain, `data-key:${newest.id}`) };
  }

  /** Unwraps the data key, or says which master key is missing or wrong. */
  dataKeyOf(owner: SealedDataKey): Buffer {
    const cached = this.unwrapped.get(owner.dataKey);
    if (cached) return cached;
    const master = this.masterKey(owner.keyId);
    let plain: Buffer;
    try {
      plain = decrypt(master.key, owner.dataKey, `data-key:${owner.keyId}`);
    } catch {
      throw new MasterKeyMismatch(
        `the master key "${owner.keyId}" in ${MASTER_KEYS_SETTING} does not open the data keys stored under that id: it is not the key they were wrapped with`,
      );
    }
    this.unwrapped.set(owner.dataKey, plain);
    return plain;
  }

  private masterKey(id: string): MasterKey {
    const found = this.keyring.find((key) => key.id === id);
    if (!found) {
      throw new MasterKeyMismatch(
        `personal data is sealed under master key "${id}", which is not in ${MASTER_KEYS_SETTING} (it holds ${this.keyring.map((key) => `"${key.id}"`).join(', ')})`,
      );
    }
    return found;
  }
}
