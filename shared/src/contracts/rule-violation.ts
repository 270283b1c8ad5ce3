/**
 * A request or command a function's rules refuse (a reminder without a due time, a channel the user
 * has not set up). Thrown by the pure cores; the runtime maps it once: a 422 problem naming `field`
 * on HTTP (createHttpApp), a drop to the dead-letter path for an event (processDelivery).
 */
export class RuleViolation extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'RuleViolation';
  }
}
