import { FormEvent, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { ApiError, get, post, put } from '../api';
import { Initiative } from '../admin-types';
import { ActivityList, topicLabel } from '../components/activity-list';
import { ConfirmDialog } from '../components/confirm-dialog';
import { Loaded } from '../components/data-table';
import {
  errorsByField,
  FieldErrors,
  FormErrors,
  NO_ERRORS,
  SelectField,
  TextArea,
  TextField,
  Values,
} from '../components/form';
import { StatusLabel, when } from '../components/labels';
import { Empty } from '../components/states';
import { namer, useOrganisations } from '../directory';
import { Activity, Survey } from '../partnership-types';
import { ACTIVITY_KINDS, ACTIVITY_TOPICS } from '../vocabulary';
import { qrImagePath } from './feedback-card';

/** One initiative: its joint activities and its community survey, and where to read its review. */
export function InitiativeScreen() {
  const { id = '' } = useParams();
  const initiative = useQuery({
    queryKey: ['initiative', id],
    queryFn: () => get<Initiative>(`/api/agreements/initiatives/${encodeURIComponent(id)}`),
  });
  const nameOf = namer(useOrganisations().data);
  return (
    <Loaded query={initiative} what="the initiative">
      {(view) => (
        <article>
          <p>
            <Link to="/initiatives">← Back to the initiatives</Link>
          </p>
          <h1>{view.name}</h1>
          <dl className="details">
            <dt>Lead agency</dt>
            <dd>{nameOf(view.leadAgencyId)}</dd>
            <dt>Partners</dt>
            <dd>{view.partnerIds.map(nameOf).join(', ')}</dd>
            <dt>Period</dt>
            <dd>
              {view.periodFrom} – {view.periodTo}
            </dd>
          </dl>
          <p>
            <Link to={`/review?initiativeId=${view.id}`}>Read the partnership review</Link>
          </p>
          <PartnershipTargets initiative={view} />
          <Activities initiative={view} nameOf={nameOf} />
          <Surveys initiative={view} />
        </article>
      )}
    </Loaded>
  );
}

function Activities({
  initiative,
  nameOf,
}: {
  initiative: Initiative;
  nameOf: (id: string) => string;
}) {
  const activities = useQuery({
    queryKey: ['activities', initiative.id],
    queryFn: () => get<Activity[]>(`/api/agreements/activities?initiativeId=${initiative.id}`),
  });
  return (
    <section aria-labelledby="activities-heading">
      <h2 id="activities-heading">Joint trainings and community events</h2>
      <Loaded query={activities} what="the activities">
        {(rows) => (
          <ActivityList
            activities={rows}
            nameOf={nameOf}
            role="admin"
            empty="No activity yet: plan the first one below."
          />
        )}
      </Loaded>
      <PlanActivity initiative={initiative} nameOf={nameOf} />
    </section>
  );
}

const PLAN: Values = {
  kind: '',
  topic: '',
  topicDetail: '',
  title: '',
  place: '',
  startsAt: '',
  endsAt: '',
};

/** A datetime-local value (the browser's time zone) as an instant with its offset. */
const instant = (local: string): string => (local ? new Date(local).toISOString() : '');

function PlanActivity({
  initiative,
  nameOf,
}: {
  initiative: Initiative;
  nameOf: (id: string) => string;
}) {
  const client = useQueryClient();
  const everyone = [initiative.leadAgencyId, ...initiative.partnerIds];
  const [values, setValues] = useState<Values>(PLAN);
  const [taking, setTaking] = useState<string[]>(everyone);
  const [errors, setErrors] = useState<FieldErrors>(NO_ERRORS);
  const [planned, setPlanned] = useState('');
  const set = (name: string) => (value: string) =>
    setValues((current) => ({ ...current, [name]: value }));
  const field = { values, errors: errors.fields, set };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const activity = await post<Activity>(
        `/api/agreements/initiatives/${initiative.id}/activities`,
        {
          kind: values.kind,
          topic: values.topic,
          ...(values.topic === 'other' || values.topicDetail.trim()
            ? { topicDetail: values.topicDetail.trim() }
            : {}),
          title: values.title.trim(),
          place: values.place.trim(),
          startsAt: instant(values.startsAt),
          endsAt: instant(values.endsAt),
          organizationIds: taking,
        },
      );
      setPlanned(`"${activity.title}" is planned for ${when(activity.startsAt)}.`);
      setValues(PLAN);
      setTaking(everyone);
      setErrors(NO_ERRORS);
      await client.invalidateQueries({ queryKey: ['activities'] });
    } catch (error) {
      setPlanned('');
      setErrors(
        errorsByField(
          [...Object.keys(PLAN), 'organizationIds'],
          error instanceof ApiError ? error.messages : [String(error)],
        ),
      );
    }
  };

  return (
    <form className="referral-form" onSubmit={(event) => void submit(event)} noValidate>
      <h3>Plan an activity</h3>
      {planned && (
        <p className="notice" role="status">
          {planned}
        </p>
      )}
      <FormErrors errors={errors} summary="The activity was not planned:" />
      <SelectField {...field} name="kind" label="Kind" options={ACTIVITY_KINDS} required />
      <SelectField
        {...field}
        name="topic"
        label="Topic"
        options={ACTIVITY_TOPICS.map((topic) => [topic, topicLabel(topic)] as const)}
        required
      />
      {values.topic === 'other' && (
        <TextField {...field} name="topicDetail" label="The topic, in a few words" required />
      )}
      <TextField {...field} name="title" label="Activity title" required />
      <TextField {...field} name="place" label="Place" required />
      <TextField {...field} name="startsAt" label="Starts" type="datetime-local" required />
      <TextField {...field} name="endsAt" label="Ends" type="datetime-local" required />
      <fieldset>
        <legend>Organisations taking part</legend>
        {errors.fields.organizationIds && (
          <p className="field-error">{errors.fields.organizationIds.join('; ')}</p>
        )}
        {everyone.map((organizationId) => (
          <label key={organizationId} className="choice">
            <input
              type="checkbox"
              checked={taking.includes(organizationId)}
              onChange={() =>
                setTaking((current) =>
                  current.includes(organizationId)
                    ? current.filter((one) => one !== organizationId)
                    : [...current, organizationId],
                )
              }
            />{' '}
            {nameOf(organizationId)}
          </label>
        ))}
      </fieldset>
      <button type="submit" className="primary">
        Plan the activity
      </button>
    </form>
  );
}

