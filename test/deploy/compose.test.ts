/**
 * docker-compose.yml against the code it runs: every app has a service, every setting its config
 * class requires is given (and the real loader accepts the lot), the databases exist, the
 * dependencies wait for health, and the published ports are the ones the services listen on.
 * Reads files only; needs no Docker engine.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, posix, resolve } from 'node:path';
import { getMetadataStorage, ValidationTypes } from 'class-validator';
import { parse } from 'yaml';
import { ensureDevKeyPair } from '@concord/auth';
import { loadConfig, ServiceConfig } from '@concord/platform';

const ROOT = resolve(__dirname, '../..');
const COMPOSE_FILE = join(ROOT, 'docker-compose.yml');
/** Required by the config classes only conditionally: one of the three must be given. */
const AUTH_SETTINGS = ['AUTH_JWKS_URL', 'AUTH_OIDC_ISSUER', 'AUTH_PUBLIC_KEY_FILE'];
/**
 * Settings a service runs without: the consumer group defaults to its name, e-mail is off, roles
 * unmapped, events unsigned (EVENT_SIGNING_KEYS, see docs/security.md), API docs and the rate-limit
 * store by NODE_ENV; the
 * webhook settings are required (key) or defaulted (private networks) only by NODE_ENV=production,
 * and so are the referrals' master keys (a development key seals personal data without them) and
 * the console's OpenID client (development signs in with the development key instead; the secret
 * and the resource indicator depend on the provider).
 */
const OPTIONAL_SETTINGS = [
  'KAFKA_GROUP_ID',
  'SMTP_URL',
  'AUTH_ROLE_MAP',
  'EVENT_SIGNING_KEYS',
  'API_DOCS',
  'RATE_LIMIT_STORE',
  'METRICS_PORT',
  'WEBHOOK_SECRETS_KEY',
  'WEBHOOK_ALLOW_PRIVATE_NETWORKS',
  'REFERRALS_MASTER_KEYS',
  'CONSOLE_OIDC_CLIENT_ID',
  'CONSOLE_OIDC_CLIENT_SECRET',
  'CONSOLE_OIDC_RESOURCE',
  'CONSOLE_DEV_PRIVATE_KEY_FILE',
  'SURVEY_FORM_SECRET',
  'SURVEY_PUBLIC_BASE_URL',
  // The broker connection's TLS and SASL: used only with KAFKA_SECURITY_PROTOCOL SSL or SASL_*.
  'KAFKA_SSL_CA_FILE',
  'KAFKA_SSL_CERT_FILE',
  'KAFKA_SSL_KEY_FILE',
  'KAFKA_SASL_USERNAME',
  'KAFKA_SASL_PASSWORD',
];

type Environment = Record<string, string | undefined>;

interface ComposeService {
  image?: string;
  build?: unknown;
  command?: string | string[];
  environment?: Record<string, string | number | boolean | null> | string[];
  ports?: (string | number | { target: number | string; published?: number | string })[];
  depends_on?: string[] | Record<string, { condition: string }>;
  volumes?: (string | { type: string; source?: string; target: string; read_only?: boolean })[];
  healthcheck?: { test?: string | string[] };
}

interface ComposeFile {
  services: Record<string, ComposeService>;
}

