import { FormEvent, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { ApiError, get, post, put } from '../api';
import { Organisation, OrganisationService, ServiceArea } from '../admin-types';
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
import { Loaded } from '../components/data-table';
import { useOrganisations } from '../directory';
import { AreaMap } from '../map/area-map';
import { DrawArea } from '../map/draw-area';
import { Bounds, boundsOf, polygonsOf } from '../map/geo';
import { ORGANIZATION_TYPES, REFERRAL_CATEGORIES, WEEKDAYS } from '../vocabulary';

const SERVICE_FIELDS = [
  'name',
  'category',
  'capacity',
  'area',
  'hours.alwaysOpen',
  'hours.timeZone',
  'hours.weekly',
  'eligibility.minAge',
  'eligibility.maxAge',
] as const;

const EMPTY_SERVICE: Record<(typeof SERVICE_FIELDS)[number], string> = {
  name: '',
  category: '',
  capacity: '10',
  area: '',
  'hours.alwaysOpen': 'yes',
  'hours.timeZone': 'America/Los_Angeles',
  'hours.weekly': '',
  'eligibility.minAge': '',
  'eligibility.maxAge': '',
};

/** The form's values: the organisation's fields, then each service's under "services.<n>.". */
function valuesOf(organisation?: Organisation): { values: Values; ids: (string | undefined)[] } {
  const values: Values = { name: organisation?.name ?? '', type: organisation?.type ?? '' };
  const services = organisation?.services ?? [];
  services.forEach((service, index) => Object.assign(values, serviceValues(index, service)));
  return { values, ids: services.map((service) => service.id) };
}

function serviceValues(index: number, service?: OrganisationService): Values {
  const own: Record<string, string> = service
    ? {
        name: service.name,
        category: service.category,
        capacity: String(service.capacity),
        area: JSON.stringify(service.area, null, 1),
        'hours.alwaysOpen': service.hours.alwaysOpen ? 'yes' : 'no',
        'hours.timeZone': service.hours.timeZone,
        'hours.weekly': service.hours.weekly
          .map((period) => `${period.day} ${period.opens}-${period.closes}`)
          .join('\n'),
        'eligibility.minAge': service.eligibility.minAge?.toString() ?? '',
        'eligibility.maxAge': service.eligibility.maxAge?.toString() ?? '',
      }
    : EMPTY_SERVICE;
  return Object.fromEntries(
    Object.entries(own).map(([field, value]) => [`services.${index}.${field}`, value]),
  );
}

/**
 * A pasted area: a GeoJSON Polygon or MultiPolygon, or a Feature or FeatureCollection holding
 * one (its first feature's geometry). The message names the field and what is wrong.
 */
export function parseArea(text: string, field: string): ServiceArea | string {
  if (text.trim() === '') return `${field} must be a GeoJSON Polygon or MultiPolygon`;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return `${field} must be GeoJSON: ${(error as Error).message}`;
  }
  const object = parsed as {
    type?: unknown;
    geometry?: unknown;
    features?: { geometry?: unknown }[];
  };
  const geometry =
    object.type === 'Feature'
      ? object.geometry
      : object.type === 'FeatureCollection'
        ? object.features?.[0]?.geometry
        : parsed;
  const type = (geometry as { type?: unknown } | null)?.type;
  if (type !== 'Polygon' && type !== 'MultiPolygon') {
    return `${field} must be a GeoJSON Polygon or MultiPolygon, not ${JSON.stringify(type ?? null)}`;
  }
  const area = geometry as ServiceArea;
  const isPosition = (value: unknown) =>
    Array.isArray(value) && value.length >= 2 && value.every((n) => typeof n === 'number');
  const isRing = (value: unknown) =>
    Array.isArray(value) && value.length >= 4 && value.every(isPosition);
  const isPolygon = (value: unknown) =>
    Array.isArray(value) && value.length > 0 && value.every(isRing);
  const coordinates: unknown = area.coordinates;
  const shaped =
    type === 'Polygon'
      ? isPolygon(coordinates)
      : Array.isArray(coordinates) && coordinates.length > 0 && coordinates.every(isPolygon);
  if (!shaped) {
    return `${field} must have ${type === 'Polygon' ? 'rings' : 'polygons of rings'} of at least 4 [longitude, latitude] positions`;
  }
  return area;
}

