/** A partition's offsets as the broker gave them when the rebuild started. */
export interface PartitionOffsets {
  readonly topic: string;
  readonly partition: number;
  /** The first offset still on the broker. */
  readonly low: string;
  /** The high watermark: the offset the next message will get. */
  readonly high: string;
}

const keyOf = (topic: string, partition: number) => `${topic}/${partition}`;

/**
 * What a rebuild reads: every partition from its first offset up to (not including) the high
 * watermark taken at the start. Messages published later are the live consumer's business.
 */
export class ReadTargets {
  private readonly high = new Map<string, bigint>();
  /** The partitions not yet read to their target. */
  private readonly pending = new Set<string>();
  readonly total: number;

  constructor(partitions: readonly PartitionOffsets[]) {
    let total = 0n;
    for (const { topic, partition, low, high } of partitions) {
      const key = keyOf(topic, partition);
      this.high.set(key, BigInt(high));
      if (BigInt(high) > BigInt(low)) {
        this.pending.add(key);
        total += BigInt(high) - BigInt(low);
      }
    }
    this.total = Number(total);
  }

  /** Whether the message at `offset` was on the broker when the rebuild started. */
  wants(topic: string, partition: number, offset: string): boolean {
    const high = this.high.get(keyOf(topic, partition));
    return high !== undefined && BigInt(offset) < high;
  }

  /** Notes that the partition was read up to and including `offset`; true when it is complete. */
  readThrough(topic: string, partition: number, offset: string): boolean {
    const key = keyOf(topic, partition);
    const high = this.high.get(key);
    if (high === undefined || BigInt(offset) + 1n >= high) this.pending.delete(key);
    return !this.pending.has(key);
  }

  /** Every partition has been read to its target. */
  get complete(): boolean {
    return this.pending.size === 0;
  }
}
