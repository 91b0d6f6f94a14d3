import { FormEvent, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { ApiError, post } from '../api';
import { Budget, FundingSource } from '../admin-types';
import { DataTable, Loaded } from '../components/data-table';
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
import { Column } from '../components/sortable-table';
import {
  money,
  namer,
  useBudgets,
  useFundingSources,
  useInitiatives,
  useOrganisations,
} from '../directory';
import { FUNDING_SOURCE_KINDS, label, REFERRAL_CATEGORIES } from '../vocabulary';
import { budgetState } from './dashboard';

type SourceKey = 'name' | 'funder' | 'kind' | 'award' | 'allocated' | 'unallocated' | 'period';
type BudgetKey =
  'initiative' | 'partner' | 'category' | 'cost' | 'awarded' | 'available' | 'cases' | 'state';

/** Whole currency units typed by a person, as integer cents; NaN when it is not an amount. */
export const centsOf = (text: string): number => {
  const trimmed = text.replace(/[$,\s]/g, '');
  return /^\d+(\.\d{1,2})?$/.test(trimmed) ? Math.round(Number(trimmed) * 100) : Number.NaN;
};

/** Funding sources with what is left to allocate, and every budget with its balance. */
export function Funding() {
  const sources = useFundingSources();
  const budgets = useBudgets();
  const nameOf = namer(useOrganisations().data);
  const initiativeOf = namer(useInitiatives().data);
  const sourceColumns: Column<FundingSource, SourceKey>[] = [
    { key: 'name', header: 'Source', cell: (row) => row.name, sortValue: (row) => row.name },
    { key: 'funder', header: 'Funder', cell: (row) => row.funder, sortValue: (row) => row.funder },
    { key: 'kind', header: 'Kind', cell: (row) => label(row.kind), sortValue: (row) => row.kind },
    {
      key: 'award',
      header: 'Award',
      cell: (row) => money(row.awardCents),
      sortValue: (row) => row.awardCents,
    },
    {
      key: 'allocated',
      header: 'Allocated',
      cell: (row) => money(row.allocatedCents),
      sortValue: (row) => row.allocatedCents,
    },
    {
      key: 'unallocated',
      header: 'Left to allocate',
      cell: (row) => money(row.unallocatedCents),
      sortValue: (row) => row.unallocatedCents,
    },
    {
      key: 'period',
      header: 'Period',
      cell: (row) => `${row.periodFrom} – ${row.periodTo}`,
      sortValue: (row) => row.periodFrom,
    },
  ];
  const budgetColumns: Column<Budget, BudgetKey>[] = [
    {
      key: 'initiative',
      header: 'Initiative',
      cell: (row) => initiativeOf(row.initiativeId),
      sortValue: (row) => initiativeOf(row.initiativeId),
    },
    {
      key: 'partner',
      header: 'Partner',
      cell: (row) => <Link to={`/budgets/${row.id}`}>{nameOf(row.partnerId)}</Link>,
      sortValue: (row) => nameOf(row.partnerId),
    },
    {
      key: 'category',
      header: 'Category',
      cell: (row) => (row.category ? label(row.category) : 'Every category'),
      sortValue: (row) => row.category ?? '',
    },
    {
      key: 'cost',
      header: 'Cost per case',
      cell: (row) => money(row.costPerCaseCents),
      sortValue: (row) => row.costPerCaseCents,
    },
    {
      key: 'awarded',
      header: 'Awarded',
      cell: (row) => money(row.balance.awardedCents),
      sortValue: (row) => row.balance.awardedCents,
    },
    {
      key: 'available',
      header: 'Available',
      cell: (row) => money(row.balance.availableCents),
      sortValue: (row) => row.balance.availableCents,
    },
    {
      key: 'cases',
      header: 'Cases covered',
      cell: (row) => row.balance.casesCovered,
      sortValue: (row) => row.balance.casesCovered,
    },
    { key: 'state', header: 'State', cell: budgetState, sortValue: budgetState },
  ];
  return (
    <section>
      <h1>Funding</h1>
      <h2>Funding sources</h2>
      <Loaded query={sources} what="the funding sources">
        {(rows) => (
          <DataTable
            caption="Funding sources"
            exportName="funding-sources"
            columns={sourceColumns}
            rows={rows}
            rowKey={(row) => row.id}
            initialSort={{ key: 'name', direction: 'ascending' }}
            empty="No funding source yet."
          />
        )}
      </Loaded>
      <NewSource />
      <h2>Budgets</h2>
      <Loaded query={budgets} what="the budgets">
        {(rows) => (
          <DataTable
            caption="Budgets"
            exportName="budgets"
            columns={budgetColumns}
            rows={rows}
            rowKey={(row) => row.id}
            initialSort={{ key: 'partner', direction: 'ascending' }}
            empty="No budget yet."
          />
        )}
      </Loaded>
      <NewBudget />
    </section>
  );
}

function useFormState(initial: Values) {
  const [values, setValues] = useState<Values>(initial);
  const [errors, setErrors] = useState<FieldErrors>(NO_ERRORS);
  const [done, setDone] = useState('');
  const set = (name: string) => (value: string) =>
    setValues((current) => ({ ...current, [name]: value }));
  return {
    values,
    setValues,
    errors,
    setErrors,
    done,
    setDone,
    field: { values, errors: errors.fields, set },
  };
}

const SOURCE: Values = {
  name: '',
  funder: '',
  kind: '',
  award: '',
  periodFrom: '',
  periodTo: '',
  restrictions: '',
};

function NewSource() {
  const client = useQueryClient();
  const form = useFormState(SOURCE);
  const { values, field } = form;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const source = await post<FundingSource>('/api/funding/funding-sources', {
        name: values.name.trim(),
        funder: values.funder.trim(),
        kind: values.kind,
        awardCents: centsOf(values.award),
        periodFrom: values.periodFrom,
        periodTo: values.periodTo,
        ...(values.restrictions.trim() ? { restrictions: values.restrictions.trim() } : {}),
      });
      form.setDone(`Funding source "${source.name}" created.`);
      form.setValues(SOURCE);
      form.setErrors(NO_ERRORS);
      await client.invalidateQueries({ queryKey: ['funding-sources'] });
    } catch (error) {
      const messages = error instanceof ApiError ? error.messages : [String(error)];
      form.setErrors(errorsByField([...Object.keys(SOURCE), 'awardCents'], messages));
    }
  };
  return (
    <form className="referral-form" onSubmit={(event) => void submit(event)} noValidate>
      <h3>New funding source</h3>
      {form.done && (
        <p className="notice" role="status">
          {form.done}
        </p>
      )}
      <FormErrors errors={form.errors} summary="The funding source was not created:" />
      <TextField {...field} name="name" label="Source name" required />
      <TextField {...field} name="funder" label="Funder" required />
      <SelectField {...field} name="kind" label="Kind" options={FUNDING_SOURCE_KINDS} required />
      <TextField {...field} name="award" label="Award (USD)" inputMode="decimal" required />
      <TextField {...field} name="periodFrom" label="Period from" type="date" required />
      <TextField {...field} name="periodTo" label="Period to" type="date" required />
      <TextArea {...field} name="restrictions" label="Restrictions (optional)" />
      <button type="submit" className="primary">
        Create funding source
      </button>
    </form>
  );
}

