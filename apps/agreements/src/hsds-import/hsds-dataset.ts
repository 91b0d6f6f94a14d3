import { HsdsRecordRejection } from '../hsds/hsds-import.mapper';

type JsonObject = Record<string, unknown>;

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A dataset as organisation records (services nested), with what could not be placed in one. */
export interface OrganizationRecords {
  records: JsonObject[];
  /** Records built only from services given on their own, which say nothing of the others. */
  partial: ReadonlySet<JsonObject>;
  /** Records in the whole dataset: organisations and services. */
  total: number;
  unplaced: HsdsRecordRejection[];
}

/**
 * Gathers the dataset's services under their organisations: those nested in an organisation stay
 * there; a service given on its own joins the organisation it embeds or names by organization_id,
 * which the dataset's organisations or its embedded copy provide.
 */
export function organizationRecordsOf(
  organizations: readonly unknown[],
  services: readonly unknown[],
): OrganizationRecords {
  const unplaced: HsdsRecordRejection[] = [];
  const byId = new Map<string, JsonObject>();
  const records: JsonObject[] = [];
  const partial = new Set<JsonObject>();
  organizations.forEach((organization, index) => {
    if (!isObject(organization)) {
      unplaced.push({
        record: 'organization',
        problems: [{ field: `organizations.${index}`, message: 'must be a JSON object' }],
      });
      return;
    }
    const record = { ...organization, services: [...arrayOf(organization.services)] };
    records.push(record);
    if (typeof organization.id === 'string') byId.set(organization.id, record);
  });
  services.forEach((service, index) => {
    const field = `services.${index}`;
    if (!isObject(service)) {
      unplaced.push({ record: 'service', problems: [{ field, message: 'must be a JSON object' }] });
      return;
    }
    const { organization, ...own } = service;
    const organizationId = isObject(organization) ? organization.id : service.organization_id;
    if (typeof organizationId !== 'string') {
      unplaced.push({
        record: 'service',
        id: typeof service.id === 'string' ? service.id : undefined,
        name: typeof service.name === 'string' ? service.name : undefined,
        problems: [
          {
            field: `${field}.organization`,
            message: 'a service needs its organization, embedded or named by organization_id',
          },
        ],
      });
      return;
    }
    let record = byId.get(organizationId);
    if (!record) {
      if (!isObject(organization)) {
        unplaced.push({
          record: 'service',
          id: typeof service.id === 'string' ? service.id : undefined,
          problems: [
            {
              field: `${field}.organization_id`,
              message: `organization ${organizationId} is neither embedded nor in organizations`,
            },
          ],
        });
        return;
      }
      record = { ...organization, services: [] };
      records.push(record);
      partial.add(record);
      byId.set(organizationId, record);
    }
    (record.services as unknown[]).push(own);
  });
  const total = records.reduce((sum, record) => sum + 1 + arrayOf(record.services).length, 0);
  return { records, partial, total: total + unplaced.length, unplaced };
}

function arrayOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
