import type * as z from 'zod/mini';
import { queryParameterMeta } from '../query-parameters';
import { type JsonSchema, SchemaComponents } from './json-schema';
import { PROBLEM_SCHEMA, problemAnswer, SHARED_PROBLEMS } from './problem-schema';
import type { ApiContracts, Caller, Content, ResponseContract, RouteContract } from './route-contract';

export interface DocumentInfo {
  title: string;
  version: string;
  description: string;
}

const SECURITY: Record<Caller, Record<string, string[]>[]> = {
  user: [{ userToken: [] }],
  anyone: [],
  'event-sender': [{ eventSenderToken: [] }],
  'dapr-sidecar': [{ daprApiToken: [] }],
};

const SECURITY_SCHEMES = {
  userToken: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: "A user's token: `sub` is the user, checked for issuer, audience, lifetime and signature (HS256 locally, the identity provider's JWKS in a cluster)." },
  eventSenderToken: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: "The event path: the Knative or dispatcher service-account token (audience = this function), a producer named in EVENT_PRODUCERS for its listed types, or a user's token for the commands a person may send for themselves (the create-task command to the task function); anything else is 401 or 403.",
  },
  daprApiToken: { type: 'apiKey', in: 'header', name: 'dapr-api-token', description: 'The app API token the Dapr sidecar presents (APP_API_TOKEN).' },
};

/** `/tasks/:id` → `/tasks/{id}` (a Hono pattern `:name{regex}` too). */
export const openApiPath = (path: string) => path.replace(/:(\w+)(?:\{[^}]*\})?/g, '{$1}');

const pathParameterNames = (path: string) => [...openApiPath(path).matchAll(/\{(\w+)\}/g)].map((match) => match[1]!);

function unwrapOptional(schema: z.core.$ZodType): { schema: z.core.$ZodType; required: boolean } {
  const def = schema._zod.def as { type: string; innerType?: z.core.$ZodType };
  return def.type === 'optional' && def.innerType ? { schema: def.innerType, required: false } : { schema, required: true };
}

function queryParameters(query: z.core.$ZodType, schemas: SchemaComponents): JsonSchema[] {
  const shape = (query._zod.def as { shape?: Record<string, z.core.$ZodType> }).shape;
  if (!shape) throw new Error('a query contract must be an object of parameters');
  return Object.entries(shape).map(([name, property]) => {
    const { schema, required } = unwrapOptional(property);
    const meta = queryParameterMeta(schema);
    const item = schemas.of(meta ? meta.item : schema, 'input');
    const maxItems = (schemas.of(schema, 'input') as { maxItems?: number }).maxItems;
    return {
      name,
      in: 'query',
      required,
      ...(meta?.repeatable ? { schema: { type: 'array', items: item, ...(maxItems ? { maxItems } : {}) }, style: 'form', explode: true } : { schema: item }),
    };
  });
}

const isZod = (content: Content): content is z.core.$ZodType => '_zod' in content;

function mediaTypes(content: Content, io: 'input' | 'output', schemas: SchemaComponents): JsonSchema {
  if (isZod(content)) return { 'application/json': { schema: schemas.of(content, io) } };
  const schema = content.schema === undefined ? undefined : '_zod' in content.schema ? schemas.of(content.schema as z.core.$ZodType, io) : content.schema;
  return { [content.mediaType]: schema ? { schema } : {} };
}

/** The responses a route has because of its kind: who calls it, whether it takes JSON, a query, writes. */
function sharedResponses(route: RouteContract): Record<number, ResponseContract> {
  const shared: Record<number, ResponseContract> = {};
  const jsonBody = route.body !== undefined && (isZod(route.body) || /json/.test(route.body.mediaType));
  if (route.caller === 'user') shared[401] = problemAnswer(SHARED_PROBLEMS[401]!);
  // The REST API's answers to a bad body; the event routes answer deliveries in their callers' terms.
  const rest = route.caller === 'user' || route.caller === 'anyone';
  if (jsonBody && rest) for (const status of [400, 413, 415, 422]) shared[status] = problemAnswer(SHARED_PROBLEMS[status]!);
  if (route.query) shared[422] = problemAnswer(SHARED_PROBLEMS[422]!);
  const rateLimited = route.rateLimited ?? (route.caller === 'user' && route.method !== 'get');
  if (rateLimited) shared[429] = problemAnswer(SHARED_PROBLEMS[429]!, { 'Retry-After': { description: 'seconds until the window has room again', schema: { type: 'integer', minimum: 0 } } });
  return shared;
}

