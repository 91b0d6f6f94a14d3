import {
  EligibilityV1,
  OpeningHoursV1,
  OrganizationChangedV1,
  OrganizationType,
  PartnerServiceV1,
  ReferralCategory,
  ServiceArea,
} from '@concord/contracts';
import { Organization } from './organization.entity';
import { OrganizationService } from './organization-service.entity';

export interface OrganizationServiceView {
  id: string;
  name: string;
  category: ReferralCategory;
  area: ServiceArea;
  capacity: number;
  hours: OpeningHoursV1;
  eligibility: EligibilityV1;
}

/** An organisation as the HTTP API answers it. */
export interface OrganizationView {
  id: string;
  name: string;
  type: OrganizationType;
  revision: number;
  services: OrganizationServiceView[];
  createdAt: string;
  updatedAt: string;
}

export function toOrganizationView(
  organization: Organization,
  services: readonly OrganizationService[],
): OrganizationView {
  return {
    id: organization.id,
    name: organization.name,
    type: organization.type,
    revision: organization.revision,
    services: services.map((service) => ({
      id: service.id,
      name: service.name,
      category: service.category,
      area: service.area,
      capacity: service.capacity,
      hours: service.hours,
      eligibility: service.eligibility,
    })),
    createdAt: organization.createdAt.toISOString(),
    updatedAt: organization.updatedAt.toISOString(),
  };
}

/** The organization.registered/updated payload: the whole organisation after the change. */
export function toOrganizationSnapshot(
  organization: Organization,
  services: readonly OrganizationService[],
): OrganizationChangedV1 {
  return {
    organizationId: organization.id,
    name: organization.name,
    type: organization.type,
    revision: organization.revision,
    services: services.map((service): PartnerServiceV1 => ({
      serviceId: service.id,
      name: service.name,
      category: service.category,
      area: service.area,
      capacity: service.capacity,
      hours: service.hours,
      eligibility: service.eligibility,
    })),
  };
}
