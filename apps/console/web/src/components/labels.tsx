import { label } from '../vocabulary';

const URGENCY_MARKS: Record<string, string> = {
  immediate: '●●●',
  'same-day': '●●○',
  routine: '●○○',
};

/** Urgency in words, with a mark: colour is never the only signal. */
export function UrgencyLabel({ urgency }: { urgency: string }) {
  return (
    <span className={`urgency urgency-${urgency}`}>
      <span aria-hidden="true">{URGENCY_MARKS[urgency] ?? ''} </span>
      {label(urgency)}
    </span>
  );
}

/** Most urgent first, for sorting. */
export const urgencyRank = (urgency: string): number =>
  ({ immediate: 0, 'same-day': 1, routine: 2 })[urgency] ?? 9;

export function StatusLabel({ status }: { status: string }) {
  return <span className={`status status-${status}`}>{label(status)}</span>;
}

export const when = (iso: string): string =>
  new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** To the second: the steps of one referral often happen within the same minute. */
export const exactly = (iso: string): string =>
  new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
