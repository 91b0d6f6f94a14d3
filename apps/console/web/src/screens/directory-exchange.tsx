import { ChangeEvent, useEffect, useId, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, get, post } from '../api';
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
import { ORGANIZATION_TYPES, REFERRAL_CATEGORIES } from '../vocabulary';

/** What the agreements service answers about an import job (GET /hsds/import-jobs/{id}). */
interface ImportJob {
  id: string;
  status: 'running' | 'succeeded' | 'failed';
  dryRun: boolean;
  done: number;
  total: number;
  counts: {
    organizations: { create: number; update: number; unchanged: number; rejected: number };
    servicesRejected: number;
  };
  error: string | null;
  createdBy: string;
  createdAt: string;
  finishedAt: string | null;
  changes?: { id: string; name: string; change: 'create' | 'update' | 'unchanged' }[];
  rejected?: {
    record: 'organization' | 'service';
    id?: string;
    name?: string;
    problems: { field: string; message: string }[];
  }[];
}

interface HsdsPage {
  total_items: number;
  last_page: boolean;
  contents: unknown[];
}

const API = '/api/agreements/hsds';
const POLL_MS = 500;
const EXPORT_PAGE = 1000;

/** One row per reason a record was refused, so that each field reads on its own line. */
interface Refusal {
  key: string;
  record: string;
  name: string;
  id: string;
  field: string;
  message: string;
}

const refusalsOf = (job: ImportJob): Refusal[] =>
  (job.rejected ?? []).flatMap((rejection, index) =>
    rejection.problems.map((problem, number) => ({
      key: `${index}-${number}`,
      record: rejection.record,
      name: rejection.name ?? '',
      id: rejection.id ?? '',
      field: problem.field,
      message: problem.message,
    })),
  );

const REFUSAL_COLUMNS: Column<Refusal, 'record' | 'name' | 'id' | 'field' | 'message'>[] = [
  { key: 'record', header: 'Record', cell: (row) => row.record, sortValue: (row) => row.record },
  { key: 'name', header: 'Name', cell: (row) => row.name, sortValue: (row) => row.name },
  { key: 'id', header: 'HSDS id', cell: (row) => <code>{row.id}</code>, text: (row) => row.id },
  {
    key: 'field',
    header: 'Field',
    cell: (row) => <code>{row.field}</code>,
    sortValue: (row) => row.field,
    text: (row) => row.field,
  },
  { key: 'message', header: 'Reason', cell: (row) => row.message, text: (row) => row.message },
];

type Change = NonNullable<ImportJob['changes']>[number];
const CHANGE_WORDS: Record<Change['change'], string> = {
  create: 'New partner',
  update: 'Changed',
  unchanged: 'No change',
};
const CHANGE_COLUMNS: Column<Change, 'name' | 'change'>[] = [
  { key: 'name', header: 'Organisation', cell: (row) => row.name, sortValue: (row) => row.name },
  {
    key: 'change',
    header: 'What the import does',
    cell: (row) => CHANGE_WORDS[row.change],
    sortValue: (row) => row.change,
    text: (row) => CHANGE_WORDS[row.change],
  },
];

/** Every organisation with its whole services, page after page: the form an import takes. */
async function wholeDirectory(): Promise<unknown[]> {
  const organizations: unknown[] = [];
  for (let page = 1; ; page += 1) {
    const answer = await get<HsdsPage>(
      `${API}/organizations?full_service=true&per_page=${EXPORT_PAGE}&page=${page}`,
    );
    organizations.push(...answer.contents);
    if (answer.last_page) return organizations;
  }
}

function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  URL.revokeObjectURL(url);
}

