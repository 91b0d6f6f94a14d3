import { FormEvent, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { ApiError, post } from '../api';
import { AgreementDetail } from '../admin-types';
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
import { namer, useInitiatives, useOrganisations } from '../directory';
import { label, SHAREABLE_REFERRAL_FIELDS } from '../vocabulary';

const INITIAL: Values = {
  initiativeId: '',
  partnerId: '',
  effectiveFrom: '',
  effectiveTo: '',
  immediate: '15',
  'same-day': '240',
  routine: '2880',
  redisclosureNotice: '',
};

const FIELD_PATHS = [
  ...Object.keys(INITIAL),
  'categories',
  'sharedFields',
  'sharedFieldsWithoutConsent',
  'acceptWithinMinutes',
  'part2.redisclosureNotice',
];

/** A local date-time field's value as an instant with its offset. */
const instant = (local: string): string | undefined =>
  local ? new Date(local).toISOString() : undefined;

/**
 * Draft an agreement: the terms, then a check-your-answers step, then the draft. Signing,
 * which puts it in force, happens on the agreement's page.
 */
export function NewAgreement() {
  const client = useQueryClient();
  const navigate = useNavigate();
  const initiatives = useInitiatives();
  const organisations = useOrganisations();
  const nameOf = namer(organisations.data);
  const [values, setValues] = useState<Values>(INITIAL);
  const [categories, setCategories] = useState<string[]>([]);
  const [shared, setShared] = useState<string[]>([]);
  const [checking, setChecking] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const set = (name: string) => (value: string) => {
    // The partner and the categories belong to the initiative: choosing another clears them.
    if (name === 'initiativeId') setCategories([]);
    setValues((current) => ({
      ...current,
      ...(name === 'initiativeId' ? { partnerId: '' } : {}),
      [name]: value,
    }));
  };
  const field = { values, errors: errors.fields, set };
  const initiative = initiatives.data?.find((one) => one.id === values.initiativeId);
  const toggle = (list: string[], value: string) =>
    list.includes(value) ? list.filter((one) => one !== value) : [...list, value];

  const body = {
    initiativeId: values.initiativeId,
    partnerId: values.partnerId,
    categories,
    sharedFields: shared,
    acceptWithinMinutes: {
      immediate: Number(values.immediate),
      'same-day': Number(values['same-day']),
      routine: Number(values.routine),
    },
    effectiveFrom: instant(values.effectiveFrom),
    effectiveTo: instant(values.effectiveTo),
    ...(values.redisclosureNotice.trim()
      ? { part2: { redisclosureNotice: values.redisclosureNotice.trim() } }
      : {}),
  };

  const review = (event: FormEvent) => {
    event.preventDefault();
    const missing = [
      !values.initiativeId && 'initiativeId: choose the initiative',
      !values.partnerId && 'partnerId: choose the partner',
      categories.length === 0 && 'categories: choose at least one category',
      !values.effectiveFrom && 'effectiveFrom: say when the agreement comes into force',
    ].filter((one): one is string => Boolean(one));
    if (missing.length > 0) {
      setErrors(
        errorsByField(
          FIELD_PATHS,
          missing.map((one) => one.replace(': ', ' must be given: ')),
        ),
      );
      return;
    }
    setErrors(NO_ERRORS);
    setChecking(true);
  };

  const create = async () => {
    setBusy(true);
    try {
      const agreement = await post<AgreementDetail>('/api/agreements/agreements', body);
      await client.invalidateQueries({ queryKey: ['agreements'] });
      navigate(`/agreements/${agreement.id}`);
    } catch (error) {
      setErrors(
        errorsByField(FIELD_PATHS, error instanceof ApiError ? error.messages : [String(error)]),
      );
      setChecking(false);
    } finally {
      setBusy(false);
    }
  };

  if (checking) {
    return (
      <section>
        <h1>Check your answers</h1>
        <dl className="details">
          <dt>Initiative</dt>
          <dd>{initiative?.name}</dd>
          <dt>Partner</dt>
          <dd>{nameOf(values.partnerId)}</dd>
          <dt>Categories</dt>
          <dd>{categories.map(label).join(', ')}</dd>
          <dt>Shared with the partner</dt>
          <dd>
            {shared.length ? shared.join(', ') : 'Nothing beyond the category, urgency and area'}
          </dd>
          <dt>Time to accept (minutes)</dt>
          <dd>
            immediate {values.immediate}, same day {values['same-day']}, routine {values.routine}
          </dd>
          <dt>In force</dt>
          <dd>
            from {values.effectiveFrom.replace('T', ' ')}
            {values.effectiveTo ? ` until ${values.effectiveTo.replace('T', ' ')}` : ', open-ended'}
          </dd>
          <dt>42 CFR Part 2 notice</dt>
          <dd>{values.redisclosureNotice.trim() || 'None'}</dd>
        </dl>
        <p>The draft has no force until both parties sign it on its page.</p>
        <div className="actions">
          <button type="button" className="primary" disabled={busy} onClick={() => void create()}>
            Create draft agreement
          </button>
          <button type="button" className="secondary" onClick={() => setChecking(false)}>
            Change the answers
          </button>
        </div>
      </section>
    );
  }

  return (
    <section>
      <p>
        <Link to="/agreements">All agreements</Link>
      </p>
      <h1>New agreement</h1>
      <form className="referral-form" onSubmit={review} noValidate>
        <FormErrors errors={errors} summary="The agreement was not drafted:" />
        <SelectField
          {...field}
          name="initiativeId"
          label="Initiative"
          options={(initiatives.data ?? []).map((one) => [one.id, one.name] as const)}
          required
        />
        <SelectField
          {...field}
          name="partnerId"
          label="Partner"
          options={(initiative?.partnerIds ?? []).map((id) => [id, nameOf(id)] as const)}
          required
        />
        <fieldset>
          <legend>Categories it covers</legend>
          {(initiative?.categories ?? []).map((category) => (
            <label key={category} className="choice">
              <input
                type="checkbox"
                checked={categories.includes(category)}
                onChange={() => setCategories((current) => toggle(current, category))}
              />{' '}
              {label(category)}
            </label>
          ))}
          {!initiative && <p className="hint">Choose the initiative first.</p>}
        </fieldset>
        <fieldset>
          <legend>Data shared with the partner (with the person&apos;s consent)</legend>
          {SHAREABLE_REFERRAL_FIELDS.map((name) => (
            <label key={name} className="choice">
              <input
                type="checkbox"
                checked={shared.includes(name)}
                onChange={() => setShared((current) => toggle(current, name))}
              />{' '}
              {name}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>Minutes the partner has to accept an offer</legend>
          <TextField {...field} name="immediate" label="Immediate" inputMode="numeric" />
          <TextField {...field} name="same-day" label="Same day" inputMode="numeric" />
          <TextField {...field} name="routine" label="Routine" inputMode="numeric" />
        </fieldset>
        <TextField
          {...field}
          name="effectiveFrom"
          label="In force from"
          type="datetime-local"
          required
        />
        <TextField {...field} name="effectiveTo" label="Until (optional)" type="datetime-local" />
        <TextArea
          {...field}
          name="redisclosureNotice"
          label="42 CFR Part 2 redisclosure notice (optional)"
          hint="Only for substance-use programmes: at least 20 characters, shown to the partner with every referral."
        />
        <button type="submit" className="primary">
          Check your answers
        </button>
      </form>
    </section>
  );
}