const PERIOD = /^(mon|tue|wed|thu|fri|sat|sun)\s+(\d{2}:\d{2})\s*-\s*(\d{2}:\d{2})$/;

/** The body of POST/PUT /organizations, or the messages of what cannot be sent. */
function bodyOf(values: Values, ids: (string | undefined)[]) {
  const problems: string[] = [];
  const services = ids.map((id, index) => {
    const at = (field: string) => values[`services.${index}.${field}`] ?? '';
    const area = parseArea(at('area'), `services.${index}.area`);
    if (typeof area === 'string') problems.push(area);
    const weekly = at('hours.weekly')
      .split('\n')
      .map((line) => line.trim().toLowerCase())
      .filter(Boolean)
      .map((line) => {
        const match = PERIOD.exec(line);
        if (!match) {
          problems.push(
            `services.${index}.hours.weekly: "${line}" must read like "mon 09:00-17:00" (days ${WEEKDAYS.join(', ')})`,
          );
          return null;
        }
        return { day: match[1], opens: match[2], closes: match[3] };
      })
      .filter((period) => period !== null);
    const age = (field: string) => (at(field).trim() === '' ? undefined : Number(at(field)));
    return {
      ...(id ? { id } : {}),
      name: at('name').trim(),
      category: at('category'),
      capacity: Number(at('capacity')),
      area: typeof area === 'string' ? undefined : area,
      hours: {
        alwaysOpen: at('hours.alwaysOpen') === 'yes',
        timeZone: at('hours.timeZone').trim(),
        weekly: at('hours.alwaysOpen') === 'yes' ? [] : weekly,
      },
      eligibility: { minAge: age('eligibility.minAge'), maxAge: age('eligibility.maxAge') },
    };
  });
  return { body: { name: values.name.trim(), type: values.type, services }, problems };
}

export function NewOrganisation() {
  return <OrganisationForm />;
}

export function EditOrganisation() {
  const { id = '' } = useParams();
  const organisation = useQuery({
    queryKey: ['organisations', id],
    queryFn: () => get<Organisation>(`/api/agreements/organizations/${id}`),
  });
  return (
    <Loaded query={organisation} what="the organisation">
      {(existing) => <OrganisationForm key={existing.revision} existing={existing} />}
    </Loaded>
  );
}