/** Merge keys (<<: *anchor) on, as Docker Compose reads them. */
const compose = parse(readFileSync(COMPOSE_FILE, 'utf8'), { merge: true }) as ComposeFile;
const APPS = readdirSync(join(ROOT, 'apps'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

function commandOf(service: ComposeService): string {
  return Array.isArray(service.command) ? service.command.join(' ') : (service.command ?? '');
}

/** The compose service that runs `app`, by the entry point its command starts. */
function serviceRunning(app: string): [string, ComposeService] | undefined {
  const main = new RegExp(`(^|[\\s/])dist/apps/${app}/src/main\\.js(\\s|$)`);
  return Object.entries(compose.services).find(([, service]) => main.test(commandOf(service)));
}

function appService(app: string): [string, ComposeService] {
  const found = serviceRunning(app);
  if (!found) throw new Error(`no service in docker-compose.yml runs dist/apps/${app}/src/main.js`);
  return found;
}

/** The environment a container gets: map or KEY=VALUE list; null means "from the host", i.e. unset. */
function environmentOf(service: ComposeService): Environment {
  const env = service.environment ?? {};
  const entries = Array.isArray(env)
    ? env.map((line) => {
        const at = line.indexOf('=');
        return at < 0 ? [line, undefined] : [line.slice(0, at), line.slice(at + 1)];
      })
    : Object.entries(env).map(([name, value]) => [
        name,
        value === null ? undefined : String(value),
      ]);
  return Object.fromEntries(entries) as Environment;
}

function dependencies(service: ComposeService): Record<string, string> {
  const deps = service.depends_on ?? {};
  return Array.isArray(deps)
    ? Object.fromEntries(deps.map((name) => [name, 'service_started']))
    : Object.fromEntries(Object.entries(deps).map(([name, dep]) => [name, dep.condition]));
}

interface Mount {
  source: string;
  target: string;
  readOnly: boolean;
}

function mountsOf(service: ComposeService): Mount[] {
  return (service.volumes ?? []).map((volume) => {
    if (typeof volume !== 'string') {
      return { source: volume.source ?? '', target: volume.target, readOnly: !!volume.read_only };
    }
    const [source, target, mode = ''] = volume.split(':');
    return { source, target, readOnly: mode.split(',').includes('ro') };
  });
}

/** Published ports as [host, container]; accepts "[ip:]host:container[/tcp]", numbers and long syntax. */
function publishedPorts(service: ComposeService): [number, number][] {
  return (service.ports ?? []).map((port) => {
    if (typeof port === 'object') return [Number(port.published), Number(port.target)];
    const parts = String(port)
      .replace(/\/\w+$/, '')
      .split(':');
    const container = Number(parts[parts.length - 1]);
    return [parts.length >= 2 ? Number(parts[parts.length - 2]) : NaN, container];
  });
}

/** The exported subclass of ServiceConfig in apps/<app>/src/<app>.config.ts. */
async function configClassOf(app: string): Promise<new () => ServiceConfig> {
  const file = join(ROOT, 'apps', app, 'src', `${app}.config.ts`);
  const exports = (await import(file)) as Record<string, unknown>;
  const found = Object.values(exports).find(
    (value): value is new () => ServiceConfig =>
      typeof value === 'function' && value.prototype instanceof ServiceConfig,
  );
  if (!found) throw new Error(`${file} exports no subclass of ServiceConfig`);
  return found;
}

/**
 * What a config class needs from the environment: validated properties that have no default.
 * `conditional` ones are validated only under a condition (@ValidateIf, @IsOptional).
 */
function requiredSettings(configClass: new () => ServiceConfig): {
  always: string[];
  conditional: string[];
} {
  const defaults = new configClass() as unknown as Record<string, unknown>;
  const metadata = getMetadataStorage().getTargetValidationMetadatas(configClass, '', true, false);
  const validated = [...new Set(metadata.map((meta) => meta.propertyName))];
  const withoutDefault = validated.filter((name) => defaults[name] === undefined).sort();
  const isConditional = (name: string) =>
    metadata.some(
      (meta) => meta.propertyName === name && meta.type === ValidationTypes.CONDITIONAL_VALIDATION,
    );
  return {
    always: withoutDefault.filter((name) => !isConditional(name)),
    conditional: withoutDefault.filter(isConditional),
  };
}

/** CREATE DATABASE / CREATE ROLE statements of the scripts postgres runs on its first start. */
function initScripts(): { databases: Map<string, string | undefined>; roles: Map<string, string> } {
  const postgres = compose.services.postgres;
  const scripts = mountsOf(postgres)
    .filter((mount) => mount.target.startsWith('/docker-entrypoint-initdb.d'))
    .map((mount) => resolve(ROOT, mount.source));
  const sql = scripts.map((file) => readFileSync(file, 'utf8')).join('\n');
  const databases = new Map<string, string | undefined>();
  for (const match of sql.matchAll(/CREATE DATABASE\s+"?(\w+)"?(?:[^;]*?\bOWNER\s+"?(\w+)"?)?/gi)) {
    databases.set(match[1], match[2]);
  }
  const roles = new Map<string, string>();
  for (const match of sql.matchAll(
    /CREATE (?:ROLE|USER)\s+"?(\w+)"?[^;]*?\bPASSWORD\s+'([^']*)'/gi,
  )) {
    roles.set(match[1], match[2]);
  }
  return { databases, roles };
}

