import { BrokenCircuitError, circuitBreaker, ConsecutiveBreaker, ExponentialBackoff, handleAll, type IPolicy, noop, retry, wrap } from 'cockatiel';
import { ServiceError } from './service-error';
import type { AppId, CallContext, ServiceRequest, ServiceTransport } from './service-transport';

/** Calls a function and returns its JSON answer (null for 204); failures become a {@link ServiceError}. */
export type ServiceCaller = <T>(app: AppId, request: ServiceRequest, context: CallContext) => Promise<T>;

class Transient extends Error {}

interface Problem {
  detail?: string;
  title?: string;
  errors?: { field: string; message: string }[];
}

async function readProblem(response: Response): Promise<Problem> {
  try {
    return (await response.json()) as Problem;
  } catch {
    return {};
  }
}

/**
 * Wraps a transport with the resilience each dependency gets: a circuit breaker per function (five
 * consecutive failures open it for ten seconds) and, for reads only, one retry with exponential backoff.
 * A 404 "no route" answer means the function is not mounted on that server: unavailable, like a timeout.
 */
export function serviceCaller(transport: ServiceTransport): ServiceCaller {
  const breakers = new Map<AppId, IPolicy>();
  const breakerOf = (app: AppId) => {
    let policy = breakers.get(app);
    if (!policy) breakers.set(app, (policy = circuitBreaker(handleAll, { halfOpenAfter: 10_000, breaker: new ConsecutiveBreaker(5) })));
    return policy;
  };
  const readRetry = retry(handleAll, { maxAttempts: 1, backoff: new ExponentialBackoff({ initialDelay: 100, maxDelay: 1_000 }) });

  return async function call<T>(app: AppId, request: ServiceRequest, context: CallContext): Promise<T> {
    const policy = wrap(request.method === 'GET' ? readRetry : noop, breakerOf(app));
    let response: Response;
    try {
      response = await policy.execute(async () => {
        const answer = await transport.send(app, request, context);
        if (answer.status >= 500) throw new Transient(`${app} answered ${answer.status}`);
        return answer;
      });
    } catch (error) {
      const reason = error instanceof BrokenCircuitError ? 'circuit open' : (error as Error).message;
      throw new ServiceError(app, 'unavailable', `${app} is not reachable: ${reason}`);
    }
    if (response.status === 204) return null as T;
    if (response.ok) return (await response.json()) as T;
    const problem = await readProblem(response);
    const detail = problem.detail ?? problem.title ?? `${app} answered ${response.status}`;
    if (response.status === 404 && /^no route for /.test(detail)) throw new ServiceError(app, 'unavailable', `${app} is not running here`, 404);
    if (response.status === 404) throw new ServiceError(app, 'not-found', detail, 404);
    throw new ServiceError(app, 'rejected', detail, response.status, problem.errors ?? []);
  };
}
