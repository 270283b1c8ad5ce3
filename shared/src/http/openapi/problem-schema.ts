import type { JsonSchema } from './json-schema';
import type { ResponseContract } from './route-contract';

/** RFC 9457 problem details as every function renders them (`problemResponse`). */
export const PROBLEM_SCHEMA: JsonSchema = {
  type: 'object',
  required: ['type', 'title', 'status'],
  properties: {
    type: { type: 'string', description: 'always about:blank: the status code says what kind of problem it is' },
    title: { type: 'string' },
    status: { type: 'integer', minimum: 400, maximum: 599 },
    detail: { type: 'string' },
    instance: { type: 'string', description: 'the path the request was for' },
    errors: {
      type: 'array',
      description: 'one entry per field that breaks the rules (422)',
      items: { type: 'object', required: ['field', 'message'], properties: { field: { type: 'string' }, message: { type: 'string' } } },
    },
    currentVersion: { type: 'integer', minimum: 1, description: 'on 412: the version the task is at now' },
  },
};

/** Why each status a route shares with others of its kind is answered. */
export const SHARED_PROBLEMS: Record<number, string> = {
  400: 'Bad Request: the body is not valid JSON, or a cursor is not one this server issued',
  401: 'Unauthorized: no bearer token, or one that is forged, expired, for another audience or issuer',
  404: 'Not Found: no such resource for this user (another user\'s ids answer the same)',
  413: 'Content Too Large: the body is over the size limit',
  415: 'Unsupported Media Type: send the body as application/json',
  422: 'Unprocessable Content: the request breaks the rules; `errors` names each field',
  429: 'Too Many Requests: this user sent more writes than the window allows; `Retry-After` says when to try again',
};

/** A response that is an RFC 9457 problem. */
export const problemAnswer = (description: string, headers?: ResponseContract['headers']): ResponseContract => ({
  description,
  content: { mediaType: 'application/problem+json', schema: { $ref: '#/components/schemas/Problem' } },
  ...(headers ? { headers } : {}),
});