const BUDGET: Values = {
  initiativeId: '',
  partnerId: '',
  category: '',
  cost: '',
  sourceId: '',
  amount: '',
};

function NewBudget() {
  const client = useQueryClient();
  const initiatives = useInitiatives();
  const sources = useFundingSources();
  const nameOf = namer(useOrganisations().data);
  const form = useFormState(BUDGET);
  const { values } = form;
  // A partner and a category belong to the initiative: choosing another one clears them.
  const field = {
    ...form.field,
    set: (name: string) => (value: string) =>
      form.setValues((current) => ({
        ...current,
        ...(name === 'initiativeId' ? { partnerId: '', category: '' } : {}),
        [name]: value,
      })),
  };
  const initiative = initiatives.data?.find((one) => one.id === values.initiativeId);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await post<Budget>('/api/funding/budgets', {
        initiativeId: values.initiativeId,
        partnerId: values.partnerId,
        ...(values.category ? { category: values.category } : {}),
        costPerCaseCents: centsOf(values.cost),
        allocations: [{ sourceId: values.sourceId, amountCents: centsOf(values.amount) }],
      });
      form.setDone(`Budget opened for ${nameOf(values.partnerId)}.`);
      form.setValues(BUDGET);
      form.setErrors(NO_ERRORS);
      await client.invalidateQueries({ queryKey: ['budgets'] });
      await client.invalidateQueries({ queryKey: ['funding-sources'] });
    } catch (error) {
      const messages = (error instanceof ApiError ? error.messages : [String(error)]).map(
        (message) =>
          message
            .replace(/^allocations\.0\.sourceId/, 'sourceId')
            .replace(/^allocations\.0\.amountCents/, 'amount')
            .replace(/^costPerCaseCents/, 'cost'),
      );
      form.setErrors(errorsByField(Object.keys(BUDGET), messages));
    }
  };
  return (
    <form className="referral-form" onSubmit={(event) => void submit(event)} noValidate>
      <h3>Open a budget</h3>
      {form.done && (
        <p className="notice" role="status">
          {form.done}
        </p>
      )}
      <FormErrors errors={form.errors} summary="The budget was not opened:" />
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
      <SelectField
        {...field}
        name="category"
        label="Category (optional: every category otherwise)"
        options={initiative?.categories ?? REFERRAL_CATEGORIES}
      />
      <TextField {...field} name="cost" label="Cost per case (USD)" inputMode="decimal" required />
      <SelectField
        {...field}
        name="sourceId"
        label="Paid from"
        options={(sources.data ?? []).map(
          (one) => [one.id, `${one.name} (${money(one.unallocatedCents)} left)`] as const,
        )}
        required
      />
      <TextField {...field} name="amount" label="Amount (USD)" inputMode="decimal" required />
      <button type="submit" className="primary">
        Open budget
      </button>
    </form>
  );
}
