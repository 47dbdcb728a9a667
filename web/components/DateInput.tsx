/**
 * A day typed as the interface language writes it (dd/mm/yyyy), whatever the browser's locale: a
 * native `<input type="date">` shows mm/dd/yyyy in an en-US browser even on a Vietnamese page.
 * The value in and out is an ISO day ("2024-06-02") or "" for none; an unreadable entry is kept
 * on screen, marked invalid with a message, and not passed on.
 */
import { useEffect, useState } from "preact/hooks";
import { useI18n } from "../i18n/index.ts";
import { formatDay, parseDay } from "../lib/dates.ts";

export function DateInput({
  id,
  label,
  value,
  onChange,
  name,
  required = false,
}: {
  id: string;
  label: string;
  /** An ISO day, or "" for none. */
  value: string;
  onChange(value: string): void;
  name?: string;
  required?: boolean;
}) {
  const { t } = useI18n();
  const [text, setText] = useState(value ? formatDay(value) : "");
  const [invalid, setInvalid] = useState(false);
  // A new value from outside (the address changed, a form was reset) replaces what is shown.
  useEffect(() => {
    setText(value ? formatDay(value) : "");
    setInvalid(false);
  }, [value]);

  const commit = (entered: string) => {
    if (entered.trim() === "") {
      setInvalid(false);
      if (value !== "") onChange("");
      return;
    }
    const day = parseDay(entered);
    setInvalid(day === null);
    if (day !== null) {
      setText(formatDay(day));
      if (day !== value) onChange(day);
    }
  };

  const hint = `${id}-hint`;
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input
        id={id}
        name={name}
        type="text"
        inputMode="numeric"
        autoComplete="off"
        placeholder={t("date.placeholder")}
        pattern="\d{1,2}[/.\-]\d{1,2}[/.\-]\d{4}"
        required={required}
        value={text}
        aria-invalid={invalid}
        aria-describedby={hint}
        data-day={value}
        onInput={(event) => setText(event.currentTarget.value)}
        onChange={(event) => commit(event.currentTarget.value)}
        onKeyDown={(event) => {
          if (event.key === "Enter") commit(event.currentTarget.value);
        }}
      />
      <span id={hint} class={invalid ? "field-error small" : "muted small"}>
        {invalid ? t("date.invalid") : t("date.hint")}
      </span>
    </div>
  );
}
