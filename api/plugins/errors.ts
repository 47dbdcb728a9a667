/**
 * The one error handler. Validation failures become a 400 naming each field and why; expected
 * refusals (`HttpError`, Fastify's own 4xx) keep their message; anything else is a 500 whose
 * message is logged with the request id and replaced by a generic one.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { ERROR_CODES, type FieldProblem, HttpError } from "../errors.ts";
import { shared } from "./shared.ts";

interface AjvIssue {
  keyword: string;
  instancePath: string;
  message?: string;
  params: Record<string, unknown>;
}

function fieldName(instancePath: string): string {
  // "/size" → "size"; "/theme/2" → "theme"; "/a/b" → "a.b"
  return instancePath
    .split("/")
    .filter((part) => part !== "" && !/^\d+$/.test(part))
    .join(".");
}

export function fieldProblems(issues: AjvIssue[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const issue of issues) {
    const base = fieldName(issue.instancePath);
    let field = base;
    let message = issue.message ?? "is invalid";
    if (issue.keyword === "required") {
      field = [base, String(issue.params.missingProperty)].filter(Boolean).join(".");
      message = "is required";
    } else if (issue.keyword === "additionalProperties") {
      field = [base, String(issue.params.additionalProperty)].filter(Boolean).join(".");
      message = "is not a known field";
    } else if (issue.keyword === "enum") {
      message = `must be one of: ${(issue.params.allowedValues as unknown[]).join(", ")}`;
    } else if (issue.keyword === "type" && issue.params.type === "integer") {
      message = "must be a whole number";
    }
    if (!problems.some((p) => p.field === field && p.message === message)) problems.push({ field, message });
  }
  return problems;
}

export interface ErrorBody {
  error: string;
  message: string;
  fields?: FieldProblem[];
  request_id?: string;
}

export function sendError(request: FastifyRequest, reply: FastifyReply, error: unknown) {
  const fastifyError = error as FastifyError & { validation?: AjvIssue[]; validationContext?: string };
  let status: number;
  let body: ErrorBody;
  if (fastifyError.validation) {
    status = 400;
    const fields = fieldProblems(fastifyError.validation);
    body = {
      error: "bad_request",
      message: `invalid ${fastifyError.validationContext ?? "request"}: ${fields
        .map((f) => `${f.field} ${f.message}`)
        .join("; ")}`,
      fields,
    };
  } else if (error instanceof HttpError) {
    status = error.statusCode;
    body = { error: error.code, message: error.message, ...(error.fields && { fields: error.fields }) };
  } else if (
    typeof fastifyError.statusCode === "number" &&
    fastifyError.statusCode >= 400 &&
    fastifyError.statusCode < 500
  ) {
    // Fastify's own client errors (malformed JSON, body too large, unsupported media type).
    status = fastifyError.statusCode;
    body = { error: ERROR_CODES[status] ?? "bad_request", message: fastifyError.message };
  } else {
    status =
      typeof fastifyError.statusCode === "number" && fastifyError.statusCode >= 500
        ? fastifyError.statusCode
        : 500;
    body = {
      error: ERROR_CODES[status] ?? "internal_error",
      message: "internal error",
      request_id: request.id,
    };
  }
  if (status >= 500) request.log.error({ err: error, status }, "request failed");
  else request.log.info({ status, error: body.error, detail: body.message }, "request refused");
  return reply.code(status).type("application/json; charset=utf-8").send(body);
}

export const errorsPlugin = shared("presswatch-errors", async (app) => {
  app.setErrorHandler((error, request, reply) => sendError(request, reply, error));
  app.setNotFoundHandler((request, reply) =>
    sendError(
      request,
      reply,
      new HttpError(404, `no route ${request.method} ${request.url.split("?")[0]?.slice(0, 200)}`),
    ),
  );
});
