import { FormEvent, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, del, get, post } from '../api';
import { Subscription } from '../admin-types';
import { ConfirmDialog } from '../components/confirm-dialog';
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
import { when } from '../components/labels';
import { Column } from '../components/sortable-table';

type Key = 'channel' | 'target' | 'audience' | 'events' | 'created' | 'remove';

const targetOf = (row: Subscription) => row.webhook?.url ?? row.email?.address ?? 'console inbox';

const INITIAL: Values = {
  channel: 'webhook',
  url: '',
  secret: '',
  address: '',
  eventTypes: 'concord.referral.unassignable.v1\nconcord.agreement.suspended.v1',
};

/** The administrators' webhook (and e-mail) subscriptions to Concord's events. */
export function Subscriptions() {
  const client = useQueryClient();
  const subscriptions = useQuery({
    queryKey: ['subscriptions'],
    queryFn: () => get<Subscription[]>('/api/notifications/subscriptions'),
  });
  const [removing, setRemoving] = useState<Subscription | null>(null);
  const [values, setValues] = useState<Values>(INITIAL);
  const [errors, setErrors] = useState<FieldErrors>(NO_ERRORS);
  const [done, setDone] = useState('');
  const set = (name: string) => (value: string) =>
    setValues((current) => ({ ...current, [name]: value }));
  const field = { values, errors: errors.fields, set };

  const columns: Column<Subscription, Key>[] = [
    {
      key: 'channel',
      header: 'Channel',
      cell: (row) => row.channel,
      sortValue: (row) => row.channel,
    },
    { key: 'target', header: 'Delivered to', cell: targetOf, sortValue: targetOf },
    {
      key: 'audience',
      header: 'Audience',
      cell: (row) => row.audience,
      sortValue: (row) => row.audience,
    },
    {
      key: 'events',
      header: 'Event types',
      cell: (row) => row.eventTypes.join(', '),
      text: (row) => row.eventTypes.join('; '),
    },
    {
      key: 'created',
      header: 'Created',
      cell: (row) => when(row.createdAt),
      sortValue: (row) => row.createdAt,
    },
    {
      key: 'remove',
      header: 'Remove',
      cell: (row) => (
        <button type="button" className="danger" onClick={() => setRemoving(row)}>
          Remove<span className="visually-hidden"> the subscription to {targetOf(row)}</span>
        </button>
      ),
    },
  ];

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const channel = values.channel;
    try {
      await post('/api/notifications/subscriptions', {
        audience: 'administrators',
        channel,
        eventTypes: values.eventTypes.split(/\s+/).filter(Boolean),
        ...(channel === 'webhook'
          ? { webhook: { url: values.url.trim(), secret: values.secret } }
          : {}),
        ...(channel === 'email' ? { email: { address: values.address.trim() } } : {}),
      });
      setDone('Subscription created.');
      setValues(INITIAL);
      setErrors(NO_ERRORS);
      await client.invalidateQueries({ queryKey: ['subscriptions'] });
    } catch (error) {
      const messages = (error instanceof ApiError ? error.messages : [String(error)]).map(
        (message) =>
          message
            .replace(/^webhook\.url/, 'url')
            .replace(/^webhook\.secret/, 'secret')
            .replace(/^email\.address/, 'address'),
      );
      setErrors(errorsByField(Object.keys(INITIAL), messages));
    }
  };

  return (
    <section>
      <h1>Webhook subscriptions</h1>
      {done && (
        <p className="notice" role="status">
          {done}
        </p>
      )}
      <Loaded query={subscriptions} what="the subscriptions">
        {(rows) => (
          <DataTable
            caption="Subscriptions"
            exportName="subscriptions"
            columns={columns}
            rows={rows}
            rowKey={(row) => row.id}
            initialSort={{ key: 'created', direction: 'descending' }}
            empty="No subscription yet."
          />
        )}
      </Loaded>
      <form className="referral-form" onSubmit={(event) => void submit(event)} noValidate>
        <h2>New subscription</h2>
        <FormErrors errors={errors} summary="The subscription was not created:" />
        <SelectField
          {...field}
          name="channel"
          label="Channel"
          options={[
            ['webhook', 'Webhook (signed HTTP POST)'],
            ['email', 'E-mail'],
            ['inbox', 'Console inbox'],
          ]}
        />
        {values.channel === 'webhook' && (
          <>
            <TextField {...field} name="url" label="Webhook URL" type="url" required />
            <TextField
              {...field}
              name="secret"
              label="Signing secret (at least 32 characters)"
              type="password"
              required
            />
          </>
        )}
        {values.channel === 'email' && (
          <TextField {...field} name="address" label="E-mail address" type="email" required />
        )}
        <TextArea
          {...field}
          name="eventTypes"
          label="Event types"
          hint="One per line, from the event catalogue (docs/asyncapi.yaml), e.g. concord.referral.completed.v1."
          rows={4}
        />
        <button type="submit" className="primary">
          Create subscription
        </button>
      </form>
      <ConfirmDialog
        title="Remove subscription"
        destructive
        open={removing !== null}
        onClose={() => setRemoving(null)}
        onConfirm={async () => {
          if (!removing) return;
          await del(`/api/notifications/subscriptions/${removing.id}`);
          setDone('Subscription removed.');
          await client.invalidateQueries({ queryKey: ['subscriptions'] });
        }}
      >
        <p>Nothing more is delivered to {removing ? targetOf(removing) : ''}.</p>
      </ConfirmDialog>
    </section>
  );
}
