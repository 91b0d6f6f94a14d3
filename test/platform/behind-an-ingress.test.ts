import { randomUUID } from 'node:crypto';
import { createServer, IncomingHttpHeaders, request as httpRequest, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { scriptOf } from '@concord/testing';
import { createTestDatabase, dropTestDatabase, freePort, query } from '../support/infrastructure';
import { ServiceProcess } from '../support/service-process';

const FUNDING = scriptOf('funding');
const RATE_LIMIT = 4;
/** The address the ingress connects to the instances from: the one proxy they trust. */
const INGRESS_ADDRESS = '127.0.0.1';
/** A route that needs a token: without one it answers 401 (and audits it), never 200. */
const PROTECTED = '/budgets';

interface Answer {
  readonly status: number;
  /** Which instance answered, as the ingress says. */
  readonly upstream?: string;
}

/**
 * One GET from the local address `from` (all of 127.0.0.0/8 is this machine's, so each test can be
 * a client of its own), on a connection of its own.
 */
function get(url: string, from: string, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((done, fail) => {
    const outgoing = httpRequest(url, { localAddress: from, headers, agent: false }, (answer) => {
      answer.resume();
      answer.on('end', () =>
        done({
          status: answer.statusCode ?? 0,
          upstream: answer.headers['x-upstream'] as string | undefined,
        }),
      );
    });
    outgoing.on('error', fail);
    outgoing.end();
  });
}

/**
 * A reverse proxy such as an ingress controller: it sends each request to the next instance in
 * turn, from INGRESS_ADDRESS, appending the address of its own peer to X-Forwarded-For, and says
 * in X-Upstream which instance answered.
 */
async function startIngress(
  upstreams: readonly string[],
): Promise<{ url: string; server: Server }> {
  let turn = 0;
  const server = createServer((incoming, outgoing) => {
    const upstream = upstreams[turn++ % upstreams.length] ?? '';
    const peer = incoming.socket.remoteAddress ?? '';
    const forwarded = incoming.headers['x-forwarded-for'];
    const headers: IncomingHttpHeaders = {
      ...incoming.headers,
      'x-forwarded-for': forwarded ? `${String(forwarded)}, ${peer}` : peer,
    };
    const toInstance = httpRequest(
      `${upstream}${incoming.url ?? '/'}`,
      { method: incoming.method, headers, localAddress: INGRESS_ADDRESS },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, { ...answer.headers, 'x-upstream': upstream });
        answer.pipe(outgoing);
      },
    );
    toInstance.on('error', () => outgoing.writeHead(502).end());
    incoming.pipe(toInstance);
  });
  await new Promise<void>((done) => server.listen(0, INGRESS_ADDRESS, done));
  return { url: `http://${INGRESS_ADDRESS}:${(server.address() as AddressInfo).port}`, server };
}

/** Windows are the database's minutes: a test's requests must not straddle two. */
async function awayFromTheWindowsEnd(needMs = 5000): Promise<void> {
  const left = 60_000 - (Date.now() % 60_000);
  if (left < needMs) await new Promise((done) => setTimeout(done, left + 100));
}

/**
 * Two instances of funding on one database, counting requests in it (RATE_LIMIT_STORE=postgres),
 * behind a reverse proxy of the test's own that they trust (TRUSTED_PROXIES=127.0.0.1), the way
 * replicas run behind a Kubernetes ingress. Clients are other loopback addresses, which the
 * instances do not trust.
 */
