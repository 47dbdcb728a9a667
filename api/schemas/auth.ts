/** Login, the current caller, users, API keys and the audit log. */
import { type Static, Type } from "@sinclair/typebox";
import { ACTIONS } from "../../src/auth/permissions.ts";
import { ROLES } from "../../src/auth/roles.ts";
import { DateText, StringEnum } from "./common.ts";

export const LoginBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 64 }),
    password: Type.String({ minLength: 1, maxLength: 256 }),
  },
  { additionalProperties: false },
);
export type LoginBody = Static<typeof LoginBody>;

export const UserView = Type.Object({
  id: Type.String(),
  username: Type.String(),
  role: StringEnum(ROLES),
  agency: Type.Union([Type.String(), Type.Null()]),
});

export const LoginResponse = Type.Object({
  token: Type.String(),
  token_type: Type.Literal("Bearer"),
  expires_at: Type.String({ format: "date-time" }),
  user: UserView,
});

export const MeResponse = Type.Object({
  user: UserView,
  auth: StringEnum(["session", "api_key"] as const),
  key_id: Type.Optional(Type.String()),
  permissions: Type.Array(StringEnum(ACTIONS)),
});

export const CreateUserBody = Type.Object(
  {
    username: Type.String({
      pattern: "^[a-z0-9][a-z0-9._-]{2,63}$",
      description: "3-64 lower-case letters, digits, . _ -",
    }),
    password: Type.String({ minLength: 12, maxLength: 256 }),
    role: StringEnum(ROLES),
    agency: Type.Optional(
      Type.String({ pattern: "^[a-z0-9][a-z0-9_.-]{0,63}$", description: "required for role agency" }),
    ),
  },
  { additionalProperties: false },
);
export type CreateUserBody = Static<typeof CreateUserBody>;

export const UpdateUserBody = Type.Object(
  {
    role: Type.Optional(StringEnum(ROLES)),
    agency: Type.Optional(
      Type.Union([Type.String({ pattern: "^[a-z0-9][a-z0-9_.-]{0,63}$" }), Type.Null()], {
        description: "required for role agency, null for every other role",
      }),
    ),
    disabled: Type.Optional(
      Type.Boolean({ description: "a disabled user can no longer sign in or use keys" }),
    ),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateUserBody = Static<typeof UpdateUserBody>;

export const UpdatedUserResponse = Type.Object({
  user: Type.Object({
    id: Type.String(),
    username: Type.String(),
    role: StringEnum(ROLES),
    agency: Type.Union([Type.String(), Type.Null()]),
    disabled: Type.Boolean(),
  }),
});

export const KeyView = Type.Object({
  id: Type.String(),
  hint: Type.String({ description: "first characters of the key" }),
  name: Type.String(),
  user_id: Type.String(),
  created_at: Type.String(),
  created_by: Type.String(),
});

export const UserListResponse = Type.Object({
  users: Type.Array(
    Type.Object({
      id: Type.String(),
      username: Type.String(),
      role: StringEnum(ROLES),
      agency: Type.Union([Type.String(), Type.Null()]),
      disabled: Type.Boolean(),
      created_at: Type.String(),
      created_by: Type.String(),
      keys: Type.Array(KeyView),
    }),
  ),
});

export const CreatedUserResponse = Type.Object({ user: UserView });

export const UserParams = Type.Object(
  { id: Type.String({ pattern: "^[a-z0-9][a-z0-9._-]{2,63}$" }) },
  { additionalProperties: false },
);
export type UserParams = Static<typeof UserParams>;

export const KeyParams = Type.Object(
  { id: Type.String({ pattern: "^[a-z0-9]{8,64}$" }) },
  { additionalProperties: false },
);
export type KeyParams = Static<typeof KeyParams>;

export const CreateKeyBody = Type.Object(
  { name: Type.Optional(Type.String({ maxLength: 100, description: "what the key is for" })) },
  { additionalProperties: false },
);
export type CreateKeyBody = Static<typeof CreateKeyBody>;

export const CreatedKeyResponse = Type.Object({
  ...KeyView.properties,
  key: Type.String({ description: "the secret: shown this once, never again" }),
});

export const AuditQuery = Type.Object(
  {
    size: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    after: Type.Optional(Type.String({ maxLength: 500, pattern: "^[A-Za-z0-9_-]+$" })),
    action: Type.Optional(Type.String({ maxLength: 64 })),
    actor: Type.Optional(Type.String({ maxLength: 64, description: "username" })),
    outcome: Type.Optional(StringEnum(["success", "denied", "rejected", "error"] as const)),
    from: Type.Optional(DateText),
    to: Type.Optional(DateText),
  },
  { additionalProperties: false },
);
export type AuditQuery = Static<typeof AuditQuery>;

export const AuditResponse = Type.Object({
  entries: Type.Array(
    Type.Object({
      id: Type.String(),
      at: Type.String(),
      actor: Type.Object({
        kind: Type.String(),
        id: Type.Union([Type.String(), Type.Null()]),
        username: Type.Union([Type.String(), Type.Null()]),
        role: Type.Union([Type.String(), Type.Null()]),
        key_id: Type.Optional(Type.Union([Type.String(), Type.Null()])),
      }),
      action: Type.String(),
      target: Type.Union([Type.String(), Type.Null()]),
      outcome: Type.String(),
      status: Type.Union([Type.Integer(), Type.Null()]),
      request_id: Type.Union([Type.String(), Type.Null()]),
      ip: Type.Union([Type.String(), Type.Null()]),
      detail: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
  next: Type.Optional(Type.String()),
});
