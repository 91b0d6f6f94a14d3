import { AuthOptions } from './auth.options';

/** Fails start-up on options that would otherwise reject (or accept) every token at run time. */
export function assertValidAuthOptions(options: AuthOptions): void {
  const problems: string[] = [];
  if (!options.issuer) problems.push('issuer is required');
  if (!options.audience) problems.push('audience is required');
  const hasJwks = options.jwksUrl !== undefined && options.jwksUrl !== '';
  const hasPem = options.publicKeyPem !== undefined && options.publicKeyPem !== '';
  if (hasJwks === hasPem) {
    problems.push('set exactly one of jwksUrl (production) and publicKeyPem (development)');
  }
  if (hasJwks && !URL.canParse(options.jwksUrl ?? '')) {
    problems.push(`jwksUrl is not a URL: ${options.jwksUrl}`);
  }
  if (problems.length > 0) {
    throw new Error(`AuthModule options are invalid: ${problems.join('; ')}`);
  }
}
