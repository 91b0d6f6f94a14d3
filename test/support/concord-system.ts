import { CONSOLE_URL_SETTINGS, scriptOf, SERVICES, ServiceName } from '@concord/testing';
import { ConcordClient, ServiceUrls } from '@concord/testing';
import { createTestDatabase, dropTestDatabase, freePort } from './infrastructure';
import { DEV_PRIVATE_KEY, ROOT, ServiceProcess } from './service-process';

type Service = ServiceName;

/**
 * The services (all five unless told), each its own process with its own new database, on the
 * real broker; with the web console in front of them when asked.
 */
export class ConcordSystem {
  private constructor(
    readonly processes: Record<Service, ServiceProcess>,
    readonly client: ConcordClient,
    private readonly databases: string[],
    /** The console (apps/console), when started with `console`. */
    readonly console?: ServiceProcess,
    /** Further instances of a service, on its database and in its consumer group. */
    readonly extraInstances: ServiceProcess[] = [],
  ) {}

  /** The console's address as browsers use it (its CONSOLE_PUBLIC_URL). */
  get consoleUrl(): string {
    if (!this.console) throw new Error('this system was started without the console');
    return this.console.url;
  }

  static async start(
    options: {
      services?: readonly Service[];
      env?: Partial<Record<Service | 'console', Record<string, string>>>;
      /** Also start the console, with the development sign-in. */
      console?: boolean;
      /** Instances of a service beyond the first (one unless given), as a deployment scales out. */
      instances?: Partial<Record<Service, number>>;
    } = {},
  ): Promise<ConcordSystem> {
    const { services = SERVICES, env = {} } = options;
    const processes = {} as Record<Service, ServiceProcess>;
    const databases: string[] = [];
    for (const service of services) {
      const databaseUrl = await createTestDatabase(`system_${service}`);
      databases.push(databaseUrl);
      processes[service] = new ServiceProcess(scriptOf(service), {
        HTTP_PORT: String(await freePort()),
        DATABASE_URL: databaseUrl,
        ...env[service],
      });
    }
    await Promise.all(services.map((service) => processes[service].startHealthy(90_000)));
    // Started once the first has migrated the database: same database, same consumer group.
    const extraInstances = await Promise.all(
      services.flatMap((service) =>
        Array.from({ length: (options.instances?.[service] ?? 1) - 1 }, async () => {
          const first = processes[service];
          return new ServiceProcess(first.script, {
            ...first.env,
            HTTP_PORT: String(await freePort()),
          }).startHealthy(90_000);
        }),
      ),
    );
    const urls = Object.fromEntries(
      SERVICES.map((service) => [service, processes[service]?.url ?? 'http://not-started']),
    ) as unknown as ServiceUrls;
    let consoleProcess: ServiceProcess | undefined;
    if (options.console) {
      const databaseUrl = await createTestDatabase('system_console');
      databases.push(databaseUrl);
      const port = await freePort();
      consoleProcess = new ServiceProcess(scriptOf('console'), {
        HTTP_PORT: String(port),
        DATABASE_URL: databaseUrl,
        CONSOLE_PUBLIC_URL: `http://127.0.0.1:${port}`,
        CONSOLE_DEV_PRIVATE_KEY_FILE: DEV_PRIVATE_KEY,
        ...Object.fromEntries(
          SERVICES.map((service) => [CONSOLE_URL_SETTINGS[service], urls[service]]),
        ),
        ...env.console,
      });
      await consoleProcess.startHealthy(90_000);
    }
    return new ConcordSystem(
      processes,
      new ConcordClient(urls, ROOT),
      databases,
      consoleProcess,
      extraInstances,
    );
  }

  async stop(): Promise<void> {
    await this.console?.stop();
    await Promise.all(this.extraInstances.map((process) => process.stop()));
    await Promise.all(Object.values(this.processes).map((process) => process.stop()));
    await Promise.all(this.databases.map(dropTestDatabase));
  }
}
