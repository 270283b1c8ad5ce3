import { CloudEvent, HTTP } from 'cloudevents';

/** Anything that answers a request like a Hono app (`app.request`). */
export interface RequestHandler {
  request(path: string, init?: RequestInit): Response | Promise<Response>;
}

export interface TestAnswer {
  status: number;
  headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- test answers come in many shapes
  body: any;
}

async function answer(response: Response): Promise<TestAnswer> {
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // not JSON (a page, a stream): the text as it came
  }
  return { status: response.status, headers: response.headers, body };
}

/**
 * Calls an app the way its users do: `call` as a signed-in user (or none) with a JSON body (a string
 * is sent as it is), `deliver` a CloudEvent to `POST /events` in binary mode, as Knative does, with
 * the event path's credential (`deliveryAuthorization`, e.g. testEventPath's `authorization`).
 */
export function appClient(app: RequestHandler, tokenFor: (userId: string) => Promise<string>, deliveryAuthorization?: () => Promise<string>) {
  return {
    async call(userId: string | null, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<TestAnswer> {
      const sent: Record<string, string> = { ...headers };
      if (userId) sent.authorization = `Bearer ${await tokenFor(userId)}`;
      if (body !== undefined) sent['content-type'] ??= 'application/json';
      const init: RequestInit = { method, headers: sent };
      if (body !== undefined) init.body = typeof body === 'string' ? body : JSON.stringify(body);
      return answer(await app.request(path, init));
    },
    /** The status and the parsed body (empty for an acknowledgement, problem+json for a refusal). */
    async deliver(event: CloudEvent<unknown> | Record<string, unknown>): Promise<Omit<TestAnswer, 'headers'>> {
      const cloudEvent = event instanceof CloudEvent ? event : new CloudEvent<unknown>({ ...event });
      const { headers, body } = HTTP.binary(cloudEvent);
      const sent: Record<string, string> = { ...(headers as Record<string, string>) };
      if (deliveryAuthorization) sent.authorization = await deliveryAuthorization();
      const { status, body: answered } = await answer(await app.request('/events', { method: 'POST', headers: sent, body: body as string }));
      return { status, body: answered };
    },
  };
}
