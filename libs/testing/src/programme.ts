import { Actor, Json, ServiceUrls } from './concord-client';
import { eventually } from './eventually';

/** Whatever calls Concord's APIs as an actor and fails on a non-2xx answer. */
export interface ConcordCaller {
  call<T = Json>(
    as: Actor,
    service: keyof ServiceUrls,
    method: string,
    path: string,
    body?: unknown,
  ): Promise<T>;
}

export interface PartnerSpec {
  readonly name: string;
  /** An organisation type; a mental-health provider unless given. */
  readonly type?: string;
  /** The services' bodies as POST /organizations takes them. */
  readonly services: readonly Json[];
  /** The agreement with the agency, signed by both; none (so no routing) when absent. */
  readonly agreement?: {
    readonly categories: readonly string[];
    readonly sharedFields: readonly string[];
    readonly acceptWithinMinutes: { immediate: number; 'same-day': number; routine: number };
    readonly effectiveFrom: string;
    readonly effectiveTo: string;
    /** Who signs for the agency and for the partner; a director each unless given. */
    readonly signatories?: Record<'agency' | 'partner', { name: string; title: string }>;
  };
  /** Its budget under the initiative, from the programme's funding sources (by key). */
  readonly budget?: {
    readonly costPerCaseCents: number;
    readonly allocations: readonly { source: string; amountCents: number }[];
  };
  /** A webhook subscription of the partner's own, to `url(partnerId)`. */
  readonly webhook?: {
    readonly eventTypes: readonly string[];
    readonly url: (partnerId: string) => string;
    readonly secret: string;
  };
}

export interface ProgrammeSpec {
  readonly agency: string;
  /** The body of POST /initiatives, less the lead agency and the partners. */
  readonly initiative: Json;
  /** The bodies of POST /funding-sources, by the key the budgets name them with. */
  readonly sources?: Record<string, Json>;
  readonly partners: readonly PartnerSpec[];
}

export interface Programme {
  readonly agencyId: string;
  readonly initiativeId: string;
  readonly sources: Record<string, string>;
  /** In the order of the spec. */
  readonly partners: readonly { id: string; agreementId?: string; budgetId?: string }[];
}

const admin: Actor = { role: 'admin' };
const id = (answer: Json): string => answer.id as string;

/**
 * A joint programme set up over the public HTTP APIs as an administrator and the partners would,
 * for the tests, the benchmark, the chaos run and the demo: a police agency, partners with their
 * services, an initiative, an agreement with each partner signed by both parties, funding sources
 * and a budget per partner, the partners' webhook subscriptions. Returns once routing (which
 * learns from events) knows every agreement and budget.
 */
export async function setUpProgramme(api: ConcordCaller, spec: ProgrammeSpec): Promise<Programme> {
  const register = async (body: Json) =>
    id(await api.call(admin, 'agreements', 'POST', '/organizations', body));
  const agencyId = await register({ name: spec.agency, type: 'police-agency', services: [] });
  const partnerIds: string[] = [];
  for (const partner of spec.partners) {
    partnerIds.push(
      await register({
        name: partner.name,
        type: partner.type ?? 'mental-health-provider',
        services: partner.services,
      }),
    );
  }
  const initiativeId = id(
    await api.call(admin, 'agreements', 'POST', '/initiatives', {
      ...spec.initiative,
      leadAgencyId: agencyId,
      partnerIds,
    }),
  );
  const sources: Record<string, string> = {};
  for (const [key, body] of Object.entries(spec.sources ?? {})) {
    sources[key] = id(await api.call(admin, 'funding', 'POST', '/funding-sources', body));
  }
  const partners = [];
  for (const [index, partner] of spec.partners.entries()) {
    const partnerId = partnerIds[index];
    const agreementId = partner.agreement
      ? await agreementInForce(api, initiativeId, partnerId, partner.agreement)
      : undefined;
    const budgetId = partner.budget
      ? id(
          await api.call(admin, 'funding', 'POST', '/budgets', {
            initiativeId,
            partnerId,
            costPerCaseCents: partner.budget.costPerCaseCents,
            allocations: partner.budget.allocations.map(({ source, amountCents }) => ({
              sourceId: sources[source],
              amountCents,
            })),
          }),
        )
      : undefined;
    if (partner.webhook) {
      await api.call(
        { role: 'partner', org: partnerId },
        'notifications',
        'POST',
        '/subscriptions',
        {
          eventTypes: partner.webhook.eventTypes,
          channel: 'webhook',
          webhook: { url: partner.webhook.url(partnerId), secret: partner.webhook.secret },
        },
      );
    }
    partners.push({ id: partnerId, agreementId, budgetId });
  }
  await untilRoutingKnows(api, {
    agreements: partners.flatMap(({ agreementId }) => (agreementId ? [agreementId] : [])),
    budgets: partners.flatMap(({ budgetId }) => (budgetId ? [budgetId] : [])),
  });
  return { agencyId, initiativeId, sources, partners };
}

async function agreementInForce(
  api: ConcordCaller,
  initiativeId: string,
  partnerId: string,
  { signatories, ...terms }: NonNullable<PartnerSpec['agreement']>,
): Promise<string> {
  const agreementId = id(
    await api.call(admin, 'agreements', 'POST', '/agreements', {
      ...terms,
      initiativeId,
      partnerId,
    }),
  );
  for (const party of ['agency', 'partner'] as const) {
    await api.call(admin, 'agreements', 'POST', `/agreements/${agreementId}/signatures`, {
      party,
      ...(signatories?.[party] ?? { name: `${party} signatory`, title: 'Director' }),
    });
  }
  return agreementId;
}

/**
 * Routing learns of agreements and budgets from their events: waits until it knows each
 * agreement in force, with its partner, and each budget. Generous: a service that has just
 * started may first catch up with the topics it consumes.
 */
export async function untilRoutingKnows(
  api: ConcordCaller,
  {
    agreements = [],
    budgets = [],
  }: { agreements?: readonly string[]; budgets?: readonly string[] },
  timeoutMs = 120_000,
): Promise<void> {
  const known = (path: string, check: (body: Json) => boolean) =>
    eventually(
      `routing to know ${path}`,
      async () => {
        const body = await api.call(admin, 'referrals', 'GET', path).catch(() => undefined);
        return body !== undefined && check(body);
      },
      timeoutMs,
      250,
    );
  for (const agreementId of agreements) {
    await known(
      `/routing/agreements/${agreementId}`,
      (body) => body.status === 'active' && body.partnerKnown === true,
    );
  }
  for (const budgetId of budgets) await known(`/routing/budgets/${budgetId}`, () => true);
}
