export * from "./accounts.ts";
export * from "./apiKeys.ts";
export * from "./passwords.ts";
export * from "./permissions.ts";
export * from "./roles.ts";
export * from "./scope.ts";
export * from "./tokens.ts";
