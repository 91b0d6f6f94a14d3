import { CONCORD_SERVICES, ConcordService } from '@concord/contracts';

/** The five Concord services, in the order they are started and listed (libs/contracts). */
export const SERVICES = CONCORD_SERVICES;
export type ServiceName = ConcordService;

/** The apps that run as processes: the five services and the console in front of them. */
export type AppName = ServiceName | 'console';

/** An app's entry point, built by `npm run build`, relative to the repository's root. */
export const scriptOf = (app: AppName): string => `dist/apps/${app}/src/main.js`;

/** The console's setting for the address of each service's API. */
export const CONSOLE_URL_SETTINGS: Record<ServiceName, string> = {
  referrals: 'CONCORD_REFERRALS_URL',
  agreements: 'CONCORD_AGREEMENTS_URL',
  funding: 'CONCORD_FUNDING_URL',
  notifications: 'CONCORD_NOTIFICATIONS_URL',
  insights: 'CONCORD_INSIGHTS_URL',
};
