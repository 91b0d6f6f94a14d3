import { FormEvent, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { ApiError, post } from '../api';
import { Initiative } from '../admin-types';
import { DataTable, Loaded } from '../components/data-table';
import {
  errorsByField,
  FieldErrors,
  FormErrors,
  NO_ERRORS,
  SelectField,
  TextField,
  Values,
} from '../components/form';
import { Column } from '../components/sortable-table';
import { namer, useInitiatives, useOrganisations } from '../directory';
import { measureOf, MEASURES } from '../kpi-measures';
import { label, REFERRAL_CATEGORIES } from '../vocabulary';

type Key = 'name' | 'lead' | 'partners' | 'categories' | 'period' | 'targets';

const targetsText = (row: Initiative) =>
  row.kpiTargets
    .map(
      (target) =>
        `${measureOf(target.metric)?.name ?? target.metric}: ${target.target}${target.unit ? ` ${target.unit}` : ''}`,
    )
    .join('; ') || 'none';

/** The programme's initiatives, their KPI targets, and a form for a new one. */
export function Initiatives() {
  const initiatives = useInitiatives();
  const organisations = useOrganisations();
  const nameOf = namer(organisations.data);
  const columns: Column<Initiative, Key>[] = [
    {
      key: 'name',
      header: 'Initiative',
      cell: (row) => <Link to={`/initiatives/${row.id}`}>{row.name}</Link>,
      sortValue: (row) => row.name,
    },
    {
      key: 'lead',
      header: 'Lead agency',
      cell: (row) => nameOf(row.leadAgencyId),
      sortValue: (row) => nameOf(row.leadAgencyId),
    },
    {
      key: 'partners',
      header: 'Partners',
      cell: (row) => row.partnerIds.map(nameOf).join(', '),
      text: (row) => row.partnerIds.map(nameOf).join('; '),
    },
    {
      key: 'categories',
      header: 'Categories',
      cell: (row) => row.categories.map(label).join(', '),
      text: (row) => row.categories.join('; '),
    },
    {
      key: 'period',
      header: 'Period',
      cell: (row) => `${row.periodFrom} – ${row.periodTo}`,
      sortValue: (row) => row.periodFrom,
    },
    { key: 'targets', header: 'KPI targets', cell: targetsText, text: targetsText },
  ];
  return (
    <section>
      <h1>Initiatives</h1>
      <Loaded query={initiatives} what="the initiatives">
        {(rows) => (
          <DataTable
            caption="Initiatives"
            exportName="initiatives"
            columns={columns}
            rows={rows}
            rowKey={(row) => row.id}
            initialSort={{ key: 'name', direction: 'ascending' }}
            empty="No initiative yet: create the first one below."
          />
        )}
      </Loaded>
      <NewInitiative />
    </section>
  );
}

const INITIAL: Values = {
  name: '',
  leadAgencyId: '',
  periodFrom: '',
  periodTo: '',
  'target.metric': '',
  'target.value': '',
};

function NewInitiative() {
  const client = useQueryClient();
  const organisations = useOrganisations();
  const [values, setValues] = useState<Values>(INITIAL);
  const [partners, setPartners] = useState<string[]>([]);
  const [categories, setCategories] = useState<string[]>([]);
  const [targets, setTargets] = useState<{ metric: string; target: number }[]>([]);
  const [errors, setErrors] = useState<FieldErrors>(NO_ERRORS);
  const [created, setCreated] = useState('');
  const set = (name: string) => (value: string) =>
    setValues((current) => ({ ...current, [name]: value }));
  const field = { values, errors: errors.fields, set };
  const agencies = (organisations.data ?? []).filter((one) => one.type === 'police-agency');
  const community = (organisations.data ?? []).filter((one) => one.type !== 'police-agency');
  const toggle = (list: string[], value: string) =>
    list.includes(value) ? list.filter((one) => one !== value) : [...list, value];

  const addTarget = () => {
    const target = Number(values['target.value']);
    if (!values['target.metric'] || values['target.value'].trim() === '' || Number.isNaN(target)) {
      setErrors(
        errorsByField(Object.keys(INITIAL), ['target.value must be a number, with a KPI chosen']),
      );
      return;
    }
    setTargets((current) => [
      ...current.filter((one) => one.metric !== values['target.metric']),
      { metric: values['target.metric'], target },
    ]);
    setValues((current) => ({ ...current, 'target.metric': '', 'target.value': '' }));
    setErrors(NO_ERRORS);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const initiative = await post<Initiative>('/api/agreements/initiatives', {
        name: values.name.trim(),
        leadAgencyId: values.leadAgencyId,
        partnerIds: partners,
        categories,
        periodFrom: values.periodFrom,
        periodTo: values.periodTo,
        kpiTargets: targets.map((target) => ({ ...target, unit: measureOf(target.metric)?.unit })),
      });
      setCreated(`Initiative "${initiative.name}" created.`);
      setValues(INITIAL);
      setPartners([]);
      setCategories([]);
      setTargets([]);
      setErrors(NO_ERRORS);
      await client.invalidateQueries({ queryKey: ['initiatives'] });
    } catch (error) {
      setErrors(
        errorsByField(
          [...Object.keys(INITIAL), 'partnerIds', 'categories', 'kpiTargets'],
          error instanceof ApiError ? error.messages : [String(error)],
        ),
      );
    }
  };

  return (
    <form className="referral-form" onSubmit={(event) => void submit(event)} noValidate>
      <h2>New initiative</h2>
      {created && (
        <p className="notice" role="status">
          {created}
        </p>
      )}
      <FormErrors errors={errors} summary="The initiative was not created:" />
      <TextField {...field} name="name" label="Initiative name" required />
      <SelectField
        {...field}
        name="leadAgencyId"
        label="Lead agency"
        options={agencies.map((agency) => [agency.id, agency.name] as const)}
        required
      />
      <fieldset>
        <legend>Partners</legend>
        {community.length === 0 && <p className="hint">Register a partner organisation first.</p>}
        {community.map((organisation) => (
          <label key={organisation.id} className="choice">
            <input
              type="checkbox"
              checked={partners.includes(organisation.id)}
              onChange={() => setPartners((current) => toggle(current, organisation.id))}
            />{' '}
            {organisation.name}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>Categories</legend>
        {REFERRAL_CATEGORIES.map((category) => (
          <label key={category} className="choice">
            <input
              type="checkbox"
              checked={categories.includes(category)}
              onChange={() => setCategories((current) => toggle(current, category))}
            />{' '}
            {label(category)}
          </label>
        ))}
      </fieldset>
      <TextField {...field} name="periodFrom" label="Period from" type="date" required />
      <TextField {...field} name="periodTo" label="Period to" type="date" required />
      <fieldset>
        <legend>KPI targets</legend>
        {targets.length > 0 && (
          <ul className="plain">
            {targets.map((target) => (
              <li key={target.metric}>
                {measureOf(target.metric)?.name ?? target.metric}: {target.target}{' '}
                {measureOf(target.metric)?.unit}{' '}
                <button
                  type="button"
                  className="secondary"
                  onClick={() => setTargets((current) => current.filter((one) => one !== target))}
                >
                  Remove
                  <span className="visually-hidden">
                    {' '}
                    {measureOf(target.metric)?.name ?? target.metric}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        )}
        <SelectField
          {...field}
          name="target.metric"
          label="KPI"
          options={Object.entries(MEASURES).map(
            ([metric, measure]) => [metric, `${measure.name} (${measure.unit})`] as const,
          )}
        />
        <TextField {...field} name="target.value" label="Target" inputMode="decimal" />
        <button type="button" className="secondary" onClick={addTarget}>
          Add target
        </button>
      </fieldset>
      <button type="submit" className="primary">
        Create initiative
      </button>
    </form>
  );
}
