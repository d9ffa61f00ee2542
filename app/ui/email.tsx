// Email lists for the company / contact "Emails" tabs: stored Gmail emails (linking to their
// thread) and inbound webhook emails matched to the record.
import { Link } from "@remix-run/react";
import { Badge, dateTime } from "./crm";
import { Card, EmptyState } from "./form";

export interface EmailTabItem {
  id: string;
  gmail_thread_id: string;
  subject: string;
  from_address: string;
  from_name: string | null;
  to_addresses: string;
  snippet: string | null;
  sent_at: string;
  direction: string;
}

export interface InboundTabItem {
  id: string;
  subject: string;
  from_address: string;
  from_name: string | null;
  received_at: string;
  status: string;
  matched_by: string | null;
  task_id: string | null;
}

export function EmailTab({ emails, inbound, composeHref }: { emails: EmailTabItem[]; inbound: InboundTabItem[]; composeHref?: string | null }) {
  return (
    <div className="grid gap-4 lg:grid-cols-3">
      <Card title="Emails" className="lg:col-span-2" actions={composeHref ? <Link to={composeHref} className="text-sm underline">Write an email</Link> : undefined}>
        {emails.length === 0 ? (
          <EmptyState title="No emails yet">Emails with these contacts appear here after a Gmail sync on <Link to="/emails" className="underline">Emails</Link>.</EmptyState>
        ) : (
          <ul className="divide-y divide-slate-100" data-testid="email-tab-list">
            {emails.map((e) => (
              <li key={e.id} className="py-2 text-sm" data-testid="email-tab-row">
                <div className="flex flex-wrap items-baseline justify-between gap-2">
                  <Link to={`/emails/${e.gmail_thread_id}`} className="font-medium text-slate-900 underline">{e.subject || "(no subject)"}</Link>
                  <span className="text-xs text-slate-500">{dateTime(e.sent_at)}</span>
                </div>
                <p className="text-xs text-slate-600">
                  <Badge tone={e.direction === "inbound" ? "blue" : "green"}>{e.direction === "inbound" ? "Received" : "Sent"}</Badge>{" "}
                  {e.direction === "inbound" ? `from ${e.from_name ?? e.from_address}` : `to ${e.to_addresses}`}
                </p>
                {e.snippet ? <p className="mt-0.5 line-clamp-2 text-xs text-slate-500">{e.snippet}</p> : null}
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card title="Inbound emails">
        {inbound.length === 0 ? (
          <p className="text-sm text-slate-500">No inbound emails matched.</p>
        ) : (
          <ul className="divide-y divide-slate-100" data-testid="inbound-tab-list">
            {inbound.map((i) => (
              <li key={i.id} className="py-2 text-sm">
                <p className="font-medium">{i.subject || "(no subject)"}</p>
                <p className="text-xs text-slate-600">
                  from {i.from_name ?? i.from_address} · {dateTime(i.received_at)}
                  {i.matched_by ? ` · matched by ${i.matched_by}` : ""}
                </p>
                {i.task_id ? <Link to={`/tasks/${i.task_id}`} className="text-xs underline">Ticket</Link> : <span className="text-xs text-slate-500">{i.status}</span>}
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
