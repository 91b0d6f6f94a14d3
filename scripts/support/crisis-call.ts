/** Downtown Chicago: where the load tools' calls happen, inside their partners' service area. */
export const CALL_LOCATION = { latitude: 41.8781, longitude: -87.6298 };

/**
 * A mental-health crisis call as CAD sends it, for the benchmark and chaos load generators;
 * `incidentReference` makes it unique and ties it to its submission.
 */
export function crisisCall(incidentReference: string): Record<string, unknown> {
  return {
    incidentReference,
    category: 'mental-health-crisis',
    urgency: 'same-day',
    location: { ...CALL_LOCATION, address: '233 S Wacker Dr, Chicago, IL' },
    person: { name: 'Jordan Reyes', age: 34, phone: '+1 312 555 0199', language: 'es' },
    contactPreference: 'phone',
    consent: { obtained: true, method: 'verbal', obtainedBy: 'Officer K. Diaz #4411' },
    narrative: 'Caller reports her brother is in distress and has not slept for days.',
  };
}
