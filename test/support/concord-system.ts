import { ConcordClient, ServiceUrls } from '../../scripts/demo/concord-client';
import { createTestDatabase, dropTestDatabase, freePort } from './infrastructure';
import { ROOT, ServiceProcess } from './service-process';

const SERVICES = ['referrals', 'agreements', 'funding', 'notifications', 'insights'] as const;
type Service = (typeof SERVICES)[number];

/** The services (all five unless told), each its own process with its own new database, on the real broker. */
export class ConcordSystem {
  private constructor(
    readonly processes: Record<Service, ServiceProcess>,
    readonly client: ConcordClient,
    private readonly databases: string[],
  ) {}

  static async start(
    options: {
      services?: readonly Service[];
      env?: Partial<Record<Service, Record<string, string>>>;
    } = {},
  ): Promise<ConcordSystem> {
    const { services = SERVICES, env = {} } = options;
    const processes = {} as Record<Service, ServiceProcess>;
    const databases: string[] = [];
    for (const service of services) {
      const databaseUrl = await createTestDatabase(`system_${service}`);
      databases.push(databaseUrl);
      processes[service] = new ServiceProcess(`dist/apps/${service}/src/main.js`, {
        HTTP_PORT: String(await freePort()),
        DATABASE_URL: databaseUrl,
        ...env[service],
      });
    }
    await Promise.all(services.map((service) => processes[service].startHealthy(90_000)));
    const urls = Object.fromEntries(
      SERVICES.map((service) => [service, processes[service]?.url ?? 'http://not-started']),
    ) as unknown as ServiceUrls;
    return new ConcordSystem(processes, new ConcordClient(urls, ROOT), databases);
  }

  async stop(): Promise<void> {
    await Promise.all(Object.values(this.processes).map((process) => process.stop()));
    await Promise.all(this.databases.map(dropTestDatabase));
  }
}