/** Register or update an organisation and its services: area, capacity, hours, eligibility. */
function OrganisationForm({ existing }: { existing?: Organisation }) {
  const client = useQueryClient();
  const navigate = useNavigate();
  const initial = valuesOf(existing);
  const [values, setValues] = useState<Values>(initial.values);
  const [ids, setIds] = useState<(string | undefined)[]>(initial.ids);
  const [errors, setErrors] = useState<FieldErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const [drawing, setDrawing] = useState<number | null>(null);
  const saved = (useLocation().state as { saved?: boolean } | null)?.saved === true;
  const organisations = useOrganisations();
  const set = (name: string) => (value: string) =>
    setValues((current) => ({ ...current, [name]: value }));
  const field = { values, errors: errors.fields, set };
  const paths = [
    'name',
    'type',
    'services',
    ...ids.flatMap((_, index) => SERVICE_FIELDS.map((name) => `services.${index}.${name}`)),
  ];

  const addService = () => {
    setValues((current) => ({ ...current, ...serviceValues(ids.length) }));
    setIds((current) => [...current, undefined]);
  };
  const removeService = (removed: number) => {
    setValues((current) => {
      const next: Values = { name: current.name, type: current.type };
      ids.forEach((_, index) => {
        if (index === removed) return;
        const to = index > removed ? index - 1 : index;
        for (const name of SERVICE_FIELDS) {
          next[`services.${to}.${name}`] = current[`services.${index}.${name}`] ?? '';
        }
      });
      return next;
    });
    setIds((current) => current.filter((_, index) => index !== removed));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const { body, problems } = bodyOf(values, ids);
    if (problems.length > 0) {
      setErrors(errorsByField(paths, problems));
      return;
    }
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      const saved = existing
        ? await put<Organisation>(`/api/agreements/organizations/${existing.id}`, body)
        : await post<Organisation>('/api/agreements/organizations', body);
      await client.invalidateQueries({ queryKey: ['organisations'] });
      navigate(`/organisations/${saved.id}`, { state: { saved: true } });
    } catch (error) {
      setErrors(errorsByField(paths, error instanceof ApiError ? error.messages : [String(error)]));
    } finally {
      setBusy(false);
    }
  };

  const preview = ids.flatMap((_, index) => {
    const area = parseArea(values[`services.${index}.area`] ?? '', 'area');
    return typeof area === 'string'
      ? []
      : [
          {
            key: String(index),
            label: `Service ${index + 1}: ${values[`services.${index}.name`] || 'unnamed'}`,
            area,
            colour: index,
          },
        ];
  });

  // The drawing is framed on every area the programme knows, so a new one is drawn in context.
  const context = (organisations.data ?? []).flatMap((one) =>
    one.services.map((service) => service.area),
  );
  const drawingBounds: Bounds = boundsOf(
    [...context, ...preview.map((one) => one.area)].flatMap((area) => polygonsOf(area).flat(2)),
  ) ?? [-125, 24, -66, 50];

  return (
    <section>
      <p>
        <Link to="/organisations">All organisations</Link>
      </p>
      <h1>{existing ? existing.name : 'New organisation'}</h1>
      {saved && existing && (
        <p className="notice" role="status">
          Saved: revision {existing.revision}. Routing uses it once the referrals service hears of
          it.
        </p>
      )}
      <form className="referral-form" onSubmit={(event) => void submit(event)} noValidate>
        <FormErrors
          errors={errors}
          summary={
            existing ? 'The changes were not saved:' : 'The organisation was not registered:'
          }
        />
        <fieldset>
          <legend>The organisation</legend>
          <TextField {...field} name="name" label="Name" required />
          <SelectField {...field} name="type" label="Type" options={ORGANIZATION_TYPES} required />
        </fieldset>
        {ids.map((_, index) => (
          <fieldset key={index}>
            <legend>Service {index + 1}</legend>
            <TextField {...field} name={`services.${index}.name`} label="Service name" required />
            <SelectField
              {...field}
              name={`services.${index}.category`}
              label="Category"
              options={REFERRAL_CATEGORIES}
              required
            />
            <TextField
              {...field}
              name={`services.${index}.capacity`}
              label="Capacity (open cases at once)"
              inputMode="numeric"
              required
            />
            <TextArea
              {...field}
              name={`services.${index}.area`}
              label="Service area (GeoJSON)"
              hint="Paste a GeoJSON Polygon or MultiPolygon of [longitude, latitude] positions, or a Feature holding one."
              rows={6}
              required
            />
            {drawing === index ? (
              <DrawArea
                bounds={drawingBounds}
                context={context}
                onCancel={() => setDrawing(null)}
                onDrawn={(area) => {
                  set(`services.${index}.area`)(JSON.stringify(area));
                  setDrawing(null);
                }}
              />
            ) : (
              <button type="button" className="secondary" onClick={() => setDrawing(index)}>
                Draw the area of service {index + 1} on a map
              </button>
            )}
            <SelectField
              {...field}
              name={`services.${index}.hours.alwaysOpen`}
              label="Opening hours"
              options={[
                ['yes', 'Always open (24/7)'],
                ['no', 'Set weekly hours'],
              ]}
            />
            <TextField {...field} name={`services.${index}.hours.timeZone`} label="Time zone" />
            {values[`services.${index}.hours.alwaysOpen`] === 'no' && (
              <TextArea
                {...field}
                name={`services.${index}.hours.weekly`}
                label="Weekly hours"
                hint='One opening per line, e.g. "mon 09:00-17:00".'
                rows={4}
              />
            )}
            <TextField
              {...field}
              name={`services.${index}.eligibility.minAge`}
              label="Youngest eligible age (optional)"
              inputMode="numeric"
            />
            <TextField
              {...field}
              name={`services.${index}.eligibility.maxAge`}
              label="Oldest eligible age (optional)"
              inputMode="numeric"
            />
            <button type="button" className="secondary" onClick={() => removeService(index)}>
              Remove service {index + 1}
            </button>
          </fieldset>
        ))}
        <button type="button" className="secondary" onClick={addService}>
          Add a service
        </button>
        {preview.length > 0 && (
          <AreaMap
            name="Map of this organisation's service areas"
            areas={preview}
            cells={[]}
            legend={[]}
          />
        )}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Saving…' : existing ? 'Save changes' : 'Register organisation'}
        </button>
      </form>
    </section>
  );
}
