import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import { EventDefinition } from './event-definition';

/** A payload that does not satisfy its event type's contract: the message names each field and rule. */
export class ContractViolation extends Error {
  constructor(
    readonly eventType: string,
    readonly violations: readonly string[],
  ) {
    super(`${eventType} breaks its contract: ${violations.join('; ')}`);
    this.name = 'ContractViolation';
  }
}

function describe(errors: readonly ValidationError[], path = ''): string[] {
  return errors.flatMap((error) => {
    const field = path ? `${path}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).map(
      ([rule, message]) => `${field} violates ${rule} (${message})`,
    );
    return [...own, ...describe(error.children ?? [], field)];
  });
}

/**
 * Turns raw data into the payload class of `definition`, or throws a ContractViolation.
 * Unknown fields are refused: an event carries exactly what its contract says, nothing more
 * (which is also how personal data is kept from slipping onto the broker).
 */
export function toPayload<P extends object>(definition: EventDefinition<P>, data: unknown): P {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new ContractViolation(definition.type, ['data must be a JSON object']);
  }
  const payload = plainToInstance(definition.payload, data);
  const errors = validateSync(payload, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length > 0) {
    throw new ContractViolation(definition.type, describe(errors));
  }
  return payload;
}
