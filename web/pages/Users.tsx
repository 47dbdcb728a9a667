/**
 * Users and API keys (administrators only; the API refuses everyone else): create a user, change
 * their role or agency, disable or enable them, create a key (shown once) and revoke one. A change
 * holds from the user's next request: sessions and keys carry no role of their own.
 */
import { useState } from "preact/hooks";
import { type ManagedUser, manage } from "../api/manage.ts";
import type { Role } from "../api/types.ts";
import { ErrorMessage, Loading, PageTitle } from "../components/common.tsx";
import { type Outcome, SaveOutcome, Section, SelectField, TextField } from "../components/forms.tsx";
import { useI18n } from "../i18n/index.ts";
import { useLoad } from "../lib/load.ts";
import { useSession } from "../lib/session.ts";

const ROLES: Role[] = ["admin", "coordinator", "agency", "viewer"];

export function Users() {
  const { t } = useI18n();
  const session = useSession();
  const list = useLoad((signal) => manage.users(signal), []);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [shownKey, setShownKey] = useState<{ user: string; key: string } | null>(null);
  const [draft, setDraft] = useState({ username: "", password: "", role: "viewer" as Role, agency: "" });

  if (!session.can("users.list")) return <ErrorMessage error={new Error(t("users.adminOnly"))} />;

  const act = async (work: () => Promise<unknown>, text: string) => {
    try {
      await work();
      setOutcome({ ok: true, text });
      list.reload();
    } catch (error) {
      setOutcome({ ok: false, error });
    }
  };

  return (
    <div class="users-page">
      <PageTitle>{t("users.title")}</PageTitle>
      <SaveOutcome outcome={outcome} />
      {shownKey && (
        <div class="notice ok" role="status" data-testid="new-key">
          <p>{t("users.keyOnce", { user: shownKey.user })}</p>
          <p class="secret">{shownKey.key}</p>
        </div>
      )}
      {list.state === "error" && <ErrorMessage error={list.error} onRetry={list.reload} />}
      {!list.data && list.state === "loading" && <Loading />}
      {list.data && (
        <Section id="users-list" title={t("users.list")}>
          <div class="table-wrap">
            <table data-testid="users">
              <thead>
                <tr>
                  <th scope="col">{t("users.username")}</th>
                  <th scope="col">{t("users.role")}</th>
                  <th scope="col">{t("users.agency")}</th>
                  <th scope="col">{t("users.signIn")}</th>
                  <th scope="col">{t("users.keys")}</th>
                </tr>
              </thead>
              <tbody>
                {list.data.users.map((user) => (
                  <UserRow
                    key={user.id}
                    user={user}
                    self={user.id === session.me.user.id}
                    act={act}
                    onKey={(key) => setShownKey({ user: user.username, key })}
                  />
                ))}
              </tbody>
            </table>
          </div>
        </Section>
      )}
      <Section id="user-form-title" title={t("users.new")}>
        <form
          data-testid="user-form"
          onSubmit={(event) => {
            event.preventDefault();
            void act(
              () =>
                manage.createUser({
                  username: draft.username.trim(),
                  password: draft.password,
                  role: draft.role,
                  ...(draft.role === "agency" && draft.agency && { agency: draft.agency }),
                }),
              t("users.created", { user: draft.username }),
            ).then(() => setDraft((previous) => ({ ...previous, password: "" })));
          }}
        >
          <div class="field-row">
            <TextField
              id="new-username"
              label={t("users.username")}
              hint={t("users.usernameHint")}
              value={draft.username}
              required
              onChange={(username) => setDraft({ ...draft, username })}
            />
            <TextField
              id="new-password"
              type="password"
              label={t("users.password")}
              hint={t("users.passwordHint")}
              value={draft.password}
              required
              onChange={(password) => setDraft({ ...draft, password })}
            />
            <SelectField
              id="new-role"
              label={t("users.role")}
              value={draft.role}
              options={ROLES.map((role) => [role, t(`role.${role}`)])}
              onChange={(role) => setDraft({ ...draft, role: role as Role })}
            />
            {draft.role === "agency" && (
              <SelectField
                id="new-agency"
                label={t("users.agency")}
                value={draft.agency}
                none={t("manage.choose")}
                options={session.options("agency")}
                onChange={(agency) => setDraft({ ...draft, agency })}
              />
            )}
          </div>
          <button type="submit">{t("manage.create")}</button>
        </form>
      </Section>
    </div>
  );
}