/** The directory's size, and a button that downloads all of it as HSDS 3.0. */
function Export() {
  const organisations = useQuery({
    queryKey: ['hsds', 'organizations'],
    queryFn: () => get<HsdsPage>(`${API}/organizations?per_page=1`),
  });
  const services = useQuery({
    queryKey: ['hsds', 'services'],
    queryFn: () => get<HsdsPage>(`${API}/services?per_page=1`),
  });
  const [state, setState] = useState<'idle' | 'busy' | Error>('idle');
  const exportAll = async () => {
    setState('busy');
    try {
      const organizations = await wholeDirectory();
      download('concord-directory-hsds-3.0.json', JSON.stringify({ organizations }, null, 2));
      setState('idle');
    } catch (error) {
      setState(error instanceof Error ? error : new Error(String(error)));
    }
  };
  return (
    <section aria-labelledby="export-heading">
      <h2 id="export-heading">Export</h2>
      <Loaded query={organisations} what="the directory">
        {(page) => (
          <p>
            {page.total_items} partner organisations
            {services.data ? ` with ${services.data.total_items} services` : ''}, as Open Referral
            HSDS 3.0: organisations with their services, service areas (GeoJSON), weekly schedules
            and Concord&rsquo;s categories as a taxonomy. Police agencies are not part of the
            directory.
          </p>
        )}
      </Loaded>
      <button
        type="button"
        className="secondary"
        onClick={() => void exportAll()}
        disabled={state === 'busy'}
      >
        {state === 'busy' ? 'Preparing the file…' : 'Download the directory (HSDS 3.0 JSON)'}
      </button>
      {state instanceof Error && (
        <p role="alert" className="form-error">
          The export failed: {state.message}
        </p>
      )}
    </section>
  );
}

/** A job's progress while it runs: records done out of the total. */
function Progress({ job }: { job: ImportJob }) {
  const id = useId();
  const percent = job.total === 0 ? 100 : Math.floor((job.done / job.total) * 100);
  return (
    <div className="import-progress">
      <label htmlFor={id}>
        {job.dryRun ? 'Checking' : 'Importing'}: {job.done} of {job.total} records ({percent}%)
      </label>
      <progress id={id} max={job.total} value={job.done}>
        {percent}%
      </progress>
    </div>
  );
}

/** What a finished job did, or would do: counts, the organisations, and every refusal. */
function Report({ job }: { job: ImportJob }) {
  const { create, update, unchanged, rejected } = job.counts.organizations;
  const refusals = refusalsOf(job);
  return (
    <div className="import-report">
      <h3>{job.dryRun ? 'What the import would do' : 'What the import did'}</h3>
      {job.status === 'failed' && (
        <p role="alert" className="form-error">
          The job failed: {job.error}. Nothing after the last finished batch was saved; importing
          the file again is safe.
        </p>
      )}
      <table className="counts">
        <caption>Organisations</caption>
        <tbody>
          <tr>
            <th scope="row">New partners</th>
            <td>{create}</td>
          </tr>
          <tr>
            <th scope="row">Changed</th>
            <td>{update}</td>
          </tr>
          <tr>
            <th scope="row">No change</th>
            <td>{unchanged}</td>
          </tr>
          <tr>
            <th scope="row">Refused</th>
            <td>{rejected}</td>
          </tr>
          <tr>
            <th scope="row">Services refused</th>
            <td>{job.counts.servicesRejected}</td>
          </tr>
        </tbody>
      </table>
      <DataTable
        caption="Refused records"
        exportName="hsds-import-refusals"
        columns={REFUSAL_COLUMNS}
        rows={refusals}
        rowKey={(row) => row.key}
        initialSort={{ key: 'name', direction: 'ascending' }}
        empty="Every record can be taken."
      />
      <details>
        <summary>Each organisation in the file ({(job.changes ?? []).length})</summary>
        <DataTable
          caption="Organisations in the file"
          exportName="hsds-import-changes"
          columns={CHANGE_COLUMNS}
          rows={job.changes ?? []}
          rowKey={(row) => row.id}
          initialSort={{ key: 'name', direction: 'ascending' }}
          empty="No organisation can be taken."
        />
      </details>
    </div>
  );
}

const OPTION_FIELDS = ['categoryMapping', 'defaultCapacity', 'timeZone', 'organizationType'];
const EMPTY_OPTIONS: Values = {
  categoryMapping: '',
  defaultCapacity: '',
  timeZone: '',
  organizationType: '',
};

