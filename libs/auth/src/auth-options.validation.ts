import { AuthOptions } from './auth.options';

const isSet = (value: string | undefined): boolean => value !== undefined && value !== '';

/** Fails start-up on options that would otherwise reject (or accept) every token at run time. */
export function assertValidAuthOptions(options: AuthOptions): void {
  const problems: string[] = [];
  if (!options.issuer) problems.push('issuer is required');
  if (!options.audience) problems.push('audience is required');
  const sources = [options.oidcIssuer, options.jwksUrl, options.publicKeyPem].filter(isSet);
  if (sources.length !== 1) {
    problems.push(
      'set exactly one of oidcIssuer or jwksUrl (production) and publicKeyPem (development)',
    );
  }
  if (isSet(options.jwksUrl) && !URL.canParse(options.jwksUrl ?? '')) {
    problems.push(`jwksUrl is not a URL: ${options.jwksUrl}`);
  }
  if (isSet(options.oidcIssuer)) {
    if (!URL.canParse(options.oidcIssuer ?? '')) {
      problems.push(`oidcIssuer is not a URL: ${options.oidcIssuer}`);
    } else if (options.oidcIssuer !== options.issuer) {
      problems.push('issuer must equal oidcIssuer');
    }
  }
  const cooldown = options.jwksCooldownSeconds;
  if (cooldown !== undefined && !(Number.isInteger(cooldown) && cooldown >= 0)) {
    problems.push('jwksCooldownSeconds must be a whole number of seconds, 0 or more');
  }
  if (problems.length > 0) {
    throw new Error(`AuthModule options are invalid: ${problems.join('; ')}`);
  }
}
