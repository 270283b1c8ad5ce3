/** Why a call to another function did not give the expected answer. */
export type ServiceFailure =
  /** Unreachable, timed out, 5xx, circuit open, or the function is not mounted here. */
  | 'unavailable'
  /** 404: no such resource for this user. */
  | 'not-found'
  /** Any other 4xx: the request was refused (validation, conflict). */
  | 'rejected';

export class ServiceError extends Error {
  constructor(
    readonly app: string,
    readonly failure: ServiceFailure,
    message: string,
    readonly status = 0,
    readonly fieldErrors: { field: string; message: string }[] = [],
  ) {
    super(message);
    this.name = 'ServiceError';
  }
}

export const isUnavailable = (error: unknown): error is ServiceError => error instanceof ServiceError && error.failure === 'unavailable';
export const isNotFound = (error: unknown): error is ServiceError => error instanceof ServiceError && error.failure === 'not-found';
/** 412: the task changed (somewhere else) since the version the change was meant for. */
export const isStale = (error: unknown): error is ServiceError => error instanceof ServiceError && error.status === 412;
