import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import { isSecretSetting, redactSecrets } from './secret-redaction.util';

/** A configuration that cannot run: the message names every wrong or missing setting. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

/** What was given, for the message: never a secret setting's value nor a password in a URL. */
const shownValue = (error: ValidationError): string => {
  if (error.value === undefined) return 'missing';
  if (isSecretSetting(error.property)) return 'got a value, not shown: the setting is a secret';
  return `got ${redactSecrets(JSON.stringify(error.value)).slice(0, 80)}`;
};

const describe = (error: ValidationError): string => {
  const shown = shownValue(error);
  return `${error.property}: ${Object.values(error.constraints ?? {}).join('; ')} (${shown})`;
};

/** Reads `configClass` from the environment; unset variables keep the class's defaults. */
export function loadConfig<C extends object>(
  configClass: new () => C,
  env: NodeJS.ProcessEnv = process.env,
): C {
  const defaults = new configClass() as Record<string, unknown>;
  const given = Object.fromEntries(
    Object.keys(env)
      .filter((name) => env[name] !== undefined && env[name] !== '')
      .map((name) => [name, env[name]]),
  );
  const config = plainToInstance(configClass, { ...defaults, ...given });
  const errors = validateSync(config, { whitelist: true });
  if (errors.length > 0) {
    throw new ConfigError(errors.map(describe));
  }
  return config;
}
