import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeJwt, decodeProtectedHeader, importSPKI, jwtVerify } from 'jose';
import { DEV_AUDIENCE, DEV_ISSUER, ensureDevKeyPair, mintToken } from './dev-keys';

describe('development keys and tokens', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'concord-dev-keys-'));
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('the private key file is readable by its owner only', async () => {
    await ensureDevKeyPair(dir);
    expect((await stat(join(dir, 'dev-private.pem'))).mode & 0o777).toBe(0o600);
    await expect(stat(join(dir, 'dev-public.pem'))).resolves.toBeDefined();
  });

  it('a second call reuses the key pair of the first', async () => {
    const first = await ensureDevKeyPair(dir);
    const second = await ensureDevKeyPair(dir);
    expect(second).toEqual(first);
  });

  it('services starting at once end up with one key pair', async () => {
    const pairs = await Promise.all([1, 2, 3, 4].map(() => ensureDevKeyPair(dir)));
    expect(new Set(pairs.map((pair) => pair.privateKeyPem)).size).toBe(1);
  });

  it('a minted token verifies against the public key with the dev issuer and audience', async () => {
    const { privateKeyPem, publicKeyPem } = await ensureDevKeyPair(dir);
    const organizationId = '0b7a3c9e-1f2d-4e5a-8b6c-7d8e9f0a1b2c';
    const token = await mintToken(
      privateKeyPem,
      { subject: 'dana', role: 'partner', organizationId },
      { issuer: DEV_ISSUER, audience: DEV_AUDIENCE, keyId: 'dev' },
    );
    const { payload, protectedHeader } = await jwtVerify(
      token,
      await importSPKI(publicKeyPem, 'ES256'),
      { issuer: DEV_ISSUER, audience: DEV_AUDIENCE },
    );
    expect(payload).toMatchObject({ sub: 'dana', role: 'partner', org: organizationId });
    expect(protectedHeader).toMatchObject({ alg: 'ES256', kid: 'dev' });
  });

  it('a minted token lives eight hours unless told otherwise', async () => {
    const { privateKeyPem } = await ensureDevKeyPair(dir);
    const options = { issuer: DEV_ISSUER, audience: DEV_AUDIENCE };
    const claims = { subject: 'ops', role: 'admin' } as const;
    const standard = decodeJwt(await mintToken(privateKeyPem, claims, options));
    const short = decodeJwt(
      await mintToken(privateKeyPem, claims, { ...options, expiresIn: '5m' }),
    );
    expect((standard.exp ?? 0) - (standard.iat ?? 0)).toBe(8 * 3600);
    expect((short.exp ?? 0) - (short.iat ?? 0)).toBe(300);
    expect(
      decodeProtectedHeader(await mintToken(privateKeyPem, claims, options)).kid,
    ).toBeUndefined();
  });

  it('a token the guard would reject is not minted', async () => {
    const { privateKeyPem } = await ensureDevKeyPair(dir);
    await expect(
      mintToken(
        privateKeyPem,
        { subject: 'dana', role: 'partner' },
        { issuer: DEV_ISSUER, audience: DEV_AUDIENCE },
      ),
    ).rejects.toThrow('token claim org is required for role partner');
  });
});
