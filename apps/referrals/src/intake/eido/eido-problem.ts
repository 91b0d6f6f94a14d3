/**
 * One thing wrong with an EIDO, at the JSON path of the member concerned
 * (`callComponent.0.callStartTimestamp`), so that the sender can find it in what it sent.
 */
export interface EidoProblem {
  path: string;
  message: string;
}

/**
 * Concord will not make a referral of an EIDO. 400 (`EIDO_INVALID`): the document breaks
 * NENA-STA-021.1, or a limit of the referral it would become. 422: the document is a valid EIDO,
 * but lacks what a referral needs (a person, a point, a mapped incident type…); `code` says which.
 * Every problem found is listed, so that a sender can fix them in one round.
 */
export class EidoRejection extends Error {
  constructor(
    readonly status: 400 | 422,
    readonly code: string,
    readonly problems: EidoProblem[],
  ) {
    super(problems.map((problem) => problem.message).join('; ') || code);
    this.name = 'EidoRejection';
  }
}
