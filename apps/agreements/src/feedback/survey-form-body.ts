import { FEEDBACK_QUESTIONS } from '@concord/contracts';

const QUESTIONS: ReadonlySet<string> = new Set(FEEDBACK_QUESTIONS);
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** A form field whose name may not be a key of an object (prototype pollution). */
export class UnsafeFormField extends Error {
  constructor(readonly field: string) {
    super(`body must not contain the key "${field}" (prototype pollution is refused)`);
  }
}

/**
 * The public page's flat form fields (`token=…&helped=4&comment=…`) in the shape of the JSON
 * body, so that one set of rules checks both: the questions go into `scores`, a whole number is a
 * number, an empty field (a question skipped, no comment) is left out. Anything else is passed on
 * as sent, for the rules to refuse by name.
 */
export function answerFromForm(fields: Record<string, unknown>): Record<string, unknown> {
  const answer: Record<string, unknown> = {};
  const scores: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(fields)) {
    if (PROTOTYPE_KEYS.has(field)) throw new UnsafeFormField(field);
    if (value === '') continue;
    if (QUESTIONS.has(field)) {
      scores[field] = typeof value === 'string' && /^\d{1,3}$/.test(value) ? Number(value) : value;
    } else {
      answer[field] = value;
    }
  }
  return { ...answer, scores };
}
