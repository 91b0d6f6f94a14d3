/**
 * deploy/kubernetes against Kubernetes, the operators and the code: every overlay renders with
 * `kubectl kustomize`; its core objects are valid Kubernetes (the kubernetes-models package) and
 * its Strimzi, CloudNativePG and Prometheus Operator objects match the project's own schemas
 * (deploy/kubernetes/schemas); and what a deployment of Concord needs is there, checked against
 * the apps, the topics of libs/contracts, the services' event manifests and the real config
 * loader. Needs kubectl (kustomize works offline), no cluster.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Ajv, { ValidateFunction } from 'ajv';
import { parse, parseAllDocuments } from 'yaml';
import { ALL_TOPICS, deadLetterTopicOf } from '@concord/contracts';
import { handledEvents } from '@concord/messaging';
import { loadConfig, ServiceConfig } from '@concord/platform';
import { SERVICE_MANIFESTS } from '../../scripts/concord-events';

const ROOT = resolve(__dirname, '../..');
const KUBERNETES = join(ROOT, 'deploy/kubernetes');
const OVERLAYS = ['dev', 'production'] as const;
type Overlay = (typeof OVERLAYS)[number];
const IMAGE = 'ghcr.io/concord/concord';
/** API groups whose objects the project's schemas cover instead of kubernetes-models. */
const OPERATOR_GROUPS = ['kafka.strimzi.io', 'postgresql.cnpg.io', 'monitoring.coreos.com'];
const APPS = readdirSync(join(ROOT, 'apps'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

type Json = Record<string, unknown>;
interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  // The tests read the parts they check; the validators check the whole.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  spec?: any;
  data?: Record<string, string>;
  stringData?: Record<string, string>;
}
interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}
interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: {
    secretKeyRef?: { name: string; key: string; optional?: boolean };
    configMapKeyRef?: { name: string; key: string };
  };
}
interface Container {
  name: string;
  image: string;
  command?: string[];
  ports?: { name?: string; containerPort: number }[];
  env?: EnvVar[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  resources?: { requests?: Json; limits?: Json };
  securityContext?: Json;
  readinessProbe?: Probe;
  livenessProbe?: Probe;
  volumeMounts?: { name: string; mountPath: string }[];
}
interface Probe {
  httpGet?: { path: string; port: string | number };
  periodSeconds?: number;
  failureThreshold?: number;
  initialDelaySeconds?: number;
}
interface PodSpec {
  securityContext?: Json;
  containers: Container[];
  volumes?: { name: string; secret?: { secretName: string; items?: { key: string }[] } }[];
}

const rendered = new Map<Overlay, KubeObject[]>();

/** The overlay as `kubectl kustomize` renders it; fails, saying so, when kubectl is missing. */
function render(overlay: Overlay): KubeObject[] {
  const cached = rendered.get(overlay);
  if (cached) return cached;
  let output: string;
  try {
    output = execFileSync('kubectl', ['kustomize', join(KUBERNETES, 'overlays', overlay)], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error(
        'kubectl is not installed (or not on PATH): these tests render deploy/kubernetes with `kubectl kustomize`, which needs no cluster; install kubectl 1.27 or later',
        { cause: error },
      );
    }
    throw new Error(`kubectl kustomize overlays/${overlay} failed: ${String(error)}`, {
      cause: error,
    });
  }
  const objects = parseAllDocuments(output)
    .map((document) => document.toJS() as KubeObject | null)
    .filter((object): object is KubeObject => object !== null);
  rendered.set(overlay, objects);
  return objects;
}

const isOperatorObject = (object: KubeObject): boolean =>
  OPERATOR_GROUPS.includes(object.apiVersion.split('/')[0]);

const describeObject = (object: KubeObject): string => `${object.kind}/${object.metadata.name}`;

function ofKind(overlay: Overlay, kind: string): KubeObject[] {
  return render(overlay).filter((object) => object.kind === kind);
}

function named(overlay: Overlay, kind: string, name: string): KubeObject {
  const found = ofKind(overlay, kind).find((object) => object.metadata.name === name);
  if (!found) throw new Error(`overlays/${overlay} has no ${kind} named ${name}`);
  return found;
}

/** The Deployment that runs `app`, found by the entry point its container starts. */
function deploymentOf(overlay: Overlay, app: string): KubeObject {
  const main = `dist/apps/${app}/src/main.js`;
  const found = ofKind(overlay, 'Deployment').filter((deployment) =>
    podSpec(deployment).containers.some(
      (container) => container.command?.includes(main) && !container.command.includes('migrate'),
    ),
  );
  if (found.length !== 1) {
    throw new Error(`overlays/${overlay} has ${found.length} Deployments running ${main}`);
  }
  return found[0];
}

const podSpec = (workload: KubeObject): PodSpec => workload.spec.template.spec as PodSpec;

function selects(selector: LabelSelector, labels: Record<string, string> = {}): boolean {
  const byLabel = Object.entries(selector.matchLabels ?? {}).every(
    ([key, value]) => labels[key] === value,
  );
  const byExpression = (selector.matchExpressions ?? []).every(({ key, operator, values }) => {
    if (operator === 'In') return values?.includes(labels[key]) ?? false;
    if (operator === 'NotIn') return !(values?.includes(labels[key]) ?? false);
    if (operator === 'Exists') return key in labels;
    return !(key in labels);
  });
  return byLabel && byExpression;
}

function secretValue(overlay: Overlay, name: string, key: string): string | undefined {
  const secret = ofKind(overlay, 'Secret').find((object) => object.metadata.name === name);
  if (secret?.stringData?.[key] !== undefined) return secret.stringData[key];
  const data = secret?.data?.[key];
  return data === undefined ? undefined : Buffer.from(data, 'base64').toString('utf8');
}

interface ResolvedVariable {
  value?: string;
  secret?: { name: string; key: string; optional: boolean };
}

/** A container's environment: ConfigMap values resolved, Secret references as references. */
function environmentOf(overlay: Overlay, container: Container): Map<string, ResolvedVariable> {
  const env = new Map<string, ResolvedVariable>();
  for (const source of container.envFrom ?? []) {
    if (!source.configMapRef) continue;
    const configMap = named(overlay, 'ConfigMap', source.configMapRef.name);
    for (const [key, value] of Object.entries(configMap.data ?? {})) env.set(key, { value });
  }
  for (const variable of container.env ?? []) {
    const { secretKeyRef, configMapKeyRef } = variable.valueFrom ?? {};
    if (secretKeyRef) {
      const optional = secretKeyRef.optional ?? false;
      env.set(variable.name, { secret: { ...secretKeyRef, optional } });
    } else if (configMapKeyRef) {
      const configMap = named(overlay, 'ConfigMap', configMapKeyRef.name);
      env.set(variable.name, { value: configMap.data?.[configMapKeyRef.key] });
    } else {
      env.set(variable.name, { value: variable.value });
    }
  }
  return env;
}

/**
 * What a Secret reference gives in production, where the operator creates the Secrets: a value
 * of the right form for each setting, so that the config loader judges the rest.
 */
const STAND_INS: Record<string, string> = {
  DATABASE_URL: 'postgresql://stand-in:stand-in@concord-db-rw:5432/concord_stand_in',
  KAFKA_SASL_PASSWORD: 'stand-in',
  EVENT_SIGNING_KEYS: `stand-in:${'s'.repeat(32)}`,
  REFERRALS_MASTER_KEYS: `stand-in:${Buffer.alloc(32, 7).toString('base64')}`,
  WEBHOOK_SECRETS_KEY: Buffer.alloc(32, 9).toString('base64'),
  SMTP_URL: 'smtp://stand-in@mail.example.org:587',
  CONSOLE_OIDC_CLIENT_SECRET: 'stand-in',
  SURVEY_FORM_SECRET: 's'.repeat(32),
};

/** The process environment the container gets: Secret values from the overlay or stand-ins. */
function processEnvironment(overlay: Overlay, container: Container): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, variable] of environmentOf(overlay, container)) {
    if (variable.secret) {
      const value =
        secretValue(overlay, variable.secret.name, variable.secret.key) ?? STAND_INS[name];
      if (value === undefined) throw new Error(`no stand-in for secret setting ${name}`);
      env[name] = value;
    } else if (variable.value !== undefined) {
      env[name] = variable.value;
    }
  }
  return env;
}

