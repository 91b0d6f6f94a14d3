/**
 * One topic per aggregate, keyed by the aggregate id, so that every event of one referral (or one
 * agreement, one budget...) keeps its order. Dead letters of a topic go to `<topic>.dlq`.
 */
export const Topics = {
  referrals: 'concord.referrals.v1',
  organizations: 'concord.organizations.v1',
  agreements: 'concord.agreements.v1',
  funding: 'concord.funding.v1',
  notifications: 'concord.notifications.v1',
  initiatives: 'concord.initiatives.v1',
} as const;

export type Topic = (typeof Topics)[keyof typeof Topics];

export const ALL_TOPICS: readonly Topic[] = Object.values(Topics);

export function deadLetterTopicOf(topic: string): string {
  return `${topic}.dlq`;
}

/** The five Concord services: each owns its database and is the one producer of its topics. */
export const CONCORD_SERVICES = [
  'referrals',
  'agreements',
  'funding',
  'notifications',
  'insights',
] as const;
export type ConcordService = (typeof CONCORD_SERVICES)[number];

/** The service that is the only producer of each topic. */
export const TOPIC_OWNERS: Record<Topic, ConcordService> = {
  [Topics.referrals]: 'referrals',
  [Topics.organizations]: 'agreements',
  [Topics.agreements]: 'agreements',
  [Topics.funding]: 'funding',
  [Topics.notifications]: 'notifications',
  [Topics.initiatives]: 'agreements',
};
