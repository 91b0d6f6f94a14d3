import { useId, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { post, put } from '../api';
import { Activity } from '../partnership-types';
import { label } from '../vocabulary';
import { ConfirmDialog } from './confirm-dialog';
import { StatusLabel, when } from './labels';
import { Empty } from './states';

type Step = { activity: Activity; what: 'attendance' | 'cancel' | 'confirm' };

/** A topic as a person reads it: the hyphen of "de-escalation" is a word's own. */
export const topicLabel = (topic: string): string =>
  topic === 'crisis-de-escalation' ? 'Crisis de-escalation' : label(topic);

/** "Training · Crisis de-escalation", or the free text of an `other` topic. */
export const activityKind = (activity: Activity): string =>
  `${label(activity.kind)} · ${
    activity.topic === 'other' && activity.topicDetail
      ? activity.topicDetail
      : topicLabel(activity.topic)
  }`;

/** A partner sees no other organisation's name (agreements shows it only its own). */
const others = (count: number): string =>
  count === 0
    ? 'no other organisation'
    : `and ${count} other organisation${count === 1 ? '' : 's'}`;

const attendeesOf = (activity: Activity): number | null =>
  activity.status === 'held'
    ? activity.participants.reduce((sum, one) => sum + (one.attendees ?? 0), 0)
    : null;

/**
 * An initiative's joint trainings and community events, soonest first. An administrator records
 * attendance (once the activity has started) and cancels; a partner confirms its own
 * organisation's participation. Every step is confirmed in a dialog named after it.
 */
export function ActivityList(props: {
  activities: readonly Activity[];
  /** Organisations' names; a partner's list names none but its own ("Your organisation"). */
  nameOf?: (id: string) => string;
  role: 'admin' | 'partner' | 'auditor';
  /** The partner's own organisation. */
  organizationId?: string | null;
  empty: string;
}) {
  const { activities, nameOf, role, organizationId } = props;
  const client = useQueryClient();
  const [step, setStep] = useState<Step | null>(null);
  const [counts, setCounts] = useState<Record<string, string>>({});
  const now = Date.now();
  if (activities.length === 0) return <Empty>{props.empty}</Empty>;
  const sorted = [...activities].sort((a, b) => a.startsAt.localeCompare(b.startsAt));

  const done = async () => {
    await client.invalidateQueries({ queryKey: ['activities'] });
  };
  const openAttendance = (activity: Activity) => {
    setCounts(
      Object.fromEntries(
        activity.participants.map((one) => [
          one.organizationId,
          one.attendees === null ? '' : String(one.attendees),
        ]),
      ),
    );
    setStep({ activity, what: 'attendance' });
  };
  const countsValid = Object.values(counts).every(
    (value) => value.trim() === '' || /^\d{1,6}$/.test(value.trim()),
  );

  return (
    <>
      <table className="table activities">
        <caption className="visually-hidden">Activities</caption>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Activity</th>
            <th scope="col">Place</th>
            <th scope="col">Taking part</th>
            <th scope="col">Status</th>
            <th scope="col">Attended</th>
            {role !== 'auditor' && <th scope="col">Steps</th>}
          </tr>
        </thead>
        <tbody>
          {sorted.map((activity) => {
            const own = activity.participants.find((one) => one.organizationId === organizationId);
            const started = new Date(activity.startsAt).getTime() <= now;
            return (
              <tr key={activity.id}>
                <td data-label="When">
                  {when(activity.startsAt)} –{' '}
                  {new Date(activity.endsAt).toLocaleTimeString(undefined, { timeStyle: 'short' })}
                </td>
                <td data-label="Activity">
                  <span>
                    <strong>{activity.title}</strong>
                    <br />
                    {activityKind(activity)}
                  </span>
                </td>
                <td data-label="Place">{activity.place}</td>
                <td data-label="Taking part">
                  <ul className="plain participants">
                    {(role === 'partner' ? (own ? [own] : []) : activity.participants).map(
                      (one) => (
                        <li key={one.organizationId}>
                          {role === 'partner' ? 'Your organisation' : nameOf?.(one.organizationId)}:{' '}
                          {one.confirmed ? (
                            <span className="met">✓ confirmed</span>
                          ) : (
                            <span className="hint">not confirmed</span>
                          )}
                          {activity.status === 'held' &&
                            `, ${one.attendees === null ? 'not recorded' : `${one.attendees} came`}`}
                        </li>
                      ),
                    )}
                    {role === 'partner' && (
                      <li>{others(activity.participants.length - (own ? 1 : 0))}</li>
                    )}
                  </ul>
                </td>
                <td data-label="Status">
                  <StatusLabel status={activity.status} />
                </td>
                <td data-label="Attended">{attendeesOf(activity) ?? '—'}</td>
                {role !== 'auditor' && (
                  <td data-label="Steps">
                    <div className="row-actions">
                      {role === 'admin' && activity.status !== 'cancelled' && started && (
                        <button
                          type="button"
                          className="secondary"
                          onClick={() => openAttendance(activity)}
                        >
                          Record attendance
                          <span className="visually-hidden">: {activity.title}</span>
                        </button>
                      )}
                      {role === 'admin' && activity.status === 'planned' && (
                        <button
                          type="button"
                          className="secondary"
                          onClick={() => setStep({ activity, what: 'cancel' })}
                        >
                          Cancel
                          <span className="visually-hidden"> activity: {activity.title}</span>
                        </button>
                      )}
                      {role === 'partner' &&
                        own &&
                        !own.confirmed &&
                        activity.status === 'planned' && (
                          <button
                            type="button"
                            className="primary"
                            onClick={() => setStep({ activity, what: 'confirm' })}
                          >
                            Confirm we&apos;ll be there
                            <span className="visually-hidden">: {activity.title}</span>
                          </button>
                        )}
                    </div>
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>

      <ConfirmDialog
        title="Record attendance"
        open={step?.what === 'attendance'}
        onClose={() => setStep(null)}
        ready={countsValid}
        onConfirm={async () => {
          if (!step) return;
          await put(`/api/agreements/activities/${step.activity.id}/attendance`, {
            attendance: Object.entries(counts)
              .filter(([, value]) => value.trim() !== '')
              .map(([id, value]) => ({ organizationId: id, attendees: Number(value) })),
          });
          await done();
        }}
      >
        <p>
          How many people came from each organisation (counts only, no names). An organisation left
          empty is recorded as not recorded; you can correct the figures later.
        </p>
        {step?.activity.participants.map((one) => (
          <CountField
            key={one.organizationId}
            label={nameOf?.(one.organizationId) ?? one.organizationId}
            value={counts[one.organizationId] ?? ''}
            onChange={(value) =>
              setCounts((current) => ({ ...current, [one.organizationId]: value }))
            }
          />
        ))}
      </ConfirmDialog>

      <ConfirmDialog
        title="Cancel activity"
        destructive
        open={step?.what === 'cancel'}
        onClose={() => setStep(null)}
        onConfirm={async () => {
          if (!step) return;
          await post(`/api/agreements/activities/${step.activity.id}/cancellation`);
          await done();
        }}
      >
        <p>
          {step?.activity.title} is called off and the organisations taking part see it cancelled.
          It stays in the record: a cancellation cannot be undone.
        </p>
      </ConfirmDialog>

      <ConfirmDialog
        title="Confirm participation"
        open={step?.what === 'confirm'}
        onClose={() => setStep(null)}
        onConfirm={async () => {
          if (!step) return;
          await post(`/api/agreements/activities/${step.activity.id}/participation`);
          await done();
        }}
      >
        <p>
          Your organisation will take part in {step?.activity.title} on{' '}
          {step ? when(step.activity.startsAt) : ''}. The programme administrator sees your
          confirmation.
        </p>
      </ConfirmDialog>
    </>
  );
}

function CountField(props: { label: string; value: string; onChange: (value: string) => void }) {
  const id = useId();
  const invalid = props.value.trim() !== '' && !/^\d{1,6}$/.test(props.value.trim());
  return (
    <div className={invalid ? 'field invalid' : 'field'}>
      <label htmlFor={id}>{props.label}: people who came</label>
      <input
        id={id}
        inputMode="numeric"
        value={props.value}
        aria-invalid={invalid || undefined}
        aria-describedby={invalid ? `${id}-error` : undefined}
        onChange={(event) => props.onChange(event.target.value)}
      />
      {invalid && (
        <p id={`${id}-error`} className="field-error">
          A whole number from 0 to 100000
        </p>
      )}
    </div>
  );
}
