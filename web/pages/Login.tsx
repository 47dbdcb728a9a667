/** Sign in with username and password; the API sets the session cookie. */
import { useState } from "preact/hooks";
import { api } from "../api/client.ts";
import { useI18n } from "../i18n/index.ts";

export function Login({ onSignedIn, notice }: { onSignedIn(): void; notice?: string | null }) {
  const { t } = useI18n();
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api.login(username, password);
      onSignedIn();
    } catch (failure) {
      setError(t("auth.failed", { message: failure instanceof Error ? failure.message : String(failure) }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main id="main" class="login">
      <form class="card login-card" onSubmit={submit} aria-labelledby="login-title">
        <h1 id="login-title">{t("auth.title")}</h1>
        <p class="muted">{t("app.tagline")}</p>
        {notice && (
          <p class="notice" role="status">
            {notice}
          </p>
        )}
        <label for="login-username">{t("auth.username")}</label>
        <input
          id="login-username"
          name="username"
          autoComplete="username"
          required
          value={username}
          onInput={(event) => setUsername(event.currentTarget.value)}
        />
        <label for="login-password">{t("auth.password")}</label>
        <input
          id="login-password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onInput={(event) => setPassword(event.currentTarget.value)}
        />
        {error && (
          <p class="notice error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {busy ? t("auth.submitting") : t("auth.submit")}
        </button>
      </form>
    </main>
  );
}
