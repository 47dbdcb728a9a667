/** A local service could not be started or reached; the message is one line an operator can act on. */
export class ServiceError extends Error {
  constructor(
    readonly service: "opensearch" | "redis" | "chromium" | "maven",
    message: string,
  ) {
    super(message);
    this.name = "ServiceError";
  }
}
