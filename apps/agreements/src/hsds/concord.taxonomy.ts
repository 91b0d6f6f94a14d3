import {
  OrganizationType,
  REFERRAL_CATEGORIES,
  ReferralCategory,
  ORGANIZATION_TYPES,
} from '@concord/contracts';
import { isRecord } from './hsds-json.util';
import type { HsdsTaxonomy, HsdsTaxonomyTerm } from './hsds.types';
import { stableUuid } from './stable-uuid';

/**
 * The two taxonomies Concord publishes with its HSDS directory. A category is a term of the first;
 * the facts HSDS 3.0 has no field for (organisation type, capacity, IANA time zone) are terms of
 * the second whose attribute carries the value. Their ids are derived, so they never change
 * between exports and a consumer can match on them.
 */

export const CATEGORY_TAXONOMY_ID = stableUuid('taxonomy', 'concord-referral-categories');
export const DIRECTORY_TAXONOMY_ID = stableUuid('taxonomy', 'concord-directory-properties');

const CATEGORY_TAXONOMY: HsdsTaxonomy = {
  id: CATEGORY_TAXONOMY_ID,
  name: 'Concord referral categories',
  description:
    'The kinds of need for which police dispatch hands a call to a community partner through Concord. Each Concord service takes referrals of exactly one category.',
};

const DIRECTORY_TAXONOMY: HsdsTaxonomy = {
  id: DIRECTORY_TAXONOMY_ID,
  name: 'Concord directory properties',
  description:
    'Facts Concord keeps about an organisation or a service for which HSDS 3.0 has no field. The attribute that applies a term carries the fact in its value.',
};

const CATEGORY_WORDING: Record<ReferralCategory, { name: string; description: string }> = {
  'mental-health-crisis': {
    name: 'Mental-health crisis',
    description: 'A person in acute psychological distress who needs a crisis responder.',
  },
  homelessness: {
    name: 'Homelessness',
    description: 'A person without a safe place to stay who needs shelter or outreach.',
  },
  'substance-use': {
    name: 'Substance use',
    description: 'A person harmed by alcohol or drug use who needs support or treatment.',
  },
  youth: {
    name: 'Youth',
    description: 'A child or young person who needs a youth worker rather than the police.',
  },
  'domestic-violence': {
    name: 'Domestic violence',
    description: 'A person harmed or threatened at home who needs an advocate or a safe place.',
  },
  'welfare-check': {
    name: 'Welfare check',
    description: 'Someone whose wellbeing is in doubt and who needs a visit.',
  },
  'neighbourhood-dispute': {
    name: 'Neighbourhood dispute',
    description: 'A conflict between neighbours that mediation can settle.',
  },
};

export const DIRECTORY_PROPERTIES = ['organization-type', 'capacity', 'time-zone'] as const;
export type DirectoryProperty = (typeof DIRECTORY_PROPERTIES)[number];

const PROPERTY_WORDING: Record<DirectoryProperty, { name: string; description: string }> = {
  'organization-type': {
    name: 'Organisation type',
    description: `What kind of organisation takes part in Concord. The value is one of ${ORGANIZATION_TYPES.join(', ')}.`,
  },
  capacity: {
    name: 'Capacity',
    description:
      'The most referrals the service works on at once. The value is a whole number from 1 to 100000.',
  },
  'time-zone': {
    name: 'Time zone',
    description:
      "The IANA time zone of the service's opening hours, e.g. America/Chicago. The schedules' numeric offsets are that zone's offset at the time of export and change with daylight saving.",
  },
};

/** How an organisation type reads in a sentence. */
export const ORGANIZATION_TYPE_LABELS: Record<OrganizationType, string> = {
  'police-agency': 'police agency',
  'mental-health-provider': 'mental-health provider',
  'youth-organization': 'youth organisation',
  'neighbourhood-association': 'neighbourhood association',
  'advocacy-group': 'advocacy group',
  housing: 'housing provider',
  'substance-use': 'substance-use service',
  'domestic-violence-service': 'domestic-violence service',
};

