import { AuthModule } from './auth.module';

const BASE = { issuer: 'https://id.concord.test', audience: 'concord-api' };

describe('AuthModule.forRoot', () => {
  it('refuses both a key set and a local key', () => {
    expect(() =>
      AuthModule.forRoot({ ...BASE, jwksUrl: 'https://id.test/jwks', publicKeyPem: 'pem' }),
    ).toThrow(
      'set exactly one of oidcIssuer or jwksUrl (production) and publicKeyPem (development)',
    );
  });

  it('refuses neither a key set nor a local key', () => {
    expect(() => AuthModule.forRoot(BASE)).toThrow('set exactly one of oidcIssuer or jwksUrl');
  });

  it('refuses a missing issuer or audience', () => {
    expect(() =>
      AuthModule.forRoot({ issuer: '', audience: '', jwksUrl: 'https://id.test/jwks' }),
    ).toThrow('issuer is required; audience is required');
  });

  it('refuses a jwksUrl that is not a URL', () => {
    expect(() => AuthModule.forRoot({ ...BASE, jwksUrl: 'id.test/jwks' })).toThrow(
      'jwksUrl is not a URL',
    );
  });
});