function Surveys({ initiative }: { initiative: Initiative }) {
  const client = useQueryClient();
  const surveys = useQuery({
    queryKey: ['surveys', initiative.id],
    queryFn: () => get<Survey[]>(`/api/agreements/surveys?initiativeId=${initiative.id}`),
  });
  const [closing, setClosing] = useState<Survey | null>(null);
  return (
    <section aria-labelledby="surveys-heading">
      <h2 id="surveys-heading">Community survey</h2>
      <p className="hint">
        Residents answer without an account, through the link or the QR code; partners print it on a
        card when a referral is completed. Results show per quarter and area where at least five
        people answered.
      </p>
      <Loaded query={surveys} what="the surveys">
        {(rows) =>
          rows.length === 0 ? (
            <Empty>No survey yet: publish one below.</Empty>
          ) : (
            <ul className="plain surveys">
              {rows.map((survey) => (
                <li key={survey.id} className="survey">
                  {survey.status === 'open' && (
                    <img
                      src={qrImagePath(survey, undefined)}
                      alt={`QR code of the survey "${survey.title}"`}
                      width={120}
                      height={120}
                    />
                  )}
                  <div>
                    <h3>
                      {survey.title} <StatusLabel status={survey.status} />
                    </h3>
                    <p>
                      Published {when(survey.createdAt)}
                      {survey.closedAt ? `, closed ${when(survey.closedAt)}` : ''}
                    </p>
                    {survey.status === 'open' && (
                      <>
                        <p>
                          Public link:{' '}
                          <a href={survey.publicUrl} target="_blank" rel="noreferrer">
                            {survey.publicUrl}
                          </a>
                        </p>
                        <button
                          type="button"
                          className="secondary"
                          onClick={() => setClosing(survey)}
                        >
                          Close
                          <span className="visually-hidden"> the survey {survey.title}</span>
                        </button>
                      </>
                    )}
                  </div>
                </li>
              ))}
            </ul>
          )
        }
      </Loaded>
      <ConfirmDialog
        title="Close survey"
        destructive
        open={closing !== null}
        onClose={() => setClosing(null)}
        onConfirm={async () => {
          if (!closing) return;
          await post(`/api/agreements/surveys/${closing.id}/closure`);
          await client.invalidateQueries({ queryKey: ['surveys', initiative.id] });
        }}
      >
        <p>
          The link and the QR code stop taking answers, also on cards already handed out. The
          answers received are kept.
        </p>
      </ConfirmDialog>
      <PublishSurvey initiative={initiative} />
    </section>
  );
}

