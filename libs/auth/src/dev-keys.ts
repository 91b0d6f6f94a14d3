import { createPublicKey, randomUUID } from 'node:crypto';
import { link, mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { exportPKCS8, generateKeyPair, importPKCS8, SignJWT } from 'jose';
import { Caller } from './caller';
import { callerFromClaims } from './token-claims';

/** Issuer and audience of development tokens; services in development verify against these. */
export const DEV_ISSUER = 'concord-dev';
export const DEV_AUDIENCE = 'concord';

const PRIVATE_KEY_FILE = 'dev-private.pem';
const PUBLIC_KEY_FILE = 'dev-public.pem';

export interface DevKeyPair {
  readonly privateKeyPem: string;
  readonly publicKeyPem: string;
}

/**
 * The development ES256 key pair in `dir`, created on first use. Several services may start at
 * once, so the private key appears atomically (link of a complete file) and the first one wins;
 * the public key is always derived from it, so the two cannot disagree.
 */
export async function ensureDevKeyPair(dir: string): Promise<DevKeyPair> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const privatePath = join(dir, PRIVATE_KEY_FILE);
  const privateKeyPem = (await readIfExists(privatePath)) ?? (await createPrivateKey(privatePath));
  const publicKeyPem = createPublicKey(privateKeyPem)
    .export({ type: 'spki', format: 'pem' })
    .toString();
  const publicPath = join(dir, PUBLIC_KEY_FILE);
  if ((await readIfExists(publicPath)) !== publicKeyPem) {
    await writeAtomically(publicPath, publicKeyPem, 0o644);
  }
  return { privateKeyPem, publicKeyPem };
}

export interface MintTokenOptions {
  readonly issuer: string;
  readonly audience: string;
  /** A jose duration such as '30m', '8h' or '7d'; a negative one ('-1h') mints an expired token. */
  readonly expiresIn?: string;
  readonly keyId?: string;
}

/** Signs a token that JwtAuthGuard accepts for `claims`; refuses claims it would reject. */
export async function mintToken(
  privateKeyPem: string,
  claims: Caller,
  options: MintTokenOptions,
): Promise<string> {
  const caller = callerFromClaims({
    sub: claims.subject,
    role: claims.role,
    org: claims.organizationId,
  });
  const key = await importPKCS8(privateKeyPem, 'ES256');
  const custom =
    caller.organizationId === undefined
      ? { role: caller.role }
      : { role: caller.role, org: caller.organizationId };
  return new SignJWT(custom)
    .setProtectedHeader({
      alg: 'ES256',
      typ: 'JWT',
      ...(options.keyId ? { kid: options.keyId } : {}),
    })
    .setSubject(caller.subject)
    .setIssuer(options.issuer)
    .setAudience(options.audience)
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '8h')
    .sign(key);
}

async function createPrivateKey(path: string): Promise<string> {
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  const pem = await exportPKCS8(privateKey);
  const staging = `${path}.${randomUUID()}.tmp`;
  await writeFile(staging, pem, { mode: 0o600 });
  try {
    await link(staging, path);
    return pem;
  } catch (error) {
    if (isErrorCode(error, 'EEXIST')) return readFile(path, 'utf8');
    throw error;
  } finally {
    await unlink(staging);
  }
}

async function writeAtomically(path: string, content: string, mode: number): Promise<void> {
  const staging = `${path}.${randomUUID()}.tmp`;
  await writeFile(staging, content, { mode });
  await rename(staging, path);
}

async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if (isErrorCode(error, 'ENOENT')) return undefined;
    throw error;
  }
}

/** Structural, because errors from node:fs may come from another realm (e.g. under Jest). */
function isErrorCode(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === code;
}
