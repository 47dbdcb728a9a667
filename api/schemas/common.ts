/** Building blocks shared by the route schemas. */
import { type Static, type TSchema, Type } from "@sinclair/typebox";
import { type Action, rolesAllowed } from "../../src/auth/permissions.ts";

/** A string enum as JSON Schema `enum` (one clear error: "must be one of: …"). */
export function StringEnum<const T extends readonly string[]>(
  values: T,
  options: { default?: T[number]; description?: string } = {},
) {
  return Type.Unsafe<T[number]>({ type: "string", enum: [...values], ...options });
}

/** Ids of themes, agencies, outlets, districts: lower-case slugs. */
export const Id = Type.String({
  pattern: "^[a-z0-9][a-z0-9_./-]{0,119}$",
  description: "an id (lower-case slug)",
});

/** A list given as repeated parameters (theme=a&theme=b) or comma-separated (theme=a,b). */
export function List<T extends TSchema>(item: T, description: string) {
  return Type.Array(item, { maxItems: 50, description: `${description}; repeat or separate with commas` });
}

export const DateText = Type.String({
  maxLength: 40,
  description:
    "2024-03-31 or 31/03/2024 (that day in Asia/Ho_Chi_Minh), or a date-time with offset (2024-03-31T08:00:00+07:00)",
});

export const ErrorBody = Type.Object(
  {
    error: Type.String({
      description:
        "bad_request, unauthorized, forbidden, not_found, conflict, too_many_requests, internal_error…",
    }),
    message: Type.String(),
    fields: Type.Optional(Type.Array(Type.Object({ field: Type.String(), message: Type.String() }))),
    request_id: Type.Optional(Type.String()),
  },
  { $id: "ErrorBody" },
);
export type ErrorBody = Static<typeof ErrorBody>;

const errorResponses = {
  400: ErrorBody,
  401: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
  409: ErrorBody,
  429: ErrorBody,
  500: ErrorBody,
};

/** The OpenAPI parts every protected route shares: security, the roles allowed, error bodies. */
export function protectedRoute(
  action: Action,
  summary: string,
  tags: string[],
  responses: Record<number, TSchema | { type: "null" }> = {},
) {
  return {
    tags,
    summary,
    description: `Allowed to: ${rolesAllowed(action).join(", ")} (permission \`${action}\`).`,
    security: [{ bearer: [] }, { apiKey: [] }] as Array<Record<string, string[]>>,
    response: { ...errorResponses, ...responses },
  };
}

export const publicErrors = { 400: ErrorBody, 401: ErrorBody, 429: ErrorBody, 500: ErrorBody };