/**
 * The environment with every `*_FILE` setting that names a file in one of the container's volume
 * mounts (a Secret's PEM, say) pointed at a stand-in PEM file here, as the loader reads them.
 */
function withMountedFilesStoodIn(
  env: Record<string, string>,
  container: Container,
): Record<string, string> {
  const standIn = join(mkdtempSync(join(tmpdir(), 'concord-k8s-')), 'stand-in.pem');
  writeFileSync(standIn, '-----BEGIN CERTIFICATE-----\nstand-in\n-----END CERTIFICATE-----\n');
  const mounts = (container.volumeMounts ?? []).map((mount) => `${mount.mountPath}/`);
  return Object.fromEntries(
    Object.entries(env).map(([name, value]) => [
      name,
      name.endsWith('_FILE') && mounts.some((mount) => value.startsWith(mount)) ? standIn : value,
    ]),
  );
}

/** The exported subclass of ServiceConfig in apps/<app>/src/<app>.config.ts. */
async function configClassOf(app: string): Promise<new () => ServiceConfig> {
  const exports = (await import(join(ROOT, 'apps', app, 'src', `${app}.config.ts`))) as Json;
  const found = Object.values(exports).find(
    (value): value is new () => ServiceConfig =>
      typeof value === 'function' && value.prototype instanceof ServiceConfig,
  );
  if (!found) throw new Error(`apps/${app}/src/${app}.config.ts exports no ServiceConfig`);
  return found;
}