describe('docker-compose.yml', () => {
  it('has a service for every app folder under apps/ that runs its dist main.js', () => {
    expect(APPS.length).toBeGreaterThan(0);
    const missing = APPS.filter((app) => !serviceRunning(app));
    expect(missing).toEqual([]);
    for (const app of APPS) {
      const [, service] = appService(app);
      expect(service.build).toBeDefined();
      expect(existsSync(join(ROOT, 'dist', 'apps', app, 'src', 'main.js'))).toBe(true);
    }
  });

  describe.each(APPS)('service for %s', (app) => {
    it('is given every setting its config class requires', async () => {
      const configClass = await configClassOf(app);
      const required = requiredSettings(configClass);
      // The derivation must see the class's validation metadata, or it would prove nothing.
      expect(required.always).toEqual(expect.arrayContaining(['DATABASE_URL', 'KAFKA_BROKERS']));
      expect(
        required.conditional.filter((name) => !OPTIONAL_SETTINGS.includes(name)).sort(),
      ).toEqual(AUTH_SETTINGS);

      const env = environmentOf(appService(app)[1]);
      const missing = required.always.filter((name) => !env[name]);
      expect(missing).toEqual([]);
      expect(AUTH_SETTINGS.filter((name) => env[name])).not.toEqual([]);
    });

    it('has an environment that the real config loader accepts', async () => {
      const configClass = await configClassOf(app);
      const env = environmentOf(appService(app)[1]);
      expect(() => loadConfig(configClass, env)).not.toThrow();
    });

    it('gets its public key from the volume a completed dev-keys run fills', async () => {
      const [, service] = appService(app);
      const keyFile = environmentOf(service).AUTH_PUBLIC_KEY_FILE;
      if (!keyFile) return; // AUTH_JWKS_URL instead: nothing to mount
      const keyMount = mountsOf(service).find((mount) => posix.dirname(keyFile) === mount.target);
      expect(keyMount).toBeDefined();
      expect(keyMount?.readOnly).toBe(true);

      // A dependency that must complete first mounts the same volume writable and creates the pair.
      const deps = dependencies(service);
      const writers = Object.entries(compose.services).filter(
        ([name, other]) =>
          deps[name] === 'service_completed_successfully' &&
          mountsOf(other).some(
            (mount) =>
              mount.source === keyMount?.source &&
              mount.target === keyMount.target &&
              !mount.readOnly,
          ) &&
          commandOf(other).includes(`ensureDevKeyPair('${keyMount?.target}')`),
      );
      expect(writers.map(([name]) => name)).toHaveLength(1);

      // ...under the file name ensureDevKeyPair really writes.
      const dir = mkdtempSync(join(tmpdir(), 'concord-keys-'));
      try {
        await ensureDevKeyPair(dir);
        expect(readdirSync(dir)).toContain(basename(keyFile));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('has a DATABASE_URL that names a database the init script creates, as its owner', () => {
      const url = new URL(environmentOf(appService(app)[1]).DATABASE_URL ?? '');
      const database = url.pathname.slice(1);
      const { databases, roles } = initScripts();
      expect(url.hostname).toBe('postgres');
      expect([...databases.keys()]).toContain(database);
      const owner = databases.get(database);
      if (owner && decodeURIComponent(url.username) !== 'postgres') {
        expect(decodeURIComponent(url.username)).toBe(owner);
        expect(decodeURIComponent(url.password)).toBe(roles.get(owner));
      }
    });

    it('depends on kafka and postgres with condition service_healthy', () => {
      const [, service] = appService(app);
      const env = environmentOf(service);
      const deps = dependencies(service);
      expect(deps).toMatchObject({ kafka: 'service_healthy', postgres: 'service_healthy' });
      // ...which are the hosts it connects to, and which have health checks to wait for.
      const hosts = [
        new URL(env.DATABASE_URL ?? '').hostname,
        ...(env.KAFKA_BROKERS ?? '').split(',').map((broker) => broker.trim().split(':')[0]),
      ];
      for (const host of new Set(hosts)) {
        expect(deps[host]).toBe('service_healthy');
        expect(compose.services[host]?.healthcheck?.test).toBeDefined();
      }
    });

    it('publishes its port as the HTTP_PORT it is given, and checks /health there', async () => {
      const [, service] = appService(app);
      const env = environmentOf(service);
      const { HTTP_PORT } = loadConfig(await configClassOf(app), env);
      expect(env.HTTP_PORT).toBe(String(HTTP_PORT)); // the health check below reads it
      expect(publishedPorts(service)).toEqual([[HTTP_PORT, HTTP_PORT]]);
      const test = service.healthcheck?.test ?? '';
      const check = Array.isArray(test) ? test.join(' ') : test;
      expect(check).toContain('process.env.HTTP_PORT');
      expect(check).toContain('/health');
    });
  });

  it('publishes a different port for every service', () => {
    const hostPorts = APPS.flatMap((app) =>
      publishedPorts(appService(app)[1]).map(([host]) => host),
    );
    expect(new Set(hostPorts).size).toBe(hostPorts.length);
  });

  it('lets the services reach the broker on the listener it advertises to them', () => {
    const advertised = String(
      environmentOf(compose.services.kafka).KAFKA_ADVERTISED_LISTENERS ?? '',
    ).split(',');
    for (const app of APPS) {
      const brokers = (environmentOf(appService(app)[1]).KAFKA_BROKERS ?? '').split(',');
      for (const broker of brokers) {
        expect(advertised.map((listener) => listener.replace(/^\w+:\/\//, ''))).toContain(
          broker.trim(),
        );
      }
    }
  });

  it('mounts only files that exist in the repository', () => {
    const binds = Object.values(compose.services)
      .flatMap(mountsOf)
      .filter((mount) => mount.source.startsWith('.') || mount.source.startsWith('/'));
    for (const mount of binds) {
      expect(existsSync(resolve(ROOT, mount.source))).toBe(true);
    }
    expect(existsSync(join(ROOT, 'Dockerfile'))).toBe(true);
  });

  it('builds the services on a Node.js 24 image, the version package.json requires', () => {
    const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
    const engines = (
      JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
        engines: { node: string };
      }
    ).engines.node;

    expect(/^ARG NODE_IMAGE=(\S+)$/m.exec(dockerfile)?.[1]).toMatch(/^node:24-/);
    expect(engines).toBe('>=24');
  });
});