function UserRow({
  user,
  self,
  act,
  onKey,
}: {
  user: ManagedUser;
  self: boolean;
  act(work: () => Promise<unknown>, text: string): Promise<void>;
  onKey(key: string): void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const session = useSession();
  const [role, setRole] = useState<Role>(user.role);
  const [agency, setAgency] = useState(user.agency ?? "");
  const [keyName, setKeyName] = useState("");
  const changed = role !== user.role || (role === "agency" && agency !== (user.agency ?? ""));
  const base = `user-${user.id}`;
  return (
    <tr data-user={user.id} data-disabled={String(user.disabled)}>
      <th scope="row">
        {user.username}
        <div class="muted small">
          {t("users.createdBy", { by: user.created_by, at: i18n.date(user.created_at) })}
        </div>
      </th>
      <td>
        <SelectField
          id={`${base}-role`}
          label={t("users.roleOf", { user: user.username })}
          value={role}
          disabled={self}
          options={ROLES.map((item) => [item, t(`role.${item}`)])}
          onChange={(next) => setRole(next as Role)}
        />
      </td>
      <td>
        {role === "agency" ? (
          <SelectField
            id={`${base}-agency`}
            label={t("users.agencyOf", { user: user.username })}
            value={agency}
            none={t("manage.choose")}
            options={session.options("agency")}
            onChange={setAgency}
          />
        ) : (
          "—"
        )}
        {changed && (
          <button
            type="button"
            onClick={() =>
              void act(
                () => manage.updateUser(user.id, { role, agency: role === "agency" ? agency || null : null }),
                t("users.changed", { user: user.username }),
              )
            }
          >
            {t("manage.saveChanges")}
            <span class="visually-hidden"> {user.username}</span>
          </button>
        )}
      </td>
      <td>
        <p>{user.disabled ? t("users.disabled") : t("users.enabled")}</p>
        {!self && (
          <button
            type="button"
            class="secondary"
            data-testid="user-toggle"
            onClick={() =>
              void act(
                () => manage.updateUser(user.id, { disabled: !user.disabled }),
                t(user.disabled ? "users.wasEnabled" : "users.wasDisabled", { user: user.username }),
              )
            }
          >
            {user.disabled ? t("users.enable") : t("users.disable")}
            <span class="visually-hidden"> {user.username}</span>
          </button>
        )}
      </td>
      <td>
        <ul class="plain">
          {user.keys.map((key) => (
            <li key={key.id} data-key={key.id}>
              {key.name} <code>{key.hint}…</code> <span class="muted small">{i18n.date(key.created_at)}</span>{" "}
              <button
                type="button"
                class="secondary"
                onClick={() =>
                  void act(() => manage.revokeKey(key.id), t("users.revoked", { name: key.name }))
                }
              >
                {t("users.revoke")}
                <span class="visually-hidden"> {key.name}</span>
              </button>
            </li>
          ))}
        </ul>
        <form
          class="inline-form"
          onSubmit={(event) => {
            event.preventDefault();
            void act(
              async () => {
                const created = await manage.createKey(user.id, keyName.trim() || "api key");
                onKey(created.key);
                setKeyName("");
              },
              t("users.keyCreated", { user: user.username }),
            );
          }}
        >
          <TextField
            id={`${base}-key`}
            label={t("users.keyName", { user: user.username })}
            value={keyName}
            onChange={setKeyName}
          />
          <button type="submit">{t("users.newKey")}</button>
        </form>
      </td>
    </tr>
  );
}
