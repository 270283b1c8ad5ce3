import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export interface FieldError {
  field: string;
  message: string;
}

/** Members of a problem beyond the standard ones (RFC 9457 §3.2), and response headers that go with it. */
export interface ProblemExtras {
  members?: Record<string, unknown>;
  headers?: Record<string, string>;
}

/** An RFC 9457 problem, thrown anywhere in a request and rendered by `problemResponse`. */
export class Problem extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly title: string,
    readonly detail?: string,
    readonly errors?: FieldError[],
    readonly extras: ProblemExtras = {},
  ) {
    super(detail ?? title);
    this.name = 'Problem';
  }
}

export const notFound = (what = 'resource') => new Problem(404, 'Not Found', `no such ${what}`);

/** Renders a problem as `application/problem+json`. */
export function problemResponse(c: Context, problem: Problem): Response {
  const body = {
    type: 'about:blank',
    title: problem.title,
    status: problem.status,
    ...(problem.detail ? { detail: problem.detail } : {}),
    ...(problem.errors ? { errors: problem.errors } : {}),
    ...problem.extras.members,
    instance: c.req.path,
  };
  return c.newResponse(JSON.stringify(body), problem.status, { ...problem.extras.headers, 'content-type': 'application/problem+json' });
}
