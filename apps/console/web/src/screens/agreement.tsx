import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { get, post } from '../api';
import { AgreementDetail } from '../admin-types';
import { ConfirmDialog } from '../components/confirm-dialog';
import { Loaded } from '../components/data-table';
import { exactly, StatusLabel, when } from '../components/labels';
import { namer, useInitiatives, useOrganisations } from '../directory';
import { label, SHAREABLE_REFERRAL_FIELDS } from '../vocabulary';

type Step = 'sign' | 'suspend' | 'resume' | 'terminate' | 'amend';

/** The steps each status allows (agreements' state machine). */
const STEPS: Record<string, Step[]> = {
  draft: ['sign', 'amend', 'terminate'],
  active: ['suspend', 'amend', 'terminate'],
  suspended: ['resume', 'amend', 'terminate'],
};

const STEP_TITLES: Record<Step, string> = {
  sign: 'Record signature',
  suspend: 'Suspend agreement',
  resume: 'Resume agreement',
  terminate: 'Terminate agreement',
  amend: 'Amend terms',
};

/** One agreement: terms, data sharing, signatures, status history, versions, and its steps. */
export function AgreementScreen() {
  const { id = '' } = useParams();
  const client = useQueryClient();
  const nameOf = namer(useOrganisations().data);
  const initiativeOf = namer(useInitiatives().data);
  const agreement = useQuery({
    queryKey: ['agreements', id],
    queryFn: () => get<AgreementDetail>(`/api/agreements/agreements/${id}`),
  });
  const [step, setStep] = useState<Step | null>(null);
  const [party, setParty] = useState('');
  const [signatory, setSignatory] = useState('');
  const [title, setTitle] = useState('');
  const [reason, setReason] = useState('');
  const [shared, setShared] = useState<string[]>([]);
  const [done, setDone] = useState('');

  const open = (next: Step) => {
    setParty('');
    setSignatory('');
    setTitle('');
    setReason('');
    setShared(agreement.data?.sharedFields ?? []);
    setStep(next);
  };
  const run = async () => {
    const path = `/api/agreements/agreements/${id}`;
    if (step === 'sign')
      await post(`${path}/signatures`, { party, name: signatory.trim(), title: title.trim() });
    if (step === 'suspend') await post(`${path}/suspend`, { reason: reason.trim() });
    if (step === 'resume') await post(`${path}/resume`);
    if (step === 'terminate') await post(`${path}/terminate`, { reason: reason.trim() });
    if (step === 'amend') {
      // Only what changed: an unchanged list would make a version that changes nothing.
      const before = [...(agreement.data?.sharedFields ?? [])].sort().join();
      const changed = [...shared].sort().join() !== before;
      await post(`${path}/amendments`, {
        reason: reason.trim(),
        ...(changed ? { sharedFields: shared } : {}),
      });
    }
    setDone(`${step ? STEP_TITLES[step] : ''}: done.`);
    await client.invalidateQueries({ queryKey: ['agreements'] });
  };
  const ready =
    step === 'sign'
      ? party !== '' && signatory.trim() !== '' && title.trim() !== ''
      : step === 'resume' || reason.trim() !== '';

  return (
    <section>
      <p>
        <Link to="/agreements">All agreements</Link>
      </p>
      <Loaded query={agreement} what="the agreement">
        {(view) => (
          <>
            <h1>
              Agreement with {nameOf(view.partnerId)} <StatusLabel status={view.status} />
            </h1>
            {done && (
              <p className="notice" role="status">
                {done}
              </p>
            )}
            <div className="actions">
              {(STEPS[view.status] ?? [])
                .filter((one) => one !== 'sign' || view.signatures.length < 2)
                .map((one) => (
                  <button
                    key={one}
                    type="button"
                    className={one === 'terminate' ? 'danger' : 'secondary'}
                    onClick={() => open(one)}
                  >
                    {STEP_TITLES[one].replace(' agreement', '').replace('Record signature', 'Sign')}
                  </button>
                ))}
            </div>
            <dl className="details">
              <dt>Initiative</dt>
              <dd>{initiativeOf(view.initiativeId)}</dd>
              <dt>Lead agency</dt>
              <dd>{nameOf(view.agencyId)}</dd>
              <dt>Categories</dt>
              <dd>{view.categories.map(label).join(', ')}</dd>
              <dt>In force</dt>
              <dd>
                from {when(view.effectiveFrom)}
                {view.effectiveTo ? ` until ${when(view.effectiveTo)}` : ', open-ended'}
              </dd>
              <dt>Minutes to accept</dt>
              <dd>
                immediate {view.acceptWithinMinutes.immediate}, same day{' '}
                {view.acceptWithinMinutes['same-day']}, routine {view.acceptWithinMinutes.routine}
              </dd>
              <dt>Version</dt>
              <dd>{view.version}</dd>
            </dl>
            <h2>Data-sharing terms</h2>
            <dl className="details">
              <dt>Shared with consent</dt>
              <dd>{view.sharedFields.join(', ') || 'Nothing beyond category, urgency and area'}</dd>
              <dt>Shared without consent (an override)</dt>
              <dd>{view.sharedFieldsWithoutConsent.join(', ') || 'Nothing'}</dd>
              <dt>42 CFR Part 2 notice</dt>
              <dd>{view.part2?.redisclosureNotice ?? 'None'}</dd>
            </dl>
            <h2>Signatures</h2>
            {view.signatures.length === 0 ? (
              <p>Not signed yet: it comes into force once both parties sign.</p>
            ) : (
              <ul className="plain">
                {view.signatures.map((signature) => (
                  <li key={signature.party}>
                    {label(signature.party)}: {signature.name}, {signature.title} —{' '}
                    {exactly(signature.signedAt)}
                  </li>
                ))}
              </ul>
            )}
            <h2>Status history</h2>
            <ol className="timeline">
              {(view.statusHistory ?? []).map((change) => (
                <li key={`${change.changedAt}-${change.status}`}>
                  <strong>{label(change.status)}</strong> {exactly(change.changedAt)} by{' '}
                  {change.changedBy}
                  {change.reason ? `: ${change.reason}` : ''}
                </li>
              ))}
            </ol>
            <h2>Versions of the terms</h2>
            <ol className="timeline">
              {view.versions.map((version) => (
                <li key={version.version}>
                  Version {version.version}, {exactly(version.createdAt)} by {version.createdBy}
                  {version.reason ? `: ${version.reason}` : ''} — shares{' '}
                  {version.sharedFields.join(', ') || 'nothing'}
                </li>
              ))}
            </ol>
            <ConfirmDialog
              title={step ? STEP_TITLES[step] : ''}
              destructive={step === 'terminate'}
              open={step !== null}
              onClose={() => setStep(null)}
              onConfirm={run}
              ready={ready}
            >
              {step === 'sign' && (
                <>
                  <div className="field">
                    <label htmlFor="sign-party">Party</label>
                    <select
                      id="sign-party"
                      value={party}
                      onChange={(event) => setParty(event.target.value)}
                    >
                      <option value="">Choose…</option>
                      <option value="agency">Agency ({nameOf(view.agencyId)})</option>
                      <option value="partner">Partner ({nameOf(view.partnerId)})</option>
                    </select>
                  </div>
                  <div className="field">
                    <label htmlFor="sign-name">Signatory&apos;s name</label>
                    <input
                      id="sign-name"
                      value={signatory}
                      maxLength={200}
                      onChange={(event) => setSignatory(event.target.value)}
                    />
                  </div>
                  <div className="field">
                    <label htmlFor="sign-title">Signatory&apos;s title</label>
                    <input
                      id="sign-title"
                      value={title}
                      maxLength={200}
                      onChange={(event) => setTitle(event.target.value)}
                    />
                  </div>
                  <p className="hint">
                    Check your answers: a signature cannot be withdrawn. With both parties signed,
                    the agreement is in force from {when(view.effectiveFrom)} and referrals route to{' '}
                    {nameOf(view.partnerId)}.
                  </p>
                </>
              )}
              {(step === 'suspend' || step === 'terminate' || step === 'amend') && (
                <div className="field">
                  <label htmlFor="step-reason">Reason</label>
                  <textarea
                    id="step-reason"
                    value={reason}
                    maxLength={1000}
                    onChange={(event) => setReason(event.target.value)}
                  />
                </div>
              )}
              {step === 'amend' && (
                <fieldset>
                  <legend>Data shared with the partner</legend>
                  {SHAREABLE_REFERRAL_FIELDS.map((name) => (
                    <label key={name} className="choice">
                      <input
                        type="checkbox"
                        checked={shared.includes(name)}
                        onChange={() =>
                          setShared((current) =>
                            current.includes(name)
                              ? current.filter((one) => one !== name)
                              : [...current, name],
                          )
                        }
                      />{' '}
                      {name}
                    </label>
                  ))}
                </fieldset>
              )}
              {step === 'suspend' && (
                <p className="hint">
                  {nameOf(view.partnerId)} leaves routing now: its open offers are withdrawn and
                  re-routed to another partner.
                </p>
              )}
              {step === 'terminate' && (
                <p className="hint">
                  Check your answers: a terminated agreement cannot be resumed.
                </p>
              )}
            </ConfirmDialog>
          </>
        )}
      </Loaded>
    </section>
  );
}
