import { IsIn, IsString, IsUUID, MaxLength } from 'class-validator';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

export const ORGANIZATION_TYPES = [
  'police-agency',
  'mental-health-provider',
  'youth-organization',
  'neighbourhood-association',
  'advocacy-group',
  'housing',
  'substance-use',
  'domestic-violence-service',
] as const;
export type OrganizationType = (typeof ORGANIZATION_TYPES)[number];

/**
 * An organisation is public, not personal, data. Services, areas and hours are read by the
 * assignment engine from `organization.updated`'s full snapshot on the organisation's API.
 */
export class OrganizationChangedV1 {
  @IsUUID() organizationId: string;
  @IsString() @MaxLength(200) name: string;
  @IsIn(ORGANIZATION_TYPES) type: OrganizationType;
}

const topic = Topics.organizations;
const byOrganization = (payload: OrganizationChangedV1): string => payload.organizationId;

export const OrganizationEvents = {
  registered: defineEvent({
    name: 'organization.registered',
    version: 1,
    topic,
    payload: OrganizationChangedV1,
    key: byOrganization,
    summary: 'A partner organisation (or the police agency) joined Concord.',
  }),
  updated: defineEvent({
    name: 'organization.updated',
    version: 1,
    topic,
    payload: OrganizationChangedV1,
    key: byOrganization,
    summary: 'An organisation changed its details.',
  }),
};
