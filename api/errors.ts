/**
 * Errors the API answers with. Every error body has the same shape:
 *
 *   { error: "bad_request" | "unauthorized" | "forbidden" | "not_found" | …, message, fields? }
 *
 * A route throws `HttpError` for an expected refusal; anything else is a 500 whose message is
 * logged with the request id and never sent.
 */
export interface FieldProblem {
  field: string;
  message: string;
}

export const ERROR_CODES: Record<number, string> = {
  400: "bad_request",
  401: "unauthorized",
  403: "forbidden",
  404: "not_found",
  405: "method_not_allowed",
  406: "not_acceptable",
  409: "conflict",
  413: "payload_too_large",
  415: "unsupported_media_type",
  429: "too_many_requests",
  500: "internal_error",
  503: "unavailable",
};

export class HttpError extends Error {
  readonly code: string;
  constructor(
    readonly statusCode: number,
    message: string,
    readonly fields?: FieldProblem[],
    code?: string,
  ) {
    super(message);
    this.name = "HttpError";
    this.code = code ?? ERROR_CODES[statusCode] ?? (statusCode >= 500 ? "internal_error" : "bad_request");
  }
}

export function badRequest(field: string, message: string): HttpError {
  return new HttpError(400, `${field} ${message}`, [{ field, message }]);
}

export const unauthorized = (message: string) => new HttpError(401, message);
export const forbidden = (message: string) => new HttpError(403, message);
export const notFound = (message: string) => new HttpError(404, message);
