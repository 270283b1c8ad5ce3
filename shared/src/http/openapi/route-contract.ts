import type * as z from 'zod/mini';

/** Who may call a route, and with which credential. */
export type Caller =
  /** A user's bearer token (JWT). */
  | 'user'
  /** Anyone: the route checks nothing, or a secret in the request itself. */
  | 'anyone'
  /** The event path: Knative's or the dispatcher's signed token, or a producer listed in EVENT_SENDERS. */
  | 'event-sender'
  /** The Dapr sidecar, presenting the app API token as `dapr-api-token`. */
  | 'dapr-sidecar';

/** A body or a response body: JSON validated by a schema, or another media type described in words. */
export type Content = z.core.$ZodType | { mediaType: string; schema?: z.core.$ZodType | Record<string, unknown>; description?: string };

/**
 * An OpenAPI link: an operation this answer leads to, and where its parameters come from (runtime
 * expressions: `$response.body#/id`, `$response.header.ETag`, `$request.path.id`).
 * @example { operationId: 'getTask', parameters: { id: '$response.body#/id' } }
 */
export interface LinkContract {
  operationId: string;
  description?: string;
  /** By parameter name, or `header.If-Match` where the name alone is ambiguous. */
  parameters?: Record<string, string>;
  /** Members of the request body, each a runtime expression. */
  requestBody?: Record<string, string>;
}

export interface ResponseContract {
  description: string;
  content?: Content;
  headers?: Record<string, { description: string; schema?: Record<string, unknown> }>;
  /** What a client can do next with this answer, by link name. */
  links?: Record<string, LinkContract>;
}

export interface HeaderParameter {
  name: string;
  description: string;
  required?: boolean;
  schema?: Record<string, unknown>;
}

/**
 * One route as the API description tells it, from the schemas the route validates with. The
 * responses every route of its kind has (401 for users' routes, 400/413/415/422 for JSON bodies,
 * 429 for writes) are added by the document, not listed here.
 */
export interface RouteContract {
  method: 'get' | 'post' | 'put' | 'delete';
  /** As the app registers it: `/tasks/:id`. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  caller: Caller;
  pathParameters?: Record<string, z.core.$ZodType>;
  /** The strict object the route parses `c.req.queries()` with (parameters built with `one` and `many`). */
  query?: z.core.$ZodType;
  headers?: HeaderParameter[];
  body?: Content;
  responses: Record<number, ResponseContract>;
  /**
   * Rules a request may break that its schema cannot say (they compare fields with each other or
   * with stored state): the field a 422 names → the rule. The document lists them on the 422 answer.
   */
  rules?: Record<string, string>;
  /** Counted by the write rate limit (429): true for a user's POST, PUT and DELETE unless set. */
  rateLimited?: boolean;
}

/** The contracts one function serves, under its name (the document's tag). */
export interface ApiContracts {
  tag: string;
  description: string;
  routes: RouteContract[];
}
