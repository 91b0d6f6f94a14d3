/**
 * Finds personal data in a Kafka message: a field that holds a person's details, a phone number,
 * a street address, or a value a test submitted as a person's details. design.md: events carry ids,
 * categories, timestamps and coarse areas, never names, phone numbers, addresses or narratives.
 */
export const PERSONAL_FIELD_NAMES = [
  'person',
  'phone',
  'phonenumber',
  'address',
  'narrative',
  'dateofbirth',
  'firstname',
  'lastname',
  'fullname',
  'email',
] as const;

/** North American numbers as people write them: +1 312 555 0199, (312) 555-0199, 312-555-0199. */
const PHONE_NUMBER = /(\+\d{1,3}[\s.-]?)?\(?\b\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}\b/;
const STREET_ADDRESS =
  /\b\d{1,5}\s+(?:[A-Z][\w.]*\s+){1,4}(?:Ave|Avenue|St|Street|Dr|Drive|Rd|Road|Blvd|Boulevard|Lane|Ln|Way|Court|Ct|Place|Pl)\b/;

export function findPersonalData(text: string, knownValues: readonly string[] = []): string[] {
  const findings: string[] = [];
  const parsed = parseJson(text);
  if (parsed !== undefined)
    visitKeys(parsed, (key) => {
      if ((PERSONAL_FIELD_NAMES as readonly string[]).includes(key.toLowerCase())) {
        findings.push(`a field named "${key}"`);
      }
    });
  const phone = PHONE_NUMBER.exec(text);
  if (phone) findings.push(`a phone number "${phone[0]}"`);
  const address = STREET_ADDRESS.exec(text);
  if (address) findings.push(`a street address "${address[0]}"`);
  for (const value of knownValues) {
    if (text.toLowerCase().includes(value.toLowerCase()))
      findings.push(`the test value "${value}"`);
  }
  return findings;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function visitKeys(value: unknown, visit: (key: string) => void): void {
  if (Array.isArray(value)) {
    value.forEach((item) => visitKeys(item, visit));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      visit(key);
      visitKeys(child, visit);
    }
  }
}