/** A response as the document gives it: a 422 also lists the route's rules (`x-rules`, field → rule). */
type Answer = ResponseContract & { rules?: Record<string, string> };

/** The links to operations this document has: a link to another function's operation stays out of a function run alone. */
function linksWithin(links: ResponseContract['links'], served: ReadonlySet<string>): JsonSchema | undefined {
  const kept = Object.entries(links ?? {}).filter(([, link]) => served.has(link.operationId));
  return kept.length > 0 ? Object.fromEntries(kept) : undefined;
}

function responseObject(response: Answer, schemas: SchemaComponents, served: ReadonlySet<string>): JsonSchema {
  const links = linksWithin(response.links, served);
  return {
    description: response.description,
    ...(response.headers ? { headers: Object.fromEntries(Object.entries(response.headers).map(([name, header]) => [name, { description: header.description, schema: header.schema ?? { type: 'string' } }])) } : {}),
    ...(response.content ? { content: mediaTypes(response.content, 'output', schemas) } : {}),
    ...(links ? { links } : {}),
    ...(response.rules ? { 'x-rules': response.rules } : {}),
  };
}

/** The 422 answer of a route with rules its schemas cannot say, each rule in words too. */
function withRules(response: ResponseContract | undefined, rules: Record<string, string>): Answer {
  const answer = response ?? problemAnswer(SHARED_PROBLEMS[422]!);
  const listed = Object.entries(rules).map(([field, rule]) => `\`${field}\` ${rule}`).join('; ');
  return { ...answer, description: `${answer.description}. Rules beyond the schema: ${listed}`, rules };
}

function operation(route: RouteContract, tag: string, schemas: SchemaComponents, served: ReadonlySet<string>): JsonSchema {
  const declared = route.pathParameters ?? {};
  const parameters = [
    ...pathParameterNames(route.path).map((name) => ({ name, in: 'path', required: true, schema: declared[name] ? schemas.of(declared[name], 'input') : { type: 'string' } })),
    ...(route.query ? queryParameters(route.query, schemas) : []),
    ...(route.headers ?? []).map((header) => ({ name: header.name, in: 'header', required: header.required ?? false, description: header.description, schema: header.schema ?? { type: 'string' } })),
  ];
  const responses: Record<number, Answer> = { ...sharedResponses(route), ...route.responses };
  if (route.rules) responses[422] = withRules(responses[422], route.rules);
  return {
    operationId: route.operationId,
    summary: route.summary,
    ...(route.description ? { description: route.description } : {}),
    tags: [tag],
    security: SECURITY[route.caller],
    ...(parameters.length ? { parameters } : {}),
    ...(route.body ? { requestBody: { required: true, content: mediaTypes(route.body, 'input', schemas) } } : {}),
    responses: Object.fromEntries(Object.entries(responses).map(([status, response]) => [status, responseObject(response, schemas, served)])),
  };
}

/** The OpenAPI 3.1 document of the routes one process serves. */
export function openApiDocument(info: DocumentInfo, apis: ApiContracts[]): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  const schemas = new SchemaComponents();
  const served = new Set(apis.flatMap((api) => api.routes.map((route) => route.operationId)));
  for (const api of apis) {
    for (const route of api.routes) {
      const item = (paths[openApiPath(route.path)] ??= {});
      if (item[route.method]) throw new Error(`${route.method.toUpperCase()} ${route.path} is described twice`);
      item[route.method] = operation(route, api.tag, schemas, served);
    }
  }
  return {
    openapi: '3.1.1',
    info,
    jsonSchemaDialect: 'https://spec.openapis.org/oas/3.1/dialect/base',
    tags: apis.map((api) => ({ name: api.tag, description: api.description })),
    paths,
    components: { schemas: { ...schemas.schemas, Problem: PROBLEM_SCHEMA }, securitySchemes: SECURITY_SCHEMES },
  };
}
