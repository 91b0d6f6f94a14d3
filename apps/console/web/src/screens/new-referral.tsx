import { FormEvent, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { ApiError, post } from '../api';
import {
  errorsByField,
  FieldErrors,
  FormErrors,
  RadioGroup,
  SelectField,
  TextArea,
  TextField,
  Values,
} from '../components/form';
import { NotForRole } from '../components/states';
import { useSession } from '../session';
import {
  CONSENT_METHODS,
  CONTACT_PREFERENCES,
  REFERRAL_CATEGORIES,
  URGENCIES,
} from '../vocabulary';

const INITIAL: Values = {
  incidentReference: '',
  category: '',
  urgency: '',
  'location.latitude': '',
  'location.longitude': '',
  'location.address': '',
  'person.name': '',
  'person.age': '',
  'person.phone': '',
  'person.language': '',
  contactPreference: '',
  'consent.obtained': '',
  'consent.method': '',
  'consent.obtainedBy': '',
  'consent.override.reason': '',
  'consent.override.authorizedBy': '',
  narrative: '',
};

const number = (text: string): number | string =>
  text.trim() !== '' && !Number.isNaN(Number(text)) ? Number(text) : text;
const optional = (text: string) => (text.trim() === '' ? undefined : text.trim());

/** The request body of POST /referrals, from the form's values. */
function bodyOf(values: Values): Record<string, unknown> {
  const obtained = values['consent.obtained'];
  return {
    incidentReference: values.incidentReference.trim(),
    category: values.category,
    urgency: values.urgency,
    location: {
      latitude: number(values['location.latitude']),
      longitude: number(values['location.longitude']),
      address: optional(values['location.address']),
    },
    person: {
      name: values['person.name'].trim(),
      age: values['person.age'].trim() === '' ? undefined : number(values['person.age']),
      phone: optional(values['person.phone']),
      language: optional(values['person.language']),
    },
    contactPreference: values.contactPreference,
    consent:
      obtained === 'yes'
        ? {
            obtained: true,
            method: values['consent.method'],
            obtainedBy: values['consent.obtainedBy'].trim(),
          }
        : obtained === 'no'
          ? {
              obtained: false,
              override: {
                reason: values['consent.override.reason'].trim(),
                authorizedBy: values['consent.override.authorizedBy'].trim(),
              },
            }
          : {},
    narrative: values.narrative.trim(),
  };
}

/** Dispatch's "New referral": every field of POST /referrals, consent included. */
export function NewReferral() {
  const session = useSession();
  const client = useQueryClient();
  const navigate = useNavigate();
  const [values, setValues] = useState<Values>(INITIAL);
  const [errors, setErrors] = useState<FieldErrors>({ fields: {}, other: [] });
  const [busy, setBusy] = useState(false);
  // One key per form: a double click, or a retry after a lost answer, makes one referral.
  const idempotencyKey = useRef(crypto.randomUUID());
  const role = session.data?.signedIn ? session.data.role : undefined;
  if (role !== undefined && role !== 'dispatcher')
    return <NotForRole what="the new-referral form" role={role} />;

  const set = (name: string) => (value: string) =>
    setValues((current) => ({ ...current, [name]: value }));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setErrors({ fields: {}, other: [] });
    try {
      const created = await post<{ id: string }>('/api/referrals/referrals', bodyOf(values), {
        'idempotency-key': idempotencyKey.current,
      });
      void client.invalidateQueries({ queryKey: ['referrals'] });
      navigate(`/referrals/${created.id}`);
    } catch (error) {
      const messages = error instanceof ApiError ? error.messages : [String(error)];
      setErrors(errorsByField(Object.keys(INITIAL), messages, { consent: 'consent.obtained' }));
      setBusy(false);
    }
  };
  const field = { values, errors: errors.fields, set };
  const obtained = values['consent.obtained'];

  return (
    <section>
      <h1>New referral</h1>
      <form className="referral-form" onSubmit={(event) => void submit(event)} noValidate>
        <FormErrors errors={errors} summary="The referral was not submitted:" />
        <fieldset>
          <legend>The call</legend>
          <TextField
            {...field}
            name="incidentReference"
            label="Incident reference (CAD)"
            required
          />
          <SelectField
            {...field}
            name="category"
            label="Category"
            options={REFERRAL_CATEGORIES}
            required
          />
          <SelectField {...field} name="urgency" label="Urgency" options={URGENCIES} required />
          <TextArea {...field} name="narrative" label="What happened" required />
        </fieldset>
        <fieldset>
          <legend>Where</legend>
          <TextField
            {...field}
            name="location.latitude"
            label="Latitude"
            inputMode="decimal"
            required
          />
          <TextField
            {...field}
            name="location.longitude"
            label="Longitude"
            inputMode="decimal"
            required
          />
          <TextField {...field} name="location.address" label="Address (optional)" />
        </fieldset>
        <fieldset>
          <legend>The person</legend>
          <TextField {...field} name="person.name" label="Name" required />
          <TextField {...field} name="person.age" label="Age (optional)" inputMode="numeric" />
          <TextField {...field} name="person.phone" label="Phone (optional)" type="tel" />
          <TextField {...field} name="person.language" label="Language (optional, e.g. es)" />
          <SelectField
            {...field}
            name="contactPreference"
            label="Contact preference"
            options={CONTACT_PREFERENCES}
            required
          />
        </fieldset>
        <fieldset>
          <legend>Consent to share the person&apos;s details</legend>
          <RadioGroup
            {...field}
            name="consent.obtained"
            label="Did the person consent?"
            options={[
              ['yes', 'Yes, consent was obtained'],
              ['no', 'No: share under an override'],
            ]}
          />
          {obtained === 'yes' && (
            <>
              <SelectField
                {...field}
                name="consent.method"
                label="How consent was obtained"
                options={CONSENT_METHODS}
                required
              />
              <TextField {...field} name="consent.obtainedBy" label="Obtained by" required />
            </>
          )}
          {obtained === 'no' && (
            <>
              <TextArea
                {...field}
                name="consent.override.reason"
                label="Why the details must be shared without consent"
                required
              />
              <TextField
                {...field}
                name="consent.override.authorizedBy"
                label="Authorised by"
                required
              />
            </>
          )}
        </fieldset>
        <button type="submit" className="primary" disabled={busy} aria-disabled={busy}>
          {busy ? 'Submitting…' : 'Submit referral'}
        </button>
      </form>
    </section>
  );
}
