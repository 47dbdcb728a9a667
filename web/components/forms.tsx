/** Form pieces the management pages share: choices from the plan, and a save's outcome. */
import type { ComponentChildren } from "preact";
import { ApiError } from "../api/client.ts";
import { useI18n } from "../i18n/index.ts";

/** A set of checkboxes (themes, outlets, tones): easier to read and to use than a multi-select. */
export function Choices({
  legend,
  name,
  options,
  value,
  onChange,
}: {
  legend: string;
  name: string;
  options: Array<[string, string]>;
  value: readonly string[];
  onChange(value: string[]): void;
}) {
  return (
    <fieldset class="choices">
      <legend>{legend}</legend>
      {options.map(([id, label]) => (
        <label key={id} class="checkbox">
          <input
            type="checkbox"
            name={name}
            value={id}
            checked={value.includes(id)}
            onChange={(event) =>
              onChange(event.currentTarget.checked ? [...value, id] : value.filter((item) => item !== id))
            }
          />{" "}
          {label}
        </label>
      ))}
    </fieldset>
  );
}

/** A select of the plan's agencies (or ids), with a "none" choice first. */
export function SelectField({
  id,
  label,
  value,
  options,
  onChange,
  none,
  disabled = false,
}: {
  id: string;
  label: string;
  value: string;
  options: Array<[string, string]>;
  onChange(value: string): void;
  none?: string;
  disabled?: boolean;
}) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <select
        id={id}
        value={value}
        disabled={disabled}
        onChange={(event) => onChange(event.currentTarget.value)}
      >
        {none !== undefined && <option value="">{none}</option>}
        {options.map(([key, text]) => (
          <option key={key} value={key}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}

export function TextField({
  id,
  label,
  value,
  onChange,
  type = "text",
  required = false,
  hint,
  disabled = false,
}: {
  id: string;
  label: string;
  value: string;
  onChange(value: string): void;
  type?: "text" | "url" | "password" | "number";
  required?: boolean;
  hint?: string;
  disabled?: boolean;
}) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input
        id={id}
        type={type as "text"}
        value={value}
        required={required}
        disabled={disabled}
        aria-describedby={hint ? `${id}-hint` : undefined}
        onInput={(event) => onChange(event.currentTarget.value)}
      />
      {hint && (
        <span id={`${id}-hint`} class="muted small">
          {hint}
        </span>
      )}
    </div>
  );
}

export function TextArea({
  id,
  label,
  value,
  onChange,
  hint,
  required = false,
}: {
  id: string;
  label: string;
  value: string;
  onChange(value: string): void;
  hint?: string;
  required?: boolean;
}) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <textarea
        id={id}
        value={value}
        required={required}
        aria-describedby={hint ? `${id}-hint` : undefined}
        onInput={(event) => onChange(event.currentTarget.value)}
      />
      {hint && (
        <span id={`${id}-hint`} class="muted small">
          {hint}
        </span>
      )}
    </div>
  );
}

/** What a save did: the server's refusal with each bad field, or a confirmation. */
export function SaveOutcome({
  outcome,
}: {
  outcome: { ok: true; text: string } | { ok: false; error: unknown } | null;
}) {
  const { t } = useI18n();
  if (!outcome) return null;
  if (outcome.ok)
    return (
      <p class="notice ok" role="status" data-testid="saved">
        {outcome.text}
      </p>
    );
  const error = outcome.error;
  const message = error instanceof Error ? error.message : String(error);
  const fields = error instanceof ApiError ? error.fields : [];
  return (
    <div class="notice error" role="alert" data-testid="save-error">
      <p>{t("manage.refused", { message })}</p>
      {fields.length > 1 && (
        <ul>
          {fields.map((field) => (
            <li key={field.field}>
              <code>{field.field}</code>: {field.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export type Outcome = { ok: true; text: string } | { ok: false; error: unknown } | null;

/** Lines of a textarea, trimmed, empty ones dropped. */
export function lines(text: string): string[] {
  return text
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);
}

export function Section({ title, id, children }: { title: string; id: string; children: ComponentChildren }) {
  return (
    <section class="card" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}