function termOf(
  taxonomy: HsdsTaxonomy,
  code: string,
  wording: { name: string; description: string },
): HsdsTaxonomyTerm {
  return {
    id: stableUuid('taxonomy_term', taxonomy.id, code),
    code,
    name: wording.name,
    description: wording.description,
    taxonomy_id: taxonomy.id,
    taxonomy_detail: { ...taxonomy },
  };
}

const CATEGORY_TERMS = REFERRAL_CATEGORIES.map((category) =>
  termOf(CATEGORY_TAXONOMY, category, CATEGORY_WORDING[category]),
);
const PROPERTY_TERMS = DIRECTORY_PROPERTIES.map((property) =>
  termOf(DIRECTORY_TAXONOMY, property, PROPERTY_WORDING[property]),
);
const ALL_TERMS = [...CATEGORY_TERMS, ...PROPERTY_TERMS];

// Callers embed these in documents they may change; each gets its own copy.
const copyOf = <T>(value: T): T => structuredClone(value);

export function conceptTaxonomies(): HsdsTaxonomy[] {
  return [CATEGORY_TAXONOMY, DIRECTORY_TAXONOMY].map(copyOf);
}

export function taxonomyTerms(): HsdsTaxonomyTerm[] {
  return ALL_TERMS.map(copyOf);
}

export function taxonomyById(id: string): HsdsTaxonomy | undefined {
  const found = [CATEGORY_TAXONOMY, DIRECTORY_TAXONOMY].find((taxonomy) => taxonomy.id === id);
  return found && copyOf(found);
}

export function taxonomyTermById(id: string): HsdsTaxonomyTerm | undefined {
  const found = ALL_TERMS.find((term) => term.id === id);
  return found && copyOf(found);
}

/** A term by its code, which is unique only within its taxonomy. */
export function taxonomyTermByCode(taxonomyId: string, code: string): HsdsTaxonomyTerm | undefined {
  const found = ALL_TERMS.find((term) => term.taxonomy_id === taxonomyId && term.code === code);
  return found && copyOf(found);
}

export function categoryTerm(category: ReferralCategory): HsdsTaxonomyTerm {
  return copyOf(CATEGORY_TERMS[REFERRAL_CATEGORIES.indexOf(category)]);
}

export function directoryTerm(property: DirectoryProperty): HsdsTaxonomyTerm {
  return copyOf(PROPERTY_TERMS[DIRECTORY_PROPERTIES.indexOf(property)]);
}

/**
 * The Concord term that a term from someone else's document stands for: the same id, or the same
 * code when the term does not say it belongs to another taxonomy (a code alone is unique only
 * within its taxonomy, and another publisher may well have a term coded `youth`).
 */
export function concordTermOf(candidate: unknown): HsdsTaxonomyTerm | undefined {
  if (!isRecord(candidate)) return undefined;
  const byId = ALL_TERMS.find((term) => term.id === candidate.id);
  if (byId) return copyOf(byId);
  if (typeof candidate.code !== 'string') return undefined;
  const detail = candidate.taxonomy_detail;
  const claimed = candidate.taxonomy_id ?? (isRecord(detail) ? detail.id : undefined);
  const byCode = ALL_TERMS.find(
    (term) =>
      term.code === candidate.code &&
      (claimed === undefined || claimed === null || claimed === term.taxonomy_id),
  );
  return byCode && copyOf(byCode);
}

/** The category a Concord category term stands for. */
export function categoryOfTerm(term: HsdsTaxonomyTerm): ReferralCategory | undefined {
  return term.taxonomy_id === CATEGORY_TAXONOMY_ID
    ? REFERRAL_CATEGORIES.find((category) => category === term.code)
    : undefined;
}

/** The directory property a Concord directory term stands for. */
export function directoryPropertyOfTerm(term: HsdsTaxonomyTerm): DirectoryProperty | undefined {
  return term.taxonomy_id === DIRECTORY_TAXONOMY_ID
    ? DIRECTORY_PROPERTIES.find((property) => property === term.code)
    : undefined;
}
