import { Form, useNavigation } from "@remix-run/react";
import { Button, cx } from "./form";

export interface ConnectionCardData {
  key: string;
  label: string;
  description: string;
  fields: { name: string; label: string; type: "password" | "text" | "textarea"; help?: string; optional?: boolean }[];
  status: "not_connected" | "active" | "disconnected" | "error";
  hint: string | null;
  account: string | null;
  lastTestedAt: string | null;
  lastError: string | null;
}

export interface ConnectionFeedback {
  provider: string;
  ok: boolean;
  message?: string;
  errors?: Record<string, string>;
}

const STATUS: Record<ConnectionCardData["status"], { label: string; className: string }> = {
  not_connected: { label: "Not connected", className: "bg-slate-100 text-slate-600" },
  active: { label: "● Connected", className: "bg-green-50 text-green-800" },
  disconnected: { label: "Disconnected", className: "bg-slate-100 text-slate-600" },
  error: { label: "⚠ Failing", className: "bg-red-50 text-red-700" },
};

/**
 * One provider: its state, and a form that never shows a saved secret (only its hint). Inputs
 * are always empty; "Test and save" proves new credentials before anything is stored.
 */
export function ConnectionCard({ connection: c, canManage, feedback }: { connection: ConnectionCardData; canManage: boolean; feedback?: ConnectionFeedback }) {
  const navigation = useNavigation();
  const busy = navigation.state !== "idle" && navigation.formData?.get("provider") === c.key;
  const mine = feedback?.provider === c.key ? feedback : undefined;
  const connected = c.status === "active" || c.status === "error";
  const status = STATUS[c.status];
  const id = (name: string) => `conn-${c.key}-${name}`;
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" aria-labelledby={id("title")} data-testid={`connection-${c.key}`}>
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <h2 id={id("title")} className="font-semibold text-slate-900">{c.label}</h2>
          <p className="text-sm text-slate-600">{c.description}</p>
        </div>
        <span className={cx("rounded px-2 py-0.5 text-xs font-medium", status.className)} data-testid="connection-status">{status.label}</span>
      </div>
      {connected ? (
        <p className="mt-2 text-sm text-slate-700">
          Saved credential: <span className="font-mono" data-testid="credential-hint">{c.hint ?? "••••"}</span>
          {c.account ? <> · {c.account}</> : null}
          {c.lastTestedAt ? <span className="text-slate-500"> · last tested {c.lastTestedAt.replace("T", " ").slice(0, 16)} UTC</span> : null}
        </p>
      ) : null}
      {c.status === "error" && c.lastError ? <p className="mt-1 text-sm text-red-700">Last test failed: {c.lastError}</p> : null}
      {mine?.message ? (
        <p role={mine.ok ? "status" : "alert"} className={cx("mt-2 rounded-md px-3 py-2 text-sm", mine.ok ? "bg-green-50 text-green-800" : "bg-red-50 text-red-700")}>
          {mine.message}
        </p>
      ) : null}
      {canManage ? (
        <>
          {connected ? (
            <Form method="post" className="mt-3 flex gap-2">
              <input type="hidden" name="provider" value={c.key} />
              <Button type="submit" name="intent" value="test" variant="secondary" disabled={busy}>Re-test</Button>
              <Button type="submit" name="intent" value="disconnect" variant="danger" disabled={busy}>Disconnect</Button>
            </Form>
          ) : null}
          <Form method="post" className="mt-3 flex flex-col gap-2" autoComplete="off">
            <input type="hidden" name="provider" value={c.key} />
            <p className="text-xs font-medium uppercase tracking-wide text-slate-500">{connected ? `${c.hint ?? "••••"} — replace` : "Connect"}</p>
            {c.fields.map((f) => {
              const error = mine?.errors?.[f.name];
              const common = {
                id: id(f.name),
                name: f.name,
                "aria-invalid": error ? true : undefined,
                "aria-describedby": error ? `${id(f.name)}-error` : f.help ? `${id(f.name)}-help` : undefined,
                className: cx("rounded-md border px-2.5 py-1.5 font-mono text-sm", error ? "border-red-500" : "border-slate-300"),
                autoComplete: "off",
                spellCheck: false,
                required: !f.optional,
              };
              return (
                <div key={f.name} className="flex flex-col gap-1">
                  <label htmlFor={id(f.name)} className="text-sm font-medium text-slate-700">{f.label}</label>
                  {f.type === "textarea" ? <textarea rows={4} {...common} /> : <input type={f.type} {...common} />}
                  {f.help && !error ? <p id={`${id(f.name)}-help`} className="text-xs text-slate-500">{f.help}</p> : null}
                  {error ? <p id={`${id(f.name)}-error`} className="text-xs text-red-600" role="alert">{error}</p> : null}
                </div>
              );
            })}
            <div>
              <Button type="submit" name="intent" value="save" disabled={busy}>{busy ? "Testing…" : connected ? "Test and replace" : "Test and save"}</Button>
            </div>
          </Form>
        </>
      ) : null}
    </section>
  );
}
