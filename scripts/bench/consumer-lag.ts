import { Admin, AssignerProtocol, Kafka } from 'kafkajs';

/**
 * The services' backlog on the broker: for each consumer group, the messages of the partitions
 * its members are assigned that it has not committed yet (high watermark − committed offset).
 */
export class ConsumerLag {
  private admin?: Admin;

  constructor(
    private readonly kafka: Kafka,
    private readonly groups: string[],
  ) {}

  async start(): Promise<void> {
    this.admin = this.kafka.admin();
    await this.admin.connect();
  }

  /** The topics each group's members are assigned right now. */
  private async assignedTopics(admin: Admin): Promise<Map<string, Set<string>>> {
    const { groups } = await admin.describeGroups(this.groups);
    const topics = new Map<string, Set<string>>();
    for (const group of groups) {
      const set = new Set<string>();
      for (const member of group.members) {
        const assignment = AssignerProtocol.MemberAssignment.decode(member.memberAssignment);
        for (const topic of Object.keys(assignment?.assignment ?? {})) set.add(topic);
      }
      topics.set(group.groupId, set);
    }
    return topics;
  }

  /** True once every group has a member with partitions assigned: it is consuming. */
  async allAssigned(): Promise<boolean> {
    const admin = this.admin;
    if (!admin) throw new Error('ConsumerLag.start() was not called');
    const assigned = await this.assignedTopics(admin);
    return this.groups.every((groupId) => (assigned.get(groupId)?.size ?? 0) > 0);
  }

  /** Lag per group, summed over its assigned topics and partitions. */
  async measure(): Promise<Record<string, number>> {
    const admin = this.admin;
    if (!admin) throw new Error('ConsumerLag.start() was not called');
    const assigned = await this.assignedTopics(admin);
    const highWatermarks = new Map<string, Map<number, number>>();
    const watermarkOf = async (topic: string) => {
      let partitions = highWatermarks.get(topic);
      if (!partitions) {
        const offsets = await admin.fetchTopicOffsets(topic);
        partitions = new Map(offsets.map((p) => [p.partition, Number(p.high)]));
        highWatermarks.set(topic, partitions);
      }
      return partitions;
    };
    const lag: Record<string, number> = {};
    for (const groupId of this.groups) {
      const topics = [...(assigned.get(groupId) ?? [])];
      let total = 0;
      if (topics.length > 0) {
        const committed = await admin.fetchOffsets({ groupId, topics });
        for (const { topic, partitions } of committed) {
          const high = await watermarkOf(topic);
          for (const { partition, offset } of partitions) {
            const end = high.get(partition) ?? 0;
            const at = Number(offset) < 0 ? 0 : Number(offset);
            total += Math.max(0, end - at);
          }
        }
      }
      lag[groupId] = total;
    }
    return lag;
  }

  /**
   * Messages the services' groups have consumed so far (committed offsets summed over the
   * partitions they are assigned): the difference over a phase is its Kafka deliveries, each
   * event counted once per service that subscribes to its topic.
   */
  async committed(): Promise<number> {
    const admin = this.admin;
    if (!admin) throw new Error('ConsumerLag.start() was not called');
    const assigned = await this.assignedTopics(admin);
    let total = 0;
    for (const groupId of this.groups) {
      const topics = [...(assigned.get(groupId) ?? [])];
      if (topics.length === 0) continue;
      for (const { partitions } of await admin.fetchOffsets({ groupId, topics })) {
        for (const { offset } of partitions) total += Math.max(0, Number(offset));
      }
    }
    return total;
  }

  async stop(): Promise<void> {
    await this.admin?.disconnect();
  }
}