/** "CODE = category" lines as the categoryMapping option; a line that is neither is refused. */
function optionsOf(values: Values): { options: Record<string, unknown>; problems: string[] } {
  const problems: string[] = [];
  const mapping: Record<string, string> = {};
  values.categoryMapping
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .forEach((line, index) => {
      const [code, category] = line.split('=').map((part) => part.trim());
      if (!code || !category) {
        problems.push(`categoryMapping line ${index + 1} must read CODE = category`);
      } else mapping[code] = category;
    });
  const options: Record<string, unknown> = {};
  if (Object.keys(mapping).length > 0) options.categoryMapping = mapping;
  if (values.defaultCapacity) options.defaultCapacity = Number(values.defaultCapacity);
  if (values.timeZone) options.timeZone = values.timeZone.trim();
  if (values.organizationType) options.organizationType = values.organizationType;
  return { options, problems };
}

/**
 * Import: choose a file, check it with a dry run (what would change, and why each refused record
 * is refused), then import what was checked. The job runs in the agreements service; this polls
 * its progress.
 */
function Import() {
  const client = useQueryClient();
  const fileId = useId();
  const [file, setFile] = useState<{ name: string; dataset: Record<string, unknown> } | null>(null);
  const [values, setValues] = useState<Values>(EMPTY_OPTIONS);
  const [errors, setErrors] = useState<FieldErrors>(NO_ERRORS);
  const [job, setJob] = useState<ImportJob | null>(null);
  /** The dry run the import repeats: the same file with the same options. */
  const [checked, setChecked] = useState<string | null>(null);
  const set = (name: string) => (value: string) => {
    setValues((current) => ({ ...current, [name]: value }));
    setChecked(null);
  };
  const running = job?.status === 'running';

  useEffect(() => {
    if (!job || job.status !== 'running') return;
    const timer = setTimeout(() => {
      get<ImportJob>(`${API}/import-jobs/${job.id}`)
        .then((next) => {
          setJob(next);
          if (next.status !== 'running') {
            void client.invalidateQueries({ queryKey: ['hsds'] });
            void client.invalidateQueries({ queryKey: ['organisations'] });
          }
        })
        .catch((error: unknown) =>
          setErrors({
            fields: {},
            other: [error instanceof Error ? error.message : String(error)],
          }),
        );
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [job, client]);

  const choose = async (event: ChangeEvent<HTMLInputElement>) => {
    setJob(null);
    setChecked(null);
    setErrors(NO_ERRORS);
    const chosen = event.target.files?.[0];
    if (!chosen) return setFile(null);
    try {
      const parsed: unknown = JSON.parse(await chosen.text());
      const dataset =
        typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
          ? (parsed as Record<string, unknown>)
          : null;
      if (!dataset || !(Array.isArray(dataset.organizations) || Array.isArray(dataset.services))) {
        throw new Error('it holds no "organizations" or "services" array');
      }
      setFile({ name: chosen.name, dataset });
    } catch (error) {
      setFile(null);
      setErrors({
        fields: {},
        other: [
          `${chosen.name} is not an HSDS dataset Concord reads: ${error instanceof Error ? error.message : String(error)}`,
        ],
      });
    }
  };

  const start = async (dryRun: boolean) => {
    if (!file) return;
    const { options, problems } = optionsOf(values);
    if (problems.length > 0) return setErrors(errorsByField(OPTION_FIELDS, problems));
    setErrors(NO_ERRORS);
    try {
      const { organizations, services } = file.dataset;
      const started = await post<ImportJob>(`${API}/import`, {
        dryRun,
        options,
        ...(organizations ? { organizations } : {}),
        ...(services ? { services } : {}),
      });
      setJob(started);
      setChecked(dryRun ? `${file.name}\n${JSON.stringify(options)}` : null);
    } catch (error) {
      const messages = error instanceof ApiError ? error.messages : [String(error)];
      setErrors(
        errorsByField(
          OPTION_FIELDS,
          messages.map((message) => message.replace(/^options\./, '')),
        ),
      );
    }
  };

  const sameAsChecked =
    file !== null && checked === `${file.name}\n${JSON.stringify(optionsOf(values).options)}`;
  const checkedCleanly = sameAsChecked && job?.dryRun === true && job.status === 'succeeded';

  return (
    <section aria-labelledby="import-heading">
      <h2 id="import-heading">Import</h2>
      <p className="hint">
        An HSDS 3.0 dataset from a 211 or another directory: organisations with their services, as{' '}
        <code>GET /organizations/&#123;id&#125;</code> gives them, or services with their
        organisation. Partners are created or updated by their HSDS id, so importing the same file
        again changes nothing.
      </p>
      <FormErrors errors={errors} summary="The import cannot start:" />
      <div className="field">
        <label htmlFor={fileId}>HSDS file (JSON)</label>
        <input
          id={fileId}
          type="file"
          accept=".json,application/json"
          onChange={(event) => void choose(event)}
        />
      </div>
      <details>
        <summary>What the file may not say (options)</summary>
        <TextArea
          name="categoryMapping"
          label="Category of each taxonomy code"
          hint={`One per line, CODE = category, e.g. RP-1500.1400-500 = mental-health-crisis. Categories: ${REFERRAL_CATEGORIES.join(', ')}.`}
          rows={4}
          values={values}
          errors={errors.fields}
          set={set}
        />
        <TextField
          name="defaultCapacity"
          label="Capacity of a service that states none"
          inputMode="numeric"
          values={values}
          errors={errors.fields}
          set={set}
        />
        <TextField
          name="timeZone"
          label="Time zone of schedules that name none (e.g. America/Chicago)"
          values={values}
          errors={errors.fields}
          set={set}
        />
        <SelectField
          name="organizationType"
          label="Type of an organisation that states none"
          options={[
            ['', 'None: refuse it'],
            ...ORGANIZATION_TYPES.filter((type) => type !== 'police-agency'),
          ]}
          values={values}
          errors={errors.fields}
          set={set}
        />
      </details>
      <div className="actions">
        <button
          type="button"
          className="secondary"
          disabled={!file || running}
          onClick={() => void start(true)}
        >
          Check the file (dry run)
        </button>
        <button
          type="button"
          className="primary"
          disabled={!checkedCleanly || running}
          onClick={() => void start(false)}
        >
          Import
        </button>
      </div>
      {file && !checkedCleanly && !running && (
        <p className="hint">Check the file first: the import repeats the dry run you have read.</p>
      )}
      {job && (running ? <Progress job={job} /> : <Report job={job} />)}
    </section>
  );
}

interface JobRow {
  id: string;
  createdAt: string;
  kind: string;
  status: string;
  records: string;
  createdBy: string;
}

const JOB_COLUMNS: Column<JobRow, 'createdAt' | 'kind' | 'status' | 'records' | 'createdBy'>[] = [
  {
    key: 'createdAt',
    header: 'Started',
    cell: (row) => when(row.createdAt),
    sortValue: (row) => row.createdAt,
  },
  { key: 'kind', header: 'Kind', cell: (row) => row.kind, sortValue: (row) => row.kind },
  { key: 'status', header: 'Status', cell: (row) => row.status, sortValue: (row) => row.status },
  { key: 'records', header: 'Records', cell: (row) => row.records, text: (row) => row.records },
  {
    key: 'createdBy',
    header: 'By',
    cell: (row) => row.createdBy,
    sortValue: (row) => row.createdBy,
  },
];

function RecentJobs() {
  const jobs = useQuery({
    queryKey: ['hsds', 'jobs'],
    queryFn: () => get<ImportJob[]>(`${API}/import-jobs`),
  });
  return (
    <section aria-labelledby="jobs-heading">
      <h2 id="jobs-heading">Recent imports</h2>
      <Loaded query={jobs} what="the recent imports">
        {(rows) => (
          <DataTable
            caption="Recent imports"
            exportName="hsds-imports"
            columns={JOB_COLUMNS}
            rows={rows.map((job) => ({
              id: job.id,
              createdAt: job.createdAt,
              kind: job.dryRun ? 'Dry run' : 'Import',
              status: job.status,
              records: `${job.done} of ${job.total}`,
              createdBy: job.createdBy,
            }))}
            rowKey={(row) => row.id}
            initialSort={{ key: 'createdAt', direction: 'descending' }}
            empty="No import yet."
          />
        )}
      </Loaded>
    </section>
  );
}

/** The partner directory in and out as Open Referral HSDS 3.0 (administrators). */
export function DirectoryExchange() {
  return (
    <section>
      <h1>Directory exchange (Open Referral HSDS 3.0)</h1>
      <Export />
      <Import />
      <RecentJobs />
    </section>
  );
}
