import { ReactNode, useId, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { get, post } from '../api';
import { ConfirmDialog } from '../components/confirm-dialog';
import { Countdown } from '../components/countdown';
import { exactly, StatusLabel, UrgencyLabel, when } from '../components/labels';
import { Loading, NotForRole, Problem } from '../components/states';
import { useSession } from '../session';
import { DispatchDecision, DispatchReferral, PartnerReferral, TimelineEntry } from '../types';
import { DECLINE_REASONS, label, OUTCOMES, UNSUCCESSFUL_REASONS } from '../vocabulary';

/** One referral at its own URL: a partner's view with its steps, or dispatch's with the timeline. */
export function ReferralScreen() {
  const { id = '' } = useParams();
  const session = useSession();
  const role = session.data?.signedIn ? session.data.role : undefined;
  const referral = useQuery({
    queryKey: ['referral', id],
    queryFn: () =>
      get<PartnerReferral | DispatchReferral>(`/api/referrals/referrals/${encodeURIComponent(id)}`),
    enabled: role !== undefined && role !== 'auditor',
  });
  if (role === 'auditor') return <NotForRole what="referrals" role={role} />;
  if (referral.isPending) return <Loading what="the referral" />;
  if (referral.isError) return <Problem error={referral.error} />;
  return role === 'partner' ? (
    <PartnerReferralView referral={referral.data as PartnerReferral} />
  ) : (
    <DispatchReferralView
      referral={referral.data as DispatchReferral}
      canCancel={role === 'dispatcher'}
    />
  );
}

function Field({ name, children }: { name: string; children: ReactNode }) {
  return (
    <>
      <dt>{name}</dt>
      <dd>{children}</dd>
    </>
  );
}

/** A required choice from one of the fixed vocabularies. */
function Choice(props: {
  label: string;
  prompt: string;
  options: readonly string[];
  value: string;
  onChange: (value: string) => void;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <select
        id={id}
        value={props.value}
        required
        onChange={(event) => props.onChange(event.target.value)}
      >
        <option value="">{props.prompt}</option>
        {props.options.map((value) => (
          <option key={value} value={value}>
            {label(value)}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The optional note a partner's step carries (at most 2,000 characters, as the API allows). */
function Note(props: { value: string; onChange: (value: string) => void }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>Note (optional)</label>
      <textarea
        id={id}
        value={props.value}
        maxLength={2000}
        onChange={(event) => props.onChange(event.target.value)}
      />
    </div>
  );
}

type PartnerStep = 'accept' | 'decline' | 'contact' | 'complete';

/** The partner's view: only the fields its agreement shares, and the steps its offer allows. */
function PartnerReferralView({ referral }: { referral: PartnerReferral }) {
  const client = useQueryClient();
  const [step, setStep] = useState<PartnerStep | null>(null);
  const [reason, setReason] = useState('');
  const [note, setNote] = useState('');
  const [outcome, setOutcome] = useState('');
  const [unsuccessfulReason, setUnsuccessfulReason] = useState('');
  const status = referral.offer.status;

  const open = (next: PartnerStep) => {
    setReason('');
    setNote('');
    setOutcome('');
    setUnsuccessfulReason('');
    setStep(next);
  };
  const run = async (path: PartnerStep, body?: unknown) => {
    await post(`/api/referrals/referrals/${referral.id}/${path}`, body);
    await client.invalidateQueries({ queryKey: ['referral', referral.id] });
    void client.invalidateQueries({ queryKey: ['referrals'] });
    void client.invalidateQueries({ queryKey: ['counts'] });
  };
  const withNote = note.trim() ? { note: note.trim() } : {};

  return (
    <article>
      <p>
        <Link to="/queue">← Back to the queue</Link>
      </p>
      <h1>
        {label(referral.category)} referral <StatusLabel status={status} />
      </h1>
      <dl className="details">
        <Field name="Urgency">
          <UrgencyLabel urgency={referral.urgency} />
        </Field>
        <Field name="Offered">{when(referral.offer.offeredAt)}</Field>
        {status === 'offered' && (
          <Field name="Accept within">
            <Countdown until={referral.offer.acceptBy} />
          </Field>
        )}
        <Field name="Area">{referral.areaCode}</Field>
        {referral.incidentReference !== undefined && (
          <Field name="Incident">{referral.incidentReference}</Field>
        )}
        {referral.person?.name !== undefined && <Field name="Name">{referral.person.name}</Field>}
        {referral.person?.age !== undefined && <Field name="Age">{referral.person.age}</Field>}
        {referral.person?.phone !== undefined && (
          <Field name="Phone">{referral.person.phone}</Field>
        )}
        {referral.person?.language !== undefined && (
          <Field name="Language">{referral.person.language}</Field>
        )}
        {referral.contactPreference !== undefined && (
          <Field name="Contact by">{label(referral.contactPreference)}</Field>
        )}
        {referral.location?.address !== undefined && (
          <Field name="Address">{referral.location.address}</Field>
        )}
        {referral.location?.latitude !== undefined && (
          <Field name="Location">
            {referral.location.latitude}, {referral.location.longitude}
          </Field>
        )}
        {referral.narrative !== undefined && (
          <Field name="What happened">{referral.narrative}</Field>
        )}
        {referral.outcome && (
          <Field name="Outcome">
            {label(referral.outcome.outcome)}
            {referral.outcome.unsuccessfulReason
              ? ` (${label(referral.outcome.unsuccessfulReason)})`
              : ''}
          </Field>
        )}
      </dl>
      <p className="hint">
        Shown:{' '}
        {referral.sharedFields.length > 0 ? referral.sharedFields.join(', ') : 'nothing personal'}{' '}
        (the agreement&apos;s data-sharing terms; basis: {referral.sharingBasis}).
      </p>
      {referral.redisclosureNotice && (
        <p className="notice" role="note">
          {referral.redisclosureNotice}
        </p>
      )}

      <div className="actions">
        {status === 'offered' && (
          <>
            <button type="button" className="primary" onClick={() => open('accept')}>
              Accept
            </button>
            <button type="button" className="secondary" onClick={() => open('decline')}>
              Decline
            </button>
          </>
        )}
        {status === 'accepted' && (
          <button type="button" className="primary" onClick={() => open('contact')}>
            Record contact
          </button>
        )}
        {(status === 'accepted' || status === 'in-progress') && (
          <button
            type="button"
            className={status === 'in-progress' ? 'primary' : 'secondary'}
            onClick={() => open('complete')}
          >
            Complete
          </button>
        )}
        {status === 'completed' && (
          <Link className="button secondary" to={`/referrals/${referral.id}/feedback-card`}>
            Print a feedback card
          </Link>
        )}
      </div>

      <ConfirmDialog
        title="Accept referral"
        open={step === 'accept'}
        onClose={() => setStep(null)}
        onConfirm={() => run('accept')}
      >
        <p>Your organisation takes this referral on. The dispatcher hears of it at once.</p>
      </ConfirmDialog>

      <ConfirmDialog
        title="Decline referral"
        open={step === 'decline'}
        onClose={() => setStep(null)}
        onConfirm={() => run('decline', { reason, ...withNote })}
        ready={reason !== ''}
      >
        <p>The referral goes to the next eligible partner, never back to you.</p>
        <Choice
          label="Reason"
          prompt="Choose a reason"
          options={DECLINE_REASONS}
          value={reason}
          onChange={setReason}
        />
        <Note value={note} onChange={setNote} />
      </ConfirmDialog>

      <ConfirmDialog
        title="Record contact"
        open={step === 'contact'}
        onClose={() => setStep(null)}
        onConfirm={() => run('contact', withNote)}
      >
        <p>You reached the person: the case is in progress.</p>
        <Note value={note} onChange={setNote} />
      </ConfirmDialog>

      <ConfirmDialog
        title="Complete referral"
        open={step === 'complete'}
        onClose={() => setStep(null)}
        onConfirm={() =>
          run('complete', {
            outcome,
            ...(outcome === 'unsuccessful' ? { unsuccessfulReason } : {}),
            ...withNote,
          })
        }
        ready={outcome !== '' && (outcome !== 'unsuccessful' || unsuccessfulReason !== '')}
      >
        <p>Report the outcome: the loop is closed and dispatch is told.</p>
        <Choice
          label="Outcome"
          prompt="Choose an outcome"
          options={OUTCOMES}
          value={outcome}
          onChange={setOutcome}
        />
        {outcome === 'unsuccessful' && (
          <Choice
            label="Why it was unsuccessful"
            prompt="Choose a reason"
            options={UNSUCCESSFUL_REASONS}
            value={unsuccessfulReason}
            onChange={setUnsuccessfulReason}
          />
        )}
        <Note value={note} onChange={setNote} />
      </ConfirmDialog>
    </article>
  );
}

const CLOSED = ['completed', 'cancelled'];

/** Dispatch's (and an administrator's) view: all of it, the timeline, the engine's decisions. */
function DispatchReferralView({
  referral,
  canCancel,
}: {
  referral: DispatchReferral;
  canCancel: boolean;
}) {
  const client = useQueryClient();
  const [cancelling, setCancelling] = useState(false);
  const [reason, setReason] = useState('');
  const reasonId = useId();
  const timeline = useQuery({
    queryKey: ['referral', referral.id, 'timeline', referral.updatedAt],
    queryFn: () =>
      get<{ events: TimelineEntry[] }>(`/api/insights/referrals/${referral.id}/timeline`),
  });
  const decisions = useQuery({
    queryKey: ['referral', referral.id, 'decisions', referral.updatedAt],
    queryFn: () => get<DispatchDecision[]>(`/api/referrals/referrals/${referral.id}/decisions`),
  });

  return (
    <article>
      <p>
        <Link to="/referrals">← Back to the referrals</Link>
      </p>
      <h1>
        {label(referral.category)} referral {referral.incidentReference}{' '}
        <StatusLabel status={referral.status} />
      </h1>
      <dl className="details">
        <Field name="Urgency">
          <UrgencyLabel urgency={referral.urgency} />
        </Field>
        <Field name="Submitted">{when(referral.submittedAt)}</Field>
        <Field name="Name">{referral.person.name}</Field>
        {referral.person.phone && <Field name="Phone">{referral.person.phone}</Field>}
        <Field name="Contact by">{label(referral.contactPreference)}</Field>
        {referral.location.address && <Field name="Address">{referral.location.address}</Field>}
        <Field name="What happened">{referral.narrative}</Field>
        <Field name="Consent">
          {referral.consent.obtained
            ? `Obtained (${referral.consent.method ?? ''})`
            : 'Not obtained: shared under an override'}
        </Field>
        {referral.assignment?.acceptBy && referral.status === 'offered' && (
          <Field name="Partner must accept within">
            <Countdown until={referral.assignment.acceptBy} />
          </Field>
        )}
        {referral.outcome && (
          <Field name="Outcome">
            {label(referral.outcome.outcome)}
            {referral.outcome.unsuccessfulReason
              ? ` (${label(referral.outcome.unsuccessfulReason)})`
              : ''}
          </Field>
        )}
        {referral.cancelReason && <Field name="Cancelled because">{referral.cancelReason}</Field>}
      </dl>

      {canCancel && !CLOSED.includes(referral.status) && (
        <div className="actions">
          <button
            type="button"
            className="danger"
            onClick={() => {
              setReason('');
              setCancelling(true);
            }}
          >
            Cancel
          </button>
        </div>
      )}
      <ConfirmDialog
        title="Cancel referral"
        destructive
        open={cancelling}
        onClose={() => setCancelling(false)}
        ready={reason.trim() !== ''}
        onConfirm={async () => {
          await post(`/api/referrals/referrals/${referral.id}/cancel`, { reason: reason.trim() });
          await client.invalidateQueries({ queryKey: ['referral', referral.id] });
          void client.invalidateQueries({ queryKey: ['referrals'] });
        }}
      >
        <p>The partner is told and the case closes. This cannot be undone.</p>
        <div className="field">
          <label htmlFor={reasonId}>Reason</label>
          <textarea
            id={reasonId}
            value={reason}
            required
            maxLength={2000}
            onChange={(event) => setReason(event.target.value)}
          />
        </div>
      </ConfirmDialog>

      <section aria-labelledby="timeline-heading">
        <h2 id="timeline-heading">Timeline</h2>
        {timeline.isPending ? (
          <Loading what="the timeline" />
        ) : timeline.isError ? (
          <Problem error={timeline.error} />
        ) : (
          <ol className="timeline">
            {timeline.data.events.map((event) => (
              <li key={event.eventId}>
                <time dateTime={event.time}>{exactly(event.time)}</time> {describeEvent(event)}
              </li>
            ))}
          </ol>
        )}
      </section>

      <section aria-labelledby="decisions-heading">
        <h2 id="decisions-heading">Assignment decisions</h2>
        {decisions.isPending ? (
          <Loading what="the decisions" />
        ) : decisions.isError ? (
          <Problem error={decisions.error} />
        ) : decisions.data.length === 0 ? (
          <p>No assignment has been decided yet.</p>
        ) : (
          <ol className="decisions">
            {decisions.data.map((decision) => (
              <li key={decision.decidedAt}>
                <time dateTime={decision.decidedAt}>{exactly(decision.decidedAt)}</time>{' '}
                {decision.partnerName
                  ? `Offered to ${decision.partnerName}`
                  : 'No eligible partner'}
                ; {decision.eligiblePartners} eligible, {decision.ruledOutPartners} ruled out
                {Object.keys(decision.ruledOutByReason).length > 0 &&
                  ` (${Object.entries(decision.ruledOutByReason)
                    .map(([why, count]) => `${label(why)}: ${count}`)
                    .join(', ')})`}
              </li>
            ))}
          </ol>
        )}
      </section>
    </article>
  );
}

/** "concord.referral.offer-expired.v1" → "Referral offer expired", with the detail that matters. */
function describeEvent(event: TimelineEntry): string {
  const name = event.type.replace(/^concord\./, '').replace(/\.v\d+$/, '');
  const [aggregate = '', what = ''] = name.split('.');
  const reason = typeof event.data.reason === 'string' ? ` (${label(event.data.reason)})` : '';
  return `${label(aggregate)} ${what.replaceAll('-', ' ')}${reason}`;
}