describe('behind an ingress', () => {
  let databaseUrl: string;
  const instances: ServiceProcess[] = [];
  let ingress: { url: string; server: Server };

  beforeAll(async () => {
    databaseUrl = await createTestDatabase('behind_ingress');
    const start = async () =>
      new ServiceProcess(FUNDING, {
        HTTP_PORT: String(await freePort()),
        DATABASE_URL: databaseUrl,
        RATE_LIMIT_STORE: 'postgres',
        RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT),
        TRUSTED_PROXIES: INGRESS_ADDRESS,
      }).startHealthy(90_000);
    // One at a time: the first runs the migrations (TypeORM takes no lock around them).
    instances.push(await start());
    instances.push(await start());
    ingress = await startIngress(instances.map(({ url }) => url));
  }, 200_000);

  afterAll(async () => {
    ingress?.server.closeAllConnections();
    ingress?.server.close();
    await Promise.all(instances.map((instance) => instance.stop()));
    if (databaseUrl) await dropTestDatabase(databaseUrl);
  });

  /** `count` requests of one client through the ingress, one after the other. */
  const through = async (
    count: number,
    from: string,
    headers?: (i: number) => Record<string, string>,
  ) => {
    const answers: Answer[] = [];
    for (let i = 0; i < count; i++) {
      answers.push(await get(`${ingress.url}${PROTECTED}`, from, headers?.(i)));
    }
    return answers;
  };

  it('refuses the request after RATE_LIMIT_PER_MINUTE with 429 whichever instance it reaches', async () => {
    await awayFromTheWindowsEnd();
    const answers = await through(RATE_LIMIT + 2, '127.0.0.11');
    expect({
      statuses: answers.map(({ status }) => status),
      refusedBy: new Set(answers.slice(RATE_LIMIT).map(({ upstream }) => upstream)),
    }).toEqual({
      statuses: [...Array<number>(RATE_LIMIT).fill(401), 429, 429],
      refusedBy: new Set(instances.map(({ url }) => url)),
    });
  });

  it('counts two clients behind the ingress each on its own', async () => {
    await awayFromTheWindowsEnd();
    const first = await through(RATE_LIMIT + 1, '127.0.0.12');
    const [second] = await through(1, '127.0.0.13');
    expect([first.at(-1)?.status, second?.status]).toEqual([429, 401]);
  });

  it('counts a client that forges X-Forwarded-For through the ingress by its own address', async () => {
    await awayFromTheWindowsEnd();
    const answers = await through(RATE_LIMIT + 1, '127.0.0.14', (i) => ({
      'x-forwarded-for': `198.51.100.${i + 1}`,
    }));
    expect(answers.map(({ status }) => status)).toEqual([
      ...Array<number>(RATE_LIMIT).fill(401),
      429,
    ]);
  });

  it('ignores X-Forwarded-For from a peer it does not trust, counting the peer', async () => {
    await awayFromTheWindowsEnd();
    const statuses: number[] = [];
    for (let i = 0; i <= RATE_LIMIT; i++) {
      const answer = await get(`${instances[0]?.url}${PROTECTED}`, '127.0.0.15', {
        'x-forwarded-for': `198.51.100.${i + 1}`,
      });
      statuses.push(answer.status);
    }
    expect(statuses).toEqual([...Array<number>(RATE_LIMIT).fill(401), 429]);
  });

  /** The address the audit record of the request with `correlationId` holds. */
  const auditedAddress = async (correlationId: string): Promise<unknown> =>
    (
      await query<{ address: string }>(
        databaseUrl,
        `SELECT host(client_address) AS address FROM audit_records WHERE correlation_id = $1`,
        [correlationId],
      )
    ).map(({ address }) => address);

  it('records in the audit trail the client address the trusted ingress forwarded', async () => {
    const correlationId = randomUUID();
    const [answer] = await through(1, '127.0.0.16', () => ({ 'x-correlation-id': correlationId }));
    expect([answer?.status, await auditedAddress(correlationId)]).toEqual([401, ['127.0.0.16']]);
  });

  it('records in the audit trail the peer, not the X-Forwarded-For of a peer it does not trust', async () => {
    const correlationId = randomUUID();
    const answer = await get(`${instances[1]?.url}${PROTECTED}`, '127.0.0.17', {
      'x-correlation-id': correlationId,
      'x-forwarded-for': '198.51.100.99',
    });
    expect([answer.status, await auditedAddress(correlationId)]).toEqual([401, ['127.0.0.17']]);
  });
});

describe('the TRUSTED_PROXIES setting', () => {
  it('stops the service with exit 78 when an entry is not an address or a range, naming both', async () => {
    const service = new ServiceProcess(FUNDING, {
      HTTP_PORT: String(await freePort()),
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/concord_test_never_opened',
      TRUSTED_PROXIES: '10.42.0.0/16,ingress-nginx.local',
    }).start();
    expect([await service.waitForExit(), service.output]).toEqual([
      78,
      expect.stringMatching(
        /TRUSTED_PROXIES: TRUSTED_PROXIES must list IP addresses and CIDR ranges .*"ingress-nginx\.local" is neither/,
      ),
    ]);
  });
});
