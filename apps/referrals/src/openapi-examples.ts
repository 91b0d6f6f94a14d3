import { ExampleObject } from '@nestjs/swagger';
import { aCrisisIncident } from './intake/eido/eido-test-documents';

type Examples = Record<string, ExampleObject>;

/** Examples of the main requests, shown in the OpenAPI document (a test checks they are valid). */
export const SUBMIT_REFERRAL_EXAMPLES: Examples = {
  crisis: {
    summary: 'A mental-health crisis, with the person’s verbal consent',
    value: {
      incidentReference: 'RPD-2026-118734',
      category: 'mental-health-crisis',
      urgency: 'immediate',
      location: { latitude: 45.519, longitude: -122.679, address: '1120 SW 5th Ave, Riverton' },
      person: { name: 'Sam Okafor', age: 29, phone: '+1 503 555 0142', language: 'en' },
      contactPreference: 'phone',
      consent: { obtained: true, method: 'verbal', obtainedBy: 'Officer L. Park #2271' },
      narrative: 'Caller reports a man in distress on the plaza, not a danger to others.',
    },
  },
};

export const EIDO_EXAMPLES: Examples = {
  crisis: {
    summary: 'A crisis call as NENA EIDO 1.0, with the Concord extension object',
    value: {
      ...aCrisisIncident(),
      concord: {
        consent: { obtained: true, method: 'verbal', obtainedBy: 'Call taker 7, Springfield PSAP' },
        contactPreference: 'phone',
      },
    },
  },
};

export const DECLINE_EXAMPLES: Examples = {
  full: { summary: 'No room today', value: { reason: 'no-capacity' } },
};

export const COMPLETE_EXAMPLES: Examples = {
  successful: { summary: 'The person was helped', value: { outcome: 'successful' } },
};

export const CANCEL_EXAMPLES: Examples = {
  resolved: {
    summary: 'Dispatch no longer needs it handled',
    value: { reason: 'The caller withdrew the request; officers resolved it on scene.' },
  },
};