function PublishSurvey({ initiative }: { initiative: Initiative }) {
  const client = useQueryClient();
  const [values, setValues] = useState<Values>({ title: '', introduction: '' });
  const [errors, setErrors] = useState<FieldErrors>(NO_ERRORS);
  const [published, setPublished] = useState('');
  const set = (name: string) => (value: string) =>
    setValues((current) => ({ ...current, [name]: value }));
  const field = { values, errors: errors.fields, set };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const survey = await post<Survey>(`/api/agreements/initiatives/${initiative.id}/surveys`, {
        title: values.title.trim(),
        ...(values.introduction.trim() ? { introduction: values.introduction.trim() } : {}),
      });
      setPublished(`"${survey.title}" is published: ${survey.publicUrl}`);
      setValues({ title: '', introduction: '' });
      setErrors(NO_ERRORS);
      await client.invalidateQueries({ queryKey: ['surveys', initiative.id] });
    } catch (error) {
      setPublished('');
      setErrors(
        errorsByField(
          ['title', 'introduction'],
          error instanceof ApiError ? error.messages : [String(error)],
        ),
      );
    }
  };
  return (
    <form className="referral-form" onSubmit={(event) => void submit(event)} noValidate>
      <h3>Publish a survey</h3>
      {published && (
        <p className="notice" role="status">
          {published}
        </p>
      )}
      <FormErrors errors={errors} summary="The survey was not published:" />
      <TextField {...field} name="title" label="Survey title" required />
      <TextArea
        {...field}
        name="introduction"
        label="Introduction (optional)"
        hint="A sentence or two residents read first, and the partners' cards carry."
        rows={3}
      />
      <button type="submit" className="primary">
        Publish the survey
      </button>
    </form>
  );
}

/** The targets of the partnership's own work, which the review checks each quarter. */
const PARTNERSHIP_TARGETS = [
  { kind: 'trainings-per-quarter', name: 'Trainings held per quarter', unit: 'trainings' },
  { kind: 'attendance-per-quarter', name: 'People attending per quarter', unit: 'people' },
  { kind: 'feedback-score', name: 'Community feedback score (1–5)', unit: 'score' },
] as const;

/**
 * The partnership targets (trainings and attendance per quarter, the feedback score) next to the
 * initiative's other KPI targets, which are kept as they are when these change.
 */
function PartnershipTargets({ initiative }: { initiative: Initiative }) {
  const client = useQueryClient();
  const current = (kind: string) =>
    initiative.kpiTargets.find((target) => target.kind === kind)?.target;
  const initial = Object.fromEntries(
    PARTNERSHIP_TARGETS.map(({ kind }) => [kind, String(current(kind) ?? '')]),
  );
  const [values, setValues] = useState<Values>(initial);
  const [errors, setErrors] = useState<FieldErrors>(NO_ERRORS);
  const [saved, setSaved] = useState('');
  const set = (name: string) => (value: string) => setValues((now) => ({ ...now, [name]: value }));
  const field = { values, errors: errors.fields, set };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const kinds: string[] = PARTNERSHIP_TARGETS.map(({ kind }) => kind);
    const others = initiative.kpiTargets.filter(
      (target) => target.kind === undefined || !kinds.includes(target.kind),
    );
    const ours = PARTNERSHIP_TARGETS.filter(({ kind }) => values[kind].trim() !== '').map(
      ({ kind, unit }) => ({ kind, metric: kind, target: Number(values[kind]), unit }),
    );
    try {
      await put(`/api/agreements/initiatives/${initiative.id}/kpi-targets`, {
        kpiTargets: [...others, ...ours],
      });
      setSaved('The targets are saved.');
      setErrors(NO_ERRORS);
      await client.invalidateQueries({ queryKey: ['initiative', initiative.id] });
      void client.invalidateQueries({ queryKey: ['initiatives'] });
    } catch (error) {
      setSaved('');
      const messages = error instanceof ApiError ? error.messages : [String(error)];
      // "kpiTargets.1.target must be …": filed under the kind the index stands for.
      const indexed = messages.map((message) => {
        const index = /^kpiTargets\.(\d+)\.target /.exec(message)?.[1];
        const kind = index === undefined ? undefined : ours[Number(index) - others.length]?.kind;
        return kind ? message.replace(/^kpiTargets\.\d+\.target/, kind) : message;
      });
      setErrors(errorsByField(kinds, indexed));
    }
  };
  return (
    <form className="referral-form" onSubmit={(event) => void submit(event)} noValidate>
      <h2>Partnership targets</h2>
      <p className="hint">
        The partnership review checks each quarter against these; leave one empty for no target.
      </p>
      {saved && (
        <p className="notice" role="status">
          {saved}
        </p>
      )}
      <FormErrors errors={errors} summary="The targets were not saved:" />
      {PARTNERSHIP_TARGETS.map(({ kind, name }) => (
        <TextField key={kind} {...field} name={kind} label={name} inputMode="decimal" />
      ))}
      <button type="submit" className="primary">
        Save the targets
      </button>
    </form>
  );
}
