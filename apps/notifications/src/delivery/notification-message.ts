import { concordCatalogue } from '@concord/contracts';
import { Notification } from './notification.entity';

const CATALOGUE = concordCatalogue();

/** What a person reads of a notification: the event and what it is about, never the person. */
export interface NotificationText {
  /** `referral.assigned: referral <id>` */
  readonly title: string;
  /** The event type's summary from the contracts catalogue. */
  readonly summary: string;
}

type About = Pick<Notification, 'aboutEventType' | 'aboutSubject'>;

export function describeNotification({ aboutEventType, aboutSubject }: About): NotificationText {
  const definition = CATALOGUE.find(aboutEventType);
  const name = definition?.name ?? aboutEventType;
  const noun = name.split('.')[0];
  return {
    title: `${name}: ${noun} ${aboutSubject}`,
    summary: definition?.summary ?? aboutEventType,
  };
}

/** The plain-text body of a notification e-mail: the fixed template, nothing from elsewhere. */
export function emailText(
  notification: Pick<
    Notification,
    'id' | 'aboutEventType' | 'aboutSubject' | 'occurredAt' | 'link'
  >,
): string {
  const { title, summary } = describeNotification(notification);
  return [
    title,
    '',
    summary,
    '',
    `Event: ${notification.aboutEventType}`,
    `At: ${notification.occurredAt.toISOString()}`,
    ...(notification.link ? [`Open it in Concord: ${notification.link}`] : []),
    '',
    'This message carries no personal details; sign in to Concord to see them.',
    `Notification ${notification.id}`,
  ].join('\n');
}
