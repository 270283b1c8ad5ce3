import * as z from 'zod/mini';

/** The Dapr sidecar's HTTP port and API token: the injector sets both in the app container. */
export const DAPR_SIDECAR_VARIABLES = {
  DAPR_HTTP_PORT: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(65_535)), 3500),
  DAPR_API_TOKEN: z.optional(z.string().check(z.minLength(1))),
};
