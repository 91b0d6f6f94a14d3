import { CONTACT_PREFERENCES } from '@concord/contracts';

const REFERENCE = {
  type: 'object',
  description: 'A reference to another component of the document, by its $id.',
  required: ['$ref'],
  properties: { $ref: { type: 'string', minLength: 1 } },
  additionalProperties: true,
};

const COMPONENTS = {
  type: 'array',
  items: { type: 'object', additionalProperties: true },
};

/**
 * The request body of POST /referrals/eido as the OpenAPI document describes it: the members of
 * an EIDO document (NENA-STA-021.1) that Concord reads, and its extension object. EIDO allows
 * members it does not define, so this schema does too; docs/interop.md tells each rule.
 */
export const EIDO_DOCUMENT_SCHEMA = {
  type: 'object',
  description:
    'An EIDO document (EmergencyIncidentDataObjectType, eidoVersion 1.0) with the Concord extension object `concord`.',
  required: [
    '$id',
    'lastUpdateTimeStamp',
    'updatedByAgencyReference',
    'eidoVersion',
    'issuingElementIdentification',
    'agencyComponent',
  ],
  additionalProperties: true,
  properties: {
    $id: { type: 'string', description: 'The incident tracking identifier.' },
    lastUpdateTimeStamp: { type: 'string', format: 'date-time' },
    updatedByAgencyReference: REFERENCE,
    eidoVersion: { type: 'string', enum: ['1.0'] },
    issuingElementIdentification: { type: 'string' },
    incidentComponent: { type: 'object', additionalProperties: true },
    callComponent: COMPONENTS,
    callbackComponent: COMPONENTS,
    locationComponent: COMPONENTS,
    personComponent: COMPONENTS,
    notesComponent: COMPONENTS,
    agencyComponent: COMPONENTS,
    agentComponent: COMPONENTS,
    concord: {
      type: 'object',
      description: 'What a referral needs and EIDO does not carry. Without it: 422.',
      required: ['consent', 'contactPreference'],
      additionalProperties: false,
      properties: {
        consent: { $ref: '#/components/schemas/ConsentRequest' },
        contactPreference: { type: 'string', enum: [...CONTACT_PREFERENCES] },
      },
    },
  },
};
