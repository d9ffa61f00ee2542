import { Form, useNavigation } from "@remix-run/react";
import type { ComponentProps, ReactNode } from "react";

export function cx(...classes: (string | false | null | undefined)[]) {
  return classes.filter(Boolean).join(" ");
}

export function Button({ variant = "primary", className, ...props }: ComponentProps<"button"> & { variant?: "primary" | "secondary" | "danger" | "ghost" }) {
  const styles = {
    primary: "bg-brand-600 text-white hover:bg-brand-700",
    secondary: "border border-slate-300 bg-white text-slate-800 hover:bg-slate-50",
    danger: "bg-red-600 text-white hover:bg-red-700",
    ghost: "text-slate-700 hover:bg-slate-100",
  }[variant];
  return (
    <button
      className={cx("inline-flex items-center gap-1 rounded-md px-3 py-1.5 text-sm font-medium disabled:opacity-50", styles, className)}
      {...props}
    />
  );
}

export function SubmitButton({ children, ...props }: ComponentProps<typeof Button>) {
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  return (
    <Button type="submit" aria-disabled={busy} {...props}>
      {children}
    </Button>
  );
}

export function Field({
  label, name, error, hint, className, ...input
}: ComponentProps<"input"> & { label: string; name: string; error?: string; hint?: string }) {
  const id = input.id ?? `f-${name}`;
  return (
    <div className={cx("flex flex-col gap-1", className)}>
      <label htmlFor={id} className="text-sm font-medium text-slate-700">{label}</label>
      <input
        id={id}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : hint ? `${id}-hint` : undefined}
        className={cx("rounded-md border px-2.5 py-1.5 text-sm", error ? "border-red-500" : "border-slate-300")}
        {...input}
      />
      {hint && !error ? <p id={`${id}-hint`} className="text-xs text-slate-500">{hint}</p> : null}
      {error ? <p id={`${id}-error`} className="text-xs text-red-600" role="alert">{error}</p> : null}
    </div>
  );
}

export function SelectField({
  label, name, error, options, className, ...select
}: ComponentProps<"select"> & { label: string; name: string; error?: string; options: { value: string; label: string }[] }) {
  const id = select.id ?? `f-${name}`;
  return (
    <div className={cx("flex flex-col gap-1", className)}>
      <label htmlFor={id} className="text-sm font-medium text-slate-700">{label}</label>
      <select
        id={id}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        className={cx("rounded-md border bg-white px-2 py-1.5 text-sm", error ? "border-red-500" : "border-slate-300")}
        {...select}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>{o.label}</option>
        ))}
      </select>
      {error ? <p id={`${id}-error`} className="text-xs text-red-600" role="alert">{error}</p> : null}
    </div>
  );
}

export function TextAreaField({
  label, name, error, className, ...area
}: ComponentProps<"textarea"> & { label: string; name: string; error?: string }) {
  const id = area.id ?? `f-${name}`;
  return (
    <div className={cx("flex flex-col gap-1", className)}>
      <label htmlFor={id} className="text-sm font-medium text-slate-700">{label}</label>
      <textarea
        id={id}
        name={name}
        aria-invalid={error ? true : undefined}
        className={cx("rounded-md border px-2.5 py-1.5 text-sm", error ? "border-red-500" : "border-slate-300")}
        {...area}
      />
      {error ? <p className="text-xs text-red-600" role="alert">{error}</p> : null}
    </div>
  );
}

export function FormError({ error }: { error?: string }) {
  if (!error) return null;
  return <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">{error}</p>;
}

/** A one-button POST form (JS optional) — e.g. "Mark read", "Disable". */
export function ActionButton({
  intent, children, fields, variant = "secondary", action, confirm,
}: {
  intent: string; children: ReactNode; fields?: Record<string, string>; variant?: "primary" | "secondary" | "danger" | "ghost"; action?: string; confirm?: string;
}) {
  return (
    <Form method="post" action={action} className="inline" onSubmit={(e) => { if (confirm && !window.confirm(confirm)) e.preventDefault(); }}>
      {Object.entries(fields ?? {}).map(([k, v]) => <input key={k} type="hidden" name={k} value={v} />)}
      <Button type="submit" name="intent" value={intent} variant={variant}>{children}</Button>
    </Form>
  );
}

export function PageHeader({ title, description, actions }: { title: string; description?: string; actions?: ReactNode }) {
  return (
    <div className="mb-5 flex flex-wrap items-end justify-between gap-3">
      <div>
        <h1 className="text-xl font-semibold text-slate-900">{title}</h1>
        {description ? <p className="mt-1 text-sm text-slate-600">{description}</p> : null}
      </div>
      {actions ? <div className="flex gap-2">{actions}</div> : null}
    </div>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center">
      <p className="font-medium text-slate-800">{title}</p>
      {children ? <div className="mt-1 text-sm text-slate-600">{children}</div> : null}
    </div>
  );
}

export function Card({ title, children, className, actions }: { title?: string; children: ReactNode; className?: string; actions?: ReactNode }) {
  return (
    <section className={cx("rounded-lg border border-slate-200 bg-white p-4 shadow-sm", className)}>
      {title ? (
        <div className="mb-3 flex items-center justify-between">
          <h2 className="text-sm font-semibold uppercase tracking-wide text-slate-500">{title}</h2>
          {actions}
        </div>
      ) : null}
      {children}
    </section>
  );
}
