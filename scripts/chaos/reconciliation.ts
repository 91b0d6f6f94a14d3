/**
 * The pure part of chaos testing: given what the load generator was told (every 201) and the rows
 * each service holds once the system has settled, decide for every acknowledged referral whether
 * it was reconciled, lost, duplicated or left inconsistent. No I/O here, so that unit specs can
 * show the reconciliation fail.
 */

/** A 201 the load generator received for POST /referrals. */
export interface Acknowledgement {
  idempotencyKey: string;
  referralId: string;
  incidentReference: string;
}

/** referrals: a row of `referrals`. */
export interface ReferralRow {
  id: string;
  incidentReference: string;
  status: string;
}

/** referrals: a row of `offers` (one per assignment). */
export interface OfferRow {
  referralId: string;
  partnerId: string;
}

/** funding: a ledger entry about a referral. */
export interface LedgerRow {
  referralId: string;
  kind: 'reserve' | 'release' | 'charge';
  amountCents: number;
}

/** insights: a row of `referral_facts`, reduced to what the KPIs count. */
export interface FactRow {
  referralId: string;
  accepted: boolean;
  completed: boolean;
  chargedCents: number;
}

/** notifications: one webhook call the chaos receiver answered 2xx. */
export interface WebhookReceipt {
  eventId: string;
  type: string;
  referralId: string;
}

export interface ObservedState {
  referrals: ReferralRow[];
  offers: OfferRow[];
  ledger: LedgerRow[];
  facts: FactRow[];
  receipts: WebhookReceipt[];
  /** insights: GET /kpis over the scenario's time window, when it was read. */
  kpiSubmitted?: number;
}

export type Verdict = 'reconciled' | 'lost' | 'duplicated' | 'inconsistent';

export interface ReferralVerdict {
  referralId: string;
  verdict: Verdict;
  /** Why it is not reconciled; empty when it is. */
  findings: string[];
}

export interface Reconciliation {
  acknowledged: number;
  reconciled: number;
  lost: number;
  duplicated: number;
  inconsistent: number;
  /** Referrals not reconciled, with their findings (every one of them, for the report). */
  problems: ReferralVerdict[];
  /** Set when the KPIs' count of submitted referrals differs from the referrals stored. */
  kpiFinding: string | null;
}

export const ASSIGNED_EVENT = 'concord.referral.assigned.v1';
/** States in which the partner has taken the case: funding has charged it. */
const CHARGED_STATES = new Set(['accepted', 'in-progress', 'completed']);
/** States the system leaves a referral in once it has settled (awaiting-assignment is not one). */
const SETTLED_STATES = new Set([...CHARGED_STATES, 'offered', 'unassignable', 'cancelled']);

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const id = key(row);
    const group = groups.get(id);
    if (group) group.push(row);
    else groups.set(id, [row]);
  }
  return groups;
}

const sum = (entries: readonly LedgerRow[], kind: LedgerRow['kind']) =>
  entries
    .filter((entry) => entry.kind === kind)
    .reduce((cents, entry) => cents + entry.amountCents, 0);
const count = (entries: readonly LedgerRow[], kind: LedgerRow['kind']) =>
  entries.filter((entry) => entry.kind === kind).length;

interface Finding {
  verdict: Exclude<Verdict, 'reconciled'>;
  text: string;
}

/** Indexes the observed rows once; `judge` then looks one referral up in each service. */
class ObservedIndex {
  readonly referralsById: Map<string, ReferralRow[]>;
  readonly referralsByIncident: Map<string, ReferralRow[]>;
  readonly offers: Map<string, OfferRow[]>;
  readonly ledger: Map<string, LedgerRow[]>;
  readonly facts: Map<string, FactRow[]>;
  readonly assignedNotices: Map<string, WebhookReceipt[]>;

  constructor(state: ObservedState) {
    this.referralsById = groupBy(state.referrals, (row) => row.id);
    this.referralsByIncident = groupBy(state.referrals, (row) => row.incidentReference);
    this.offers = groupBy(state.offers, (row) => row.referralId);
    this.ledger = groupBy(state.ledger, (row) => row.referralId);
    this.facts = groupBy(state.facts, (row) => row.referralId);
    this.assignedNotices = groupBy(
      state.receipts.filter((receipt) => receipt.type === ASSIGNED_EVENT),
      (receipt) => receipt.referralId,
    );
  }
}

/** referrals: one row, for one incident, in a settled state. */
function judgeReferral(ack: Acknowledgement, index: ObservedIndex): Finding[] {
  const rows = index.referralsById.get(ack.referralId) ?? [];
  if (rows.length === 0) return [{ verdict: 'lost', text: 'referrals: no such referral' }];
  const findings: Finding[] = [];
  const sameIncident = index.referralsByIncident.get(ack.incidentReference) ?? [];
  if (rows.length > 1 || sameIncident.length > 1)
    findings.push({
      verdict: 'duplicated',
      text: `referrals: ${Math.max(rows.length, sameIncident.length)} referrals for one submission`,
    });
  if (!SETTLED_STATES.has(rows[0].status))
    findings.push({ verdict: 'inconsistent', text: `referrals: still ${rows[0].status}` });
  return findings;
}

/**
 * funding: each assignment reserved once; what is still reserved (reserved − released − charged)
 * is the open offer's, and a referral the partner took is charged exactly once.
 */
