import { REFERRAL_CATEGORIES } from '@concord/contracts';
import {
  CATEGORY_TAXONOMY_ID,
  categoryOfTerm,
  categoryTerm,
  conceptTaxonomies,
  concordTermOf,
  DIRECTORY_PROPERTIES,
  DIRECTORY_TAXONOMY_ID,
  directoryPropertyOfTerm,
  directoryTerm,
  taxonomyById,
  taxonomyTermByCode,
  taxonomyTermById,
  taxonomyTerms,
} from './concord.taxonomy';

describe('the Concord taxonomies', () => {
  it('keep the ids they were first published with', () => {
    expect(CATEGORY_TAXONOMY_ID).toBe('b0419ff1-32c6-50a0-9f24-cd3bce716142');
    expect(DIRECTORY_TAXONOMY_ID).toBe('fb417bc4-7e1f-5d28-937a-85759cbe13b0');
    expect(categoryTerm('mental-health-crisis').id).toBe('bcd173d1-e2ba-5b44-973b-2c9703a40529');
    expect(directoryTerm('capacity').id).toBe('9169c307-5c95-5d8e-8dea-cf052a49146d');
  });

  it('are the referral categories and the directory properties, by name', () => {
    expect(conceptTaxonomies().map((taxonomy) => taxonomy.name)).toEqual([
      'Concord referral categories',
      'Concord directory properties',
    ]);
  });

  it('have one category term per referral category, coded by the category, with a human name', () => {
    const terms = taxonomyTerms().filter((term) => term.taxonomy_id === CATEGORY_TAXONOMY_ID);
    expect(terms.map((term) => term.code)).toEqual([...REFERRAL_CATEGORIES]);
    expect(categoryTerm('mental-health-crisis').name).toBe('Mental-health crisis');
    for (const term of terms) expect(term.description.length).toBeGreaterThan(0);
  });

  it('have the organization-type, capacity and time-zone properties as directory terms', () => {
    const terms = taxonomyTerms().filter((term) => term.taxonomy_id === DIRECTORY_TAXONOMY_ID);
    expect(terms.map((term) => term.code)).toEqual(['organization-type', 'capacity', 'time-zone']);
  });

  it('embed their taxonomy in each term, as taxonomy_detail', () => {
    for (const term of taxonomyTerms()) {
      expect(term.taxonomy_detail).toEqual(taxonomyById(term.taxonomy_id ?? ''));
    }
  });

  it('give every term a distinct id and a code no other Concord term has', () => {
    const terms = taxonomyTerms();
    expect(new Set(terms.map((term) => term.id)).size).toBe(terms.length);
    expect(new Set(terms.map((term) => term.code)).size).toBe(terms.length);
  });

  it('find a taxonomy and a term by id, and a term by code within its taxonomy', () => {
    const youth = categoryTerm('youth');
    expect(taxonomyById(DIRECTORY_TAXONOMY_ID)?.name).toBe('Concord directory properties');
    expect(taxonomyTermById(youth.id)).toEqual(youth);
    expect(taxonomyTermByCode(CATEGORY_TAXONOMY_ID, 'youth')).toEqual(youth);
    expect(taxonomyTermByCode(DIRECTORY_TAXONOMY_ID, 'youth')).toBeUndefined();
    expect(taxonomyById('00000000-0000-4000-8000-000000000000')).toBeUndefined();
  });

  it('hand out copies, so a caller that edits one cannot change what is published', () => {
    categoryTerm('youth').name = 'Changed';
    taxonomyTerms()[0].taxonomy_detail!.name = 'Changed';
    conceptTaxonomies()[0].name = 'Changed';
    expect(categoryTerm('youth').name).toBe('Youth');
    expect(taxonomyTerms()[0].taxonomy_detail?.name).toBe('Concord referral categories');
    expect(conceptTaxonomies()[0].name).toBe('Concord referral categories');
  });

  it('say which category or property a Concord term stands for, and nothing for the other kind', () => {
    expect(categoryOfTerm(categoryTerm('homelessness'))).toBe('homelessness');
    expect(categoryOfTerm(directoryTerm('capacity'))).toBeUndefined();
    for (const property of DIRECTORY_PROPERTIES) {
      expect(directoryPropertyOfTerm(directoryTerm(property))).toBe(property);
    }
    expect(directoryPropertyOfTerm(categoryTerm('youth'))).toBeUndefined();
  });
});

describe('concordTermOf', () => {
  const youth = categoryTerm('youth');

  it.each([
    ['the same id', { id: youth.id, name: 'anything' }, youth.id],
    ['the code, naming no taxonomy', { id: 'x', code: 'youth' }, youth.id],
    [
      'the code, in the Concord taxonomy',
      { code: 'youth', taxonomy_id: CATEGORY_TAXONOMY_ID },
      youth.id,
    ],
    [
      'the code, with the Concord taxonomy embedded',
      { code: 'youth', taxonomy_detail: { id: CATEGORY_TAXONOMY_ID } },
      youth.id,
    ],
    [
      'the code of another taxonomy',
      { code: 'youth', taxonomy_id: '61f8d9de-ce6e-488b-80ee-5a805d14cd76' },
      undefined,
    ],
    ['an unknown code', { code: 'YT-1000.2500' }, undefined],
    ['no object at all', 'youth', undefined],
  ])('matches an outside term to a Concord term by id or by code only: %s', (_case, term, id) => {
    expect(concordTermOf(term)?.id).toBe(id);
  });
});
