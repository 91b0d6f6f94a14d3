/**
 * What the benchmark saw of each referral: when its request was due and answered, when each
 * event about it was stamped (CloudEvents `ce_time`), appended to Kafka (the message timestamp)
 * and seen by the benchmark, and when the partner's webhook arrived. Times are epoch ms with
 * sub-millisecond precision where the clock has it; all clocks are this machine's.
 */
export interface SeenEvent {
  /** ce_time: when the producing service recorded the event (its outbox row). */
  readonly ceTime: number;
  /** The Kafka message timestamp: when the relay produced it. */
  readonly logTime: number;
  /** When the benchmark's consumer received it. */
  readonly seenAt: number;
}

export interface ReferralTimes {
  submitted?: SeenEvent;
  assigned?: SeenEvent;
  reserved?: SeenEvent;
  webhookAt?: number;
}

export interface Submission {
  readonly reference: string;
  /** When the open-loop schedule called for the request: latencies count from here. */
  readonly dueAt: number;
  sentAt?: number;
  answeredAt?: number;
  status?: number;
  referralId?: string;
}

/** Wall-clock milliseconds with the monotonic clock's resolution. */
export const now = (): number => performance.timeOrigin + performance.now();

export class HandOffTracker {
  private readonly times = new Map<string, ReferralTimes>();

  private entry(referralId: string): ReferralTimes {
    let times = this.times.get(referralId);
    if (!times) {
      times = {};
      this.times.set(referralId, times);
    }
    return times;
  }

  sawEvent(referralId: string, kind: 'submitted' | 'assigned' | 'reserved', event: SeenEvent) {
    const times = this.entry(referralId);
    // The first sighting counts: a redelivered event is not a later hand-off.
    times[kind] ??= event;
  }

  sawWebhook(referralId: string, at: number): void {
    this.entry(referralId).webhookAt ??= at;
  }

  timesOf(referralId: string): ReferralTimes {
    return this.times.get(referralId) ?? {};
  }

  /** Assigned, funding reserved and the partner notified. */
  isComplete(referralId: string): boolean {
    const times = this.times.get(referralId);
    return Boolean(times?.assigned && times.reserved && times.webhookAt !== undefined);
  }

  /** Forgets what is not needed any more, so long runs do not grow the benchmark's memory. */
  forget(referralIds: Iterable<string>): void {
    for (const id of referralIds) this.times.delete(id);
  }
}