/**
 * A Secret's data as the API server decodes it: kustomize breaks long base64 values into lines,
 * which the server's decoder skips and kubernetes-models' "byte" format does not.
 */
const withJoinedBase64 = (object: KubeObject): KubeObject =>
  object.kind === 'Secret' && object.data
    ? {
        ...object,
        data: Object.fromEntries(
          Object.entries(object.data).map(([key, value]) => [key, value.replace(/\s+/g, '')]),
        ),
      }
    : object;

/** Validates core objects with kubernetes-models, in its own (ESM) process. */
function kubernetesModelErrors(objects: KubeObject[]): string[] {
  const output = execFileSync(process.execPath, [join(__dirname, 'kubernetes-models-check.mjs')], {
    cwd: ROOT,
    input: JSON.stringify(objects.map(withJoinedBase64)),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const results = JSON.parse(output) as { kind: string; name: string; error: string | null }[];
  return results
    .filter((result) => result.error !== null)
    .map((result) => `${result.kind}/${result.name}: ${result.error}`);
}

function operatorSchemas(): Map<string, ValidateFunction> {
  const ajv = new Ajv({ allErrors: true, strictTypes: true, allowUnionTypes: true });
  const schemas = new Map<string, ValidateFunction>();
  const directory = join(KUBERNETES, 'schemas');
  for (const file of readdirSync(directory).filter((name) => name.endsWith('.schema.json'))) {
    const schema = JSON.parse(readFileSync(join(directory, file), 'utf8')) as {
      properties: { apiVersion: { const: string }; kind: { const: string } };
    };
    const { apiVersion, kind } = schema.properties;
    schemas.set(`${apiVersion.const} ${kind.const}`, ajv.compile(schema));
  }
  return schemas;
}

function operatorSchemaErrors(
  schemas: Map<string, ValidateFunction>,
  objects: KubeObject[],
): string[] {
  return objects.flatMap((object) => {
    const validate = schemas.get(`${object.apiVersion} ${object.kind}`);
    if (!validate) return [`${describeObject(object)}: no schema in deploy/kubernetes/schemas`];
    if (validate(object)) return [];
    return (validate.errors ?? []).map(
      (error) => `${describeObject(object)}: ${error.instancePath || '/'} ${error.message}`,
    );
  });
}

/** Each service's topics: what its manifest handles and what it publishes. */
const SERVICE_TOPICS = SERVICE_MANIFESTS.map((manifest) => ({
  service: manifest.service,
  reads: [...new Set(handledEvents(manifest).map((definition) => definition.topic))],
  writes: [...manifest.topics],
}));

function allowed(user: KubeObject, type: string, name: string): string[] {
  const acls = (user.spec.authorization?.acls ?? []) as {
    resource: { type: string; name?: string; patternType?: string };
    operations: string[];
    type?: string;
  }[];
  return acls
    .filter(
      (acl) =>
        (acl.type ?? 'allow') === 'allow' &&
        acl.resource.type === type &&
        acl.resource.name === name &&
        (acl.resource.patternType ?? 'literal') === 'literal',
    )
    .flatMap((acl) => acl.operations);
}

describe.each(OVERLAYS)('deploy/kubernetes overlays/%s', (overlay) => {
  it('renders with kubectl kustomize into objects that each have a kind and a name', () => {
    const objects = render(overlay);
    expect(objects.length).toBeGreaterThan(0);
    expect(objects.filter((object) => !object.kind || !object.metadata?.name)).toEqual([]);
  });

  it('holds only core objects that are valid Kubernetes (kubernetes-models)', () => {
    const core = render(overlay).filter((object) => !isOperatorObject(object));
    expect(core.length).toBeGreaterThan(0);
    expect(kubernetesModelErrors(core)).toEqual([]);
  });

  it("holds only Strimzi, CloudNativePG and Prometheus Operator objects that match the project's schemas", () => {
    const operated = render(overlay).filter(isOperatorObject);
    expect(operated.length).toBeGreaterThan(0);
    expect(operatorSchemaErrors(operatorSchemas(), operated)).toEqual([]);
  });

  describe.each(APPS)('for %s', (app) => {
    it('runs a Deployment whose pods are non-root, read-only, without privilege escalation, seccomp RuntimeDefault', () => {
      const pod = podSpec(deploymentOf(overlay, app));
      expect(pod.securityContext).toMatchObject({
        runAsNonRoot: true,
        seccompProfile: { type: 'RuntimeDefault' },
      });
      expect(pod.securityContext?.runAsUser).toEqual(expect.any(Number));
      expect(pod.securityContext?.runAsUser).not.toBe(0);
      for (const container of pod.containers) {
        expect(container.securityContext).toMatchObject({
          allowPrivilegeEscalation: false,
          readOnlyRootFilesystem: true,
          capabilities: { drop: ['ALL'] },
        });
      }
    });

    it('probes readiness and, more patiently, liveness on GET /health at the HTTP_PORT it listens on', () => {
      const [container] = podSpec(deploymentOf(overlay, app)).containers;
      const { HTTP_PORT } = processEnvironment(overlay, container);
      const http = container.ports?.find((port) => port.name === 'http');
      expect(String(http?.containerPort)).toBe(HTTP_PORT);
      for (const probe of [container.readinessProbe, container.livenessProbe]) {
        expect(probe?.httpGet).toEqual({ path: '/health', port: 'http' });
      }
      // A database or broker outage makes /health answer 503 everywhere; restarts do not help.
      const patience = (probe?: Probe) =>
        (probe?.periodSeconds ?? 10) * (probe?.failureThreshold ?? 3);
      expect(patience(container.livenessProbe)).toBeGreaterThanOrEqual(120);
      expect(patience(container.livenessProbe)).toBeGreaterThan(patience(container.readinessProbe));
    });

    it('sets CPU and memory requests and limits on the containers of its Deployment and Job', () => {
      const workloads = [deploymentOf(overlay, app), named(overlay, 'Job', `${app}-migrations`)];
      for (const container of workloads.flatMap((workload) => podSpec(workload).containers)) {
        expect(Object.keys(container.resources?.requests ?? {}).sort()).toEqual(['cpu', 'memory']);
        expect(Object.keys(container.resources?.limits ?? {}).sort()).toEqual(['cpu', 'memory']);
      }
    });

    it('has a Service, a PodDisruptionBudget, a HorizontalPodAutoscaler and a NetworkPolicy for the pods of its Deployment', () => {
      const deployment = deploymentOf(overlay, app);
      const labels = deployment.spec.template.metadata.labels as Record<string, string>;
      const service = ofKind(overlay, 'Service').filter((object) =>
        selects({ matchLabels: object.spec.selector }, labels),
      );
      expect(service).toHaveLength(1);
      expect(service[0].spec.ports).toEqual([expect.objectContaining({ targetPort: 'http' })]);
      const budgets = ofKind(overlay, 'PodDisruptionBudget').filter((object) =>
        selects(object.spec.selector, labels),
      );
      expect(budgets).toHaveLength(1);
      const autoscalers = ofKind(overlay, 'HorizontalPodAutoscaler').filter(
        (object) =>
          object.spec.scaleTargetRef.kind === 'Deployment' &&
          object.spec.scaleTargetRef.name === deployment.metadata.name,
      );
      expect(autoscalers).toHaveLength(1);
      const policies = ofKind(overlay, 'NetworkPolicy').filter((object) =>
        selects(object.spec.podSelector, labels),
      );
      expect(policies).toHaveLength(1);
      expect(policies[0].spec.policyTypes).toEqual(['Ingress', 'Egress']);
    });

    it('admits only the ingress controller, the console (HTTP) and monitoring (metrics port) to its pods', () => {
      const labels = deploymentOf(overlay, app).spec.template.metadata.labels;
      const [policy] = ofKind(overlay, 'NetworkPolicy').filter((object) =>
        selects(object.spec.podSelector, labels),
      );
      const rules = policy.spec.ingress as { from: Json[]; ports: { port: string }[] }[];
      for (const rule of rules) {
        const ports = rule.ports.map((port) => port.port);
        for (const peer of rule.from) {
          const namespace = (peer.namespaceSelector as LabelSelector | undefined)?.matchLabels?.[
            'kubernetes.io/metadata.name'
          ];
          const pods = (peer.podSelector as LabelSelector | undefined)?.matchLabels;
          if (namespace === 'monitoring') expect(ports).toEqual(['metrics']);
          else if (namespace === 'ingress-nginx') expect(ports).toEqual(['http']);
          else
            expect({ pods, ports }).toEqual({
              pods: expect.objectContaining({ 'app.kubernetes.io/name': 'console' }),
              ports: ['http'],
            });
        }
      }
    });

    it('has a migrations Job that runs main.js migrate with the environment of its Deployment, which does not migrate at start-up', () => {
      const [server] = podSpec(deploymentOf(overlay, app)).containers;
      const job = named(overlay, 'Job', `${app}-migrations`);
      const [migrator] = podSpec(job).containers;
      expect(migrator.command).toEqual(['node', `dist/apps/${app}/src/main.js`, 'migrate']);
      expect(migrator.image).toBe(server.image);
      expect(job.spec.template.spec.restartPolicy).toBe('Never');
      expect(environmentOf(overlay, migrator)).toEqual(environmentOf(overlay, server));
      expect(processEnvironment(overlay, server).MIGRATIONS_AT_START).toBe('false');
    });

    it('has settings that the real config loader accepts, with secrets from references', async () => {
      const configClass = await configClassOf(app);
      const [container] = podSpec(deploymentOf(overlay, app)).containers;
      const env = withMountedFilesStoodIn(processEnvironment(overlay, container), container);
      expect(() => loadConfig(configClass, env)).not.toThrow();
      expect(env.NODE_ENV).toBe(overlay === 'production' ? 'production' : 'development');
    });

    it('runs the image ghcr.io/concord/concord with the tag the overlay sets', () => {
      const workloads = [deploymentOf(overlay, app), named(overlay, 'Job', `${app}-migrations`)];
      for (const container of workloads.flatMap((workload) => podSpec(workload).containers)) {
        expect(container.image).toMatch(new RegExp(`^${IMAGE}:[\\w.-]+$`));
      }
    });
  });

  it('declares a KafkaTopic with partitions and replicas for every topic of libs/contracts and its dead-letter topic', () => {
    const topics = new Map(
      ofKind(overlay, 'KafkaTopic').map((topic) => [
        (topic.spec.topicName as string | undefined) ?? topic.metadata.name,
        topic,
      ]),
    );
    const brokers = ofKind(overlay, 'KafkaNodePool')
      .filter((pool) => (pool.spec.roles as string[]).includes('broker'))
      .reduce((sum, pool) => sum + (pool.spec.replicas as number), 0);
    expect(ALL_TOPICS.length).toBeGreaterThan(0);
    for (const name of ALL_TOPICS.flatMap((topic) => [topic, deadLetterTopicOf(topic)])) {
      const topic = topics.get(name);
      expect({ name, declared: topic !== undefined }).toEqual({ name, declared: true });
      expect(topic?.spec.partitions).toBeGreaterThanOrEqual(1);
      expect(topic?.spec.replicas).toBeGreaterThanOrEqual(1);
      expect(topic?.spec.replicas).toBeLessThanOrEqual(brokers);
    }
  });

  it('gives each service a KafkaUser that may read what its manifest handles in its own group, write what it publishes, and write the dead letters of what it reads', () => {
    expect(SERVICE_TOPICS.map(({ service }) => service).sort()).toEqual(APPS);
    for (const { service, reads, writes } of SERVICE_TOPICS) {
      const user = named(overlay, 'KafkaUser', service);
      expect(user.spec.authentication).toEqual({ type: 'scram-sha-512' });
      for (const topic of reads) {
        expect({ topic, ops: allowed(user, 'topic', topic) }).toEqual({
          topic,
          ops: expect.arrayContaining(['Read']),
        });
        const deadLetters = deadLetterTopicOf(topic);
        expect({ topic: deadLetters, ops: allowed(user, 'topic', deadLetters) }).toEqual({
          topic: deadLetters,
          ops: expect.arrayContaining(['Write']),
        });
      }
      for (const topic of writes) {
        expect({ topic, ops: allowed(user, 'topic', topic) }).toEqual({
          topic,
          ops: expect.arrayContaining(['Write']),
        });
      }
      if (reads.length > 0) expect(allowed(user, 'group', service)).toContain('Read');
    }
  });

  it('connects every container to Kafka over SASL_SSL as its own KafkaUser, trusting the cluster CA', () => {
    const [kafka] = ofKind(overlay, 'Kafka');
    const workloads = [...ofKind(overlay, 'Deployment'), ...ofKind(overlay, 'Job')];
    expect(workloads.length).toBe(2 * APPS.length);
    for (const workload of workloads) {
      const pod = podSpec(workload);
      for (const container of pod.containers) {
        const env = environmentOf(overlay, container);
        expect(env.get('KAFKA_SECURITY_PROTOCOL')?.value).toBe('SASL_SSL');
        const username = env.get('KAFKA_SASL_USERNAME')?.value ?? '';
        named(overlay, 'KafkaUser', username);
        expect(env.get('KAFKA_SASL_PASSWORD')?.secret).toEqual({
          name: username,
          key: 'password',
          optional: false,
        });
        const caFile = env.get('KAFKA_SSL_CA_FILE')?.value ?? '';
        const mount = container.volumeMounts?.find((each) =>
          caFile.startsWith(`${each.mountPath}/`),
        );
        const volume = pod.volumes?.find((each) => each.name === mount?.name);
        expect(volume?.secret?.secretName).toBe(`${kafka.metadata.name}-cluster-ca-cert`);
      }
    }
  });

  it('has one database per service, owned by the role whose password the service connects with', () => {
    const [cluster] = ofKind(overlay, 'Cluster');
    const roles = cluster.spec.managed.roles as {
      name: string;
      passwordSecret?: { name: string };
    }[];
    const databases = ofKind(overlay, 'Database');
    for (const app of APPS) {
      const [container] = podSpec(deploymentOf(overlay, app)).containers;
      const databaseUrl = environmentOf(overlay, container).get('DATABASE_URL')?.secret;
      const role = roles.find((each) => each.passwordSecret?.name === databaseUrl?.name);
      expect({ app, role: role?.name }).toEqual({ app, role: expect.any(String) });
      const owned = databases.filter(
        (database) =>
          database.spec.owner === role?.name &&
          database.spec.cluster.name === cluster.metadata.name,
      );
      expect({ app, databases: owned.length }).toEqual({ app, databases: 1 });
      const url = secretValue(overlay, databaseUrl?.name ?? '', databaseUrl?.key ?? '');
      if (url !== undefined) {
        // The overlay brings the Secret (dev): its URL names that role and that database.
        const parsed = new URL(url);
        expect(decodeURIComponent(parsed.username)).toBe(role?.name);
        expect(parsed.pathname).toBe(`/${owned[0].spec.name}`);
      }
    }
    expect(new Set(databases.map((database) => database.spec.name)).size).toBe(APPS.length);
  });
});

describe('deploy/kubernetes overlays/production', () => {
  const overlay = 'production';

  it('ships the alert rules of deploy/observability as a PrometheusRule, the same groups', () => {
    const rules = parse(
      readFileSync(resolve(ROOT, 'deploy/observability/concord-alerts.yaml'), 'utf8'),
    ) as Json;
    expect(named(overlay, 'PrometheusRule', 'concord').spec.groups).toEqual(rules.groups);
  });

  it("scrapes the metrics port and keeps the samples' own service label", () => {
    expect(named(overlay, 'PodMonitor', 'concord').spec.podMetricsEndpoints).toEqual([
      expect.objectContaining({ port: 'metrics', path: '/metrics', honorLabels: true }),
    ]);
  });

  it('keeps no Secret with data: secrets are referenced, the operator creates them', () => {
    const secrets = ofKind(overlay, 'Secret').filter(
      (secret) =>
        Object.keys(secret.data ?? {}).length + Object.keys(secret.stringData ?? {}).length > 0,
    );
    expect(secrets.map(describeObject)).toEqual([]);
  });

  it('runs at least two instances of each service, three brokers (replication 3, min.insync.replicas 2) and three PostgreSQL instances', () => {
    for (const autoscaler of ofKind(overlay, 'HorizontalPodAutoscaler')) {
      expect(autoscaler.spec.minReplicas).toBeGreaterThanOrEqual(2);
    }
    const [pool] = ofKind(overlay, 'KafkaNodePool');
    expect(pool.spec.replicas).toBe(3);
    const [kafka] = ofKind(overlay, 'Kafka');
    expect(kafka.spec.kafka.config).toMatchObject({
      'default.replication.factor': 3,
      'min.insync.replicas': 2,
      'offsets.topic.replication.factor': 3,
    });
    for (const topic of ofKind(overlay, 'KafkaTopic')) {
      expect(topic.spec.replicas).toBe(3);
      expect(topic.spec.config['min.insync.replicas']).toBe('2');
    }
    expect(ofKind(overlay, 'Cluster')[0].spec.instances).toBe(3);
  });

  it('routes the console and each service through a TLS Ingress, and scrapes the metrics port with a PodMonitor', () => {
    const [ingress] = ofKind(overlay, 'Ingress');
    const backends = (ingress.spec.rules as { http: { paths: { backend: Json }[] } }[]).flatMap(
      (rule) => rule.http.paths.map((path) => path.backend),
    );
    expect(backends.map((backend) => (backend.service as { name: string }).name).sort()).toEqual(
      APPS,
    );
    const hosts = (ingress.spec.rules as { host: string }[]).map((rule) => rule.host);
    expect((ingress.spec.tls as { hosts: string[] }[]).flatMap((tls) => tls.hosts).sort()).toEqual(
      hosts.sort(),
    );
    const [monitor] = ofKind(overlay, 'PodMonitor');
    expect(monitor.spec.podMetricsEndpoints).toEqual([
      expect.objectContaining({ port: 'metrics', path: '/metrics' }),
    ]);
    for (const app of APPS) {
      const deployment = deploymentOf(overlay, app);
      expect(selects(monitor.spec.selector, deployment.spec.template.metadata.labels)).toBe(true);
      expect(podSpec(deployment).containers[0].ports).toContainEqual({
        name: 'metrics',
        containerPort: 9464,
      });
    }
  });
});

describe('deploy/kubernetes overlays/dev', () => {
  const overlay = 'dev';

  it('runs one instance of each service, one broker and one PostgreSQL instance', () => {
    for (const autoscaler of ofKind(overlay, 'HorizontalPodAutoscaler')) {
      expect(autoscaler.spec.minReplicas).toBe(1);
    }
    expect(ofKind(overlay, 'KafkaNodePool').map((pool) => pool.spec.replicas)).toEqual([1]);
    for (const topic of ofKind(overlay, 'KafkaTopic')) expect(topic.spec.replicas).toBe(1);
    expect(ofKind(overlay, 'Cluster')[0].spec.instances).toBe(1);
  });
});

describe('the checks themselves', () => {
  it('kubernetes-models reports an invalid core object with its kind, name and the error', () => {
    const broken: KubeObject = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'broken' },
      spec: { selector: {}, template: { spec: { containers: [{ name: 'app', image: 7 }] } } },
    };
    expect(kubernetesModelErrors([broken])).toEqual([
      expect.stringMatching(/^Deployment\/broken: .*image must be string/),
    ]);
  });

  it("the project's schemas refuse a topic without partitions and a field the operator does not know", () => {
    const topic = named('production', 'KafkaTopic', ALL_TOPICS[0]);
    const withoutPartitions = { ...topic, spec: { ...topic.spec, partitions: undefined } };
    const withUnknownField = { ...topic, spec: { ...topic.spec, partitionCount: 3 } };
    const errors = operatorSchemaErrors(operatorSchemas(), [
      JSON.parse(JSON.stringify(withoutPartitions)) as KubeObject,
      withUnknownField,
    ]);
    expect(errors).toEqual([
      expect.stringContaining("must have required property 'partitions'"),
      expect.stringContaining('must NOT have additional properties'),
    ]);
  });
});
