/**
 * Entering and amending contracts (on the contracts page, above the compliance table). A contract
 * from a file under config/contracts is shown read-only; one entered here is changed on the
 * version read. An amendment takes effect on its date: the months before keep the old terms.
 */
import { useState } from "preact/hooks";
import {
  type Amendment,
  type Contract,
  type ContractEntry,
  type Deliverable,
  manage,
} from "../api/manage.ts";
import { ErrorMessage, Loading } from "../components/common.tsx";
import { DateInput } from "../components/DateInput.tsx";
import { Choices, type Outcome, SaveOutcome, Section, SelectField, TextField } from "../components/forms.tsx";
import { useI18n } from "../i18n/index.ts";
import { useLoad } from "../lib/load.ts";
import { useSession } from "../lib/session.ts";

const KINDS = ["article", "column", "video", "infographic"] as const;
const PERS = ["month", "quarter", "year", "total"] as const;

const emptyContract = (): Contract => ({
  id: "",
  title: "",
  signed_by: "",
  co_signers: [],
  outlets: [],
  themes: [],
  period: { from: "", to: "" },
  deliverables: [{ id: "tin_bai", kind: "article", count: 1, per: "month" }],
  amendments: [],
});

const emptyAmendment = (): Amendment => ({ id: "", title: "", effective: "", deliverables: [], remove: [] });