function judgeLedger(ack: Acknowledgement, status: string, index: ObservedIndex): Finding[] {
  const offers = index.offers.get(ack.referralId) ?? [];
  const entries = index.ledger.get(ack.referralId) ?? [];
  const findings: Finding[] = [];
  const reserves = count(entries, 'reserve');
  if (reserves < offers.length)
    findings.push({
      verdict: 'lost',
      text: `funding: ${reserves} reservation(s) for ${offers.length} assignment(s)`,
    });
  if (reserves > offers.length)
    findings.push({
      verdict: 'duplicated',
      text: `funding: ${reserves} reservation(s) for ${offers.length} assignment(s)`,
    });
  const charges = count(entries, 'charge');
  const expectedCharges = CHARGED_STATES.has(status) ? 1 : 0;
  if (charges !== expectedCharges)
    findings.push({
      verdict: charges > expectedCharges ? 'duplicated' : 'lost',
      text: `funding: charged ${charges} time(s) for a referral ${status}`,
    });
  const open = sum(entries, 'reserve') - sum(entries, 'release') - sum(entries, 'charge');
  const shouldBeOpen = status === 'offered';
  if (open < 0 || open > 0 !== shouldBeOpen)
    findings.push({
      verdict: 'inconsistent',
      text: `funding: ${open} cents still reserved for a referral ${status}`,
    });
  return findings;
}

/** insights: one fact row, agreeing with the referral's state and with what funding charged. */
function judgeInsights(ack: Acknowledgement, status: string, index: ObservedIndex): Finding[] {
  const facts = index.facts.get(ack.referralId) ?? [];
  if (facts.length === 0) return [{ verdict: 'lost', text: 'insights: the KPIs do not count it' }];
  if (facts.length > 1)
    return [{ verdict: 'duplicated', text: `insights: counted ${facts.length} times` }];
  const [fact] = facts;
  const findings: Finding[] = [];
  if (fact.accepted !== CHARGED_STATES.has(status))
    findings.push({
      verdict: 'inconsistent',
      text: `insights: accepted=${fact.accepted} for a referral ${status}`,
    });
  if (fact.completed !== (status === 'completed'))
    findings.push({
      verdict: 'inconsistent',
      text: `insights: completed=${fact.completed} for a referral ${status}`,
    });
  const charged = sum(index.ledger.get(ack.referralId) ?? [], 'charge');
  if (fact.chargedCents !== charged)
    findings.push({
      verdict: fact.chargedCents > charged ? 'duplicated' : 'inconsistent',
      text: `insights: ${fact.chargedCents} cents charged, funding says ${charged}`,
    });
  return findings;
}

/** notifications: each assignment told to the partner once, after dropping repeated event ids. */
function judgeNotifications(ack: Acknowledgement, index: ObservedIndex): Finding[] {
  const offers = index.offers.get(ack.referralId) ?? [];
  const notices = index.assignedNotices.get(ack.referralId) ?? [];
  const distinct = new Set(notices.map((notice) => notice.eventId)).size;
  if (distinct < offers.length)
    return [
      {
        verdict: 'lost',
        text: `notifications: partner told of ${distinct} of ${offers.length} assignment(s)`,
      },
    ];
  if (distinct > offers.length)
    return [
      {
        verdict: 'duplicated',
        text: `notifications: ${distinct} distinct notices for ${offers.length} assignment(s)`,
      },
    ];
  return [];
}

/** The verdict on one referral: lost outranks duplicated, which outranks inconsistent. */
export function judge(ack: Acknowledgement, state: ObservedState): ReferralVerdict {
  return judgeIndexed(ack, new ObservedIndex(state));
}

function judgeIndexed(ack: Acknowledgement, index: ObservedIndex): ReferralVerdict {
  const referralFindings = judgeReferral(ack, index);
  const row = index.referralsById.get(ack.referralId)?.[0];
  const findings = row
    ? [
        ...referralFindings,
        ...judgeLedger(ack, row.status, index),
        ...judgeInsights(ack, row.status, index),
        ...judgeNotifications(ack, index),
      ]
    : referralFindings;
  const verdict: Verdict =
    (['lost', 'duplicated', 'inconsistent'] as const).find((kind) =>
      findings.some((finding) => finding.verdict === kind),
    ) ?? 'reconciled';
  return { referralId: ack.referralId, verdict, findings: findings.map((finding) => finding.text) };
}

/**
 * Reconciles every acknowledged referral. Two 201s for one Idempotency-Key that name different
 * referrals count as a duplicate of the second.
 */
export function reconcile(acks: readonly Acknowledgement[], state: ObservedState): Reconciliation {
  const index = new ObservedIndex(state);
  const firstIdOfKey = new Map<string, string>();
  const verdicts: ReferralVerdict[] = [];
  for (const ack of acks) {
    const first = firstIdOfKey.get(ack.idempotencyKey);
    if (first === ack.referralId) continue;
    if (first !== undefined) {
      verdicts.push({
        referralId: ack.referralId,
        verdict: 'duplicated',
        findings: [
          `referrals: key ${ack.idempotencyKey} answered with ${first} and ${ack.referralId}`,
        ],
      });
      continue;
    }
    firstIdOfKey.set(ack.idempotencyKey, ack.referralId);
    verdicts.push(judgeIndexed(ack, index));
  }
  const tally = (verdict: Verdict) => verdicts.filter((entry) => entry.verdict === verdict).length;
  return {
    acknowledged: firstIdOfKey.size,
    reconciled: tally('reconciled'),
    lost: tally('lost'),
    duplicated: tally('duplicated'),
    inconsistent: tally('inconsistent'),
    problems: verdicts.filter((entry) => entry.verdict !== 'reconciled'),
    kpiFinding: kpiFinding(state),
  };
}

/** The KPI report counts each referral of the window once: as many as the referrals service holds. */
function kpiFinding(state: ObservedState): string | null {
  if (state.kpiSubmitted === undefined) return null;
  const stored = new Set(state.referrals.map((row) => row.id)).size;
  return state.kpiSubmitted === stored
    ? null
    : `insights: the KPIs count ${state.kpiSubmitted} referrals submitted, referrals holds ${stored}`;
}