export function ContractEditor({ onSaved }: { onSaved(): void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const session = useSession();
  const canWrite = session.can("contracts.write");
  const list = useLoad((signal) => manage.contracts(signal), []);
  const [contract, setContract] = useState<Contract>(emptyContract);
  const [version, setVersion] = useState<number | null>(null);
  const [amendment, setAmendment] = useState<Amendment | null>(null);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const update = (change: Partial<Contract>) => setContract((previous) => ({ ...previous, ...change }));
  const setDeliverable = (i: number, change: Partial<Deliverable>) =>
    update({
      deliverables: contract.deliverables.map((item, j) => (j === i ? { ...item, ...change } : item)),
    });

  const submit = async (next: Contract) => {
    try {
      const entry =
        version === null ? await manage.createContract(next) : await manage.updateContract(next, version);
      setOutcome({
        ok: true,
        text: t(version === null ? "contracts.created" : "contracts.updated", { id: entry.id }),
      });
      edit(entry);
      list.reload();
      onSaved();
      return true;
    } catch (error) {
      setOutcome({ ok: false, error });
      return false;
    }
  };

  const edit = (entry: ContractEntry) => {
    setContract(entry.contract);
    setVersion(entry.version);
    setAmendment(null);
  };

  return (
    <>
      <Section id="contract-list-title" title={t("contracts.list")}>
        {list.state === "error" && <ErrorMessage error={list.error} onRetry={list.reload} />}
        {!list.data && list.state === "loading" && <Loading />}
        {list.data && (
          <div class="table-wrap">
            <table data-testid="contracts">
              <thead>
                <tr>
                  <th scope="col">{t("contracts.contract")}</th>
                  <th scope="col">{t("contracts.outlet")}</th>
                  <th scope="col">{t("contracts.period")}</th>
                  <th scope="col">{t("contracts.amendments")}</th>
                  <th scope="col">{t("manage.origin")}</th>
                  {canWrite && <th scope="col">{t("manage.actions")}</th>}
                </tr>
              </thead>
              <tbody>
                {list.data.contracts.map((entry) => (
                  <tr key={entry.id} data-contract={entry.id}>
                    <th scope="row">
                      {entry.contract.title}
                      <div class="muted small">{entry.id}</div>
                    </th>
                    <td>{entry.contract.outlets.map((id) => session.label("outlet", id)).join(", ")}</td>
                    <td>
                      {i18n.date(entry.contract.period.from)} – {i18n.date(entry.contract.period.to)}
                    </td>
                    <td>
                      {entry.contract.amendments.length === 0
                        ? "—"
                        : entry.contract.amendments.map((item) => (
                            <div key={item.id}>
                              {item.title} ({t("contracts.effective")} {i18n.date(item.effective)})
                            </div>
                          ))}
                    </td>
                    <td>
                      {entry.read_only
                        ? t("manage.fromFile")
                        : t("manage.fromDashboard", {
                            by: entry.updated_by ?? "",
                            at: i18n.date(entry.updated_at),
                          })}
                    </td>
                    {canWrite && (
                      <td>
                        {!entry.read_only && (
                          <button
                            type="button"
                            class="secondary"
                            onClick={() => {
                              edit(entry);
                              setOutcome(null);
                            }}
                          >
                            {t("manage.edit")}
                            <span class="visually-hidden"> {entry.contract.title}</span>
                          </button>
                        )}
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Section>
      {canWrite && (
        <Section
          id="contract-form-title"
          title={version === null ? t("contracts.new") : t("contracts.editTitle", { id: contract.id })}
        >
          <form
            data-testid="contract-form"
            onSubmit={(event) => {
              event.preventDefault();
              void submit(contract);
            }}
          >
            <div class="manage-grid">
              <div>
                <TextField
                  id="ct-id"
                  label={t("contracts.id")}
                  hint={t("contracts.idHint")}
                  value={contract.id}
                  required
                  disabled={version !== null}
                  onChange={(id) => update({ id })}
                />
                <TextField
                  id="ct-title"
                  label={t("contracts.contractTitle")}
                  value={contract.title}
                  required
                  onChange={(title) => update({ title })}
                />
                <TextField
                  id="ct-number"
                  label={t("contracts.number")}
                  value={contract.number ?? ""}
                  onChange={(number) => update({ ...(number ? { number } : { number: undefined }) })}
                />
                <SelectField
                  id="ct-signed-by"
                  label={t("contracts.signedBy")}
                  value={contract.signed_by}
                  none={t("manage.choose")}
                  options={session.options("agency")}
                  onChange={(signed_by) => update({ signed_by })}
                />
                <div class="field-row">
                  <DateInput
                    id="ct-from"
                    label={t("contracts.from")}
                    required
                    value={contract.period.from}
                    onChange={(from) => update({ period: { ...contract.period, from } })}
                  />
                  <DateInput
                    id="ct-to"
                    label={t("contracts.to")}
                    required
                    value={contract.period.to}
                    onChange={(to) => update({ period: { ...contract.period, to } })}
                  />
                </div>
              </div>
              <div>
                <details open={contract.outlets.length === 0 || undefined}>
                  <summary>{t("contracts.outlets", { count: contract.outlets.length })}</summary>
                  <Choices
                    legend={t("contracts.outlet")}
                    name="ct-outlet"
                    options={session.options("outlet")}
                    value={contract.outlets}
                    onChange={(outlets) => update({ outlets })}
                  />
                </details>
                <Choices
                  legend={t("contracts.themes")}
                  name="ct-theme"
                  options={session.options("theme")}
                  value={contract.themes}
                  onChange={(themes) => update({ themes })}
                />
              </div>
            </div>
            <fieldset>
              <legend>{t("contracts.deliverables")}</legend>
              {contract.deliverables.map((deliverable, i) => (
                <div class="field-row" key={i} data-deliverable={i}>
                  <TextField
                    id={`ct-d${i}-id`}
                    label={t("contracts.deliverableId")}
                    value={deliverable.id}
                    required
                    onChange={(id) => setDeliverable(i, { id })}
                  />
                  <SelectField
                    id={`ct-d${i}-kind`}
                    label={t("contracts.kind")}
                    value={deliverable.kind}
                    options={KINDS.map((kind) => [kind, t(`contracts.kind.${kind}`)])}
                    onChange={(kind) => setDeliverable(i, { kind: kind as Deliverable["kind"] })}
                  />
                  <TextField
                    id={`ct-d${i}-count`}
                    type="number"
                    label={t("contracts.count")}
                    value={String(deliverable.count)}
                    required
                    onChange={(count) => setDeliverable(i, { count: Number(count) })}
                  />
                  <SelectField
                    id={`ct-d${i}-per`}
                    label={t("contracts.per")}
                    value={deliverable.per}
                    options={PERS.map((per) => [per, t(`contracts.per.${per}`)])}
                    onChange={(per) => setDeliverable(i, { per: per as Deliverable["per"] })}
                  />
                </div>
              ))}
              <button
                type="button"
                class="secondary"
                onClick={() =>
                  update({
                    deliverables: [
                      ...contract.deliverables,
                      {
                        id: `hang_muc_${contract.deliverables.length + 1}`,
                        kind: "article",
                        count: 1,
                        per: "month",
                      },
                    ],
                  })
                }
              >
                {t("contracts.addDeliverable")}
              </button>
            </fieldset>
            <div class="actions">
              <button type="submit">{version === null ? t("manage.create") : t("manage.saveChanges")}</button>
              {version !== null && (
                <>
                  <button
                    type="button"
                    class="secondary"
                    onClick={() => setAmendment(emptyAmendment())}
                    data-testid="contract-amend"
                  >
                    {t("contracts.amend")}
                  </button>
                  <button
                    type="button"
                    class="secondary"
                    onClick={() => {
                      setContract(emptyContract());
                      setVersion(null);
                      setAmendment(null);
                      setOutcome(null);
                    }}
                  >
                    {t("manage.newInstead")}
                  </button>
                </>
              )}
            </div>
            <SaveOutcome outcome={outcome} />
          </form>
          {amendment && (
            <AmendmentForm
              contract={contract}
              amendment={amendment}
              onChange={setAmendment}
              onSubmit={async () => {
                if (await submit({ ...contract, amendments: [...contract.amendments, amendment] }))
                  setAmendment(null);
              }}
            />
          )}
        </Section>
      )}
    </>
  );
}

function AmendmentForm({
  contract,
  amendment,
  onChange,
  onSubmit,
}: {
  contract: Contract;
  amendment: Amendment;
  onChange(amendment: Amendment): void;
  onSubmit(): Promise<void>;
}) {
  const { t } = useI18n();
  const update = (change: Partial<Amendment>) => onChange({ ...amendment, ...change });
  const patchOf = (id: string) => amendment.deliverables.find((item) => item.id === id);
  const setPatch = (id: string, change: Partial<Deliverable> | null) => {
    const others = amendment.deliverables.filter((item) => item.id !== id);
    update({ deliverables: change ? [...others, { ...patchOf(id), ...change, id }] : others });
  };
  return (
    <form
      class="amendment"
      data-testid="amendment-form"
      aria-labelledby="amendment-title"
      onSubmit={(event) => {
        event.preventDefault();
        void onSubmit();
      }}
    >
      <h3 id="amendment-title">{t("contracts.amendTitle")}</h3>
      <div class="field-row">
        <TextField
          id="am-id"
          label={t("contracts.amendmentId")}
          value={amendment.id}
          required
          onChange={(id) => update({ id })}
        />
        <TextField
          id="am-title"
          label={t("contracts.amendmentTitle")}
          value={amendment.title}
          required
          onChange={(title) => update({ title })}
        />
        <DateInput
          id="am-effective"
          label={t("contracts.effective")}
          required
          value={amendment.effective}
          onChange={(effective) => update({ effective })}
        />
        <DateInput
          id="am-ends"
          label={t("contracts.ends")}
          value={amendment.ends ?? ""}
          onChange={(ends) => update(ends ? { ends } : { ends: undefined })}
        />
      </div>
      <p class="muted small">{t("contracts.amendHint")}</p>
      {contract.deliverables.map((deliverable) => {
        const patch = patchOf(deliverable.id);
        const removed = amendment.remove.includes(deliverable.id);
        return (
          <div class="field-row" key={deliverable.id}>
            <TextField
              id={`am-${deliverable.id}-count`}
              type="number"
              label={t("contracts.newCount", { id: deliverable.id, count: deliverable.count })}
              value={patch?.count !== undefined ? String(patch.count) : ""}
              onChange={(count) => setPatch(deliverable.id, count ? { count: Number(count) } : null)}
            />
            <label class="checkbox">
              <input
                type="checkbox"
                checked={removed}
                onChange={(event) =>
                  update({
                    remove: event.currentTarget.checked
                      ? [...amendment.remove, deliverable.id]
                      : amendment.remove.filter((id) => id !== deliverable.id),
                  })
                }
              />{" "}
              {t("contracts.removeDeliverable", { id: deliverable.id })}
            </label>
          </div>
        );
      })}
      <button type="submit">{t("contracts.saveAmendment")}</button>
    </form>
  );
}
