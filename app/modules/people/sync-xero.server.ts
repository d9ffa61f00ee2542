// Xero Payroll AU employee linking (ORIGINAL §5.1/§5.2 "sync-xero"): people who are not yet
// linked are paired with Xero employees who are not yet linked, by fuzzy name/email score
// (≥ 80, see fuzzy.ts); people.xero_employee_id is set with a history row. Payroll data is not
// pulled here. Executives can also link or unlink one person by hand on the profile.
import { fetchEmployees } from "~/integrations/xero-payroll.server";
import { batch } from "~/platform/batch.server";
import type { AppLoadContext } from "~/platform/context.server";
import type { Db } from "~/platform/db.server";
import { historyEntry } from "~/platform/history.server";
import { newId, nowIso } from "~/platform/ids";
import { inPersonScope } from "~/platform/scope.server";
import type { Viewer } from "~/platform/session.server";
import { jsonInsert, jsonUpdate } from "./bulk.server";
import { bestMatches } from "./fuzzy";
import { xeroConfig, type ClientOverrides } from "./sync-config.server";
import { runSync, type SyncOutcome } from "./sync-runs.server";

export interface XeroLinkSummary {
  total: number;
  linked: number;
  unlinkedPeople: number;
  linkedNames: string[];
}

export function runXeroLinking(
  context: AppLoadContext,
  options: { actorUserId: string | null; clientOverrides?: ClientOverrides },
): Promise<SyncOutcome<XeroLinkSummary>> {
  const { db } = context;
  return runSync(
    db,
    { provider: "xero", trigger: "manual", actorUserId: options.actorUserId, notConfigured: "Xero is not configured: connect it in Settings ▸ Connections (or set XERO_ACCESS_TOKEN and XERO_TENANT_ID)." },
    () => xeroConfig(context, options.clientOverrides),
    async (config) => {
      const employees = await fetchEmployees(config);
      const [unlinked, linked] = await batch(db, [
        db.query
          .selectFrom("people")
          .select(["id", "first_name", "last_name", "preferred_name", "email"])
          .where("xero_employee_id", "is", null)
          .where("employment_status", "!=", "terminated"),
        db.query.selectFrom("people").select(["xero_employee_id"]).where("xero_employee_id", "is not", null),
      ]);
      const taken = new Set(linked.map((l) => l.xero_employee_id));
      const candidates = employees
        .filter((e) => !taken.has(e.employeeId) && (e.status ?? "ACTIVE").toUpperCase() !== "TERMINATED")
        .map((e) => ({ ...e, preferredName: null }));
      const people = unlinked.map((p) => ({ ...p, firstName: p.first_name, lastName: p.last_name, preferredName: p.preferred_name }));
      const pairs = bestMatches(people, candidates);
      const now = nowIso();
      const summary: XeroLinkSummary = {
        total: employees.length,
        linked: pairs.length,
        unlinkedPeople: people.length - pairs.length,
        linkedNames: pairs.slice(0, 50).map((m) => `${m.person.first_name} ${m.person.last_name}`),
      };
      return {
        summary,
        statements: [
          ...jsonUpdate("people", "id", ["xero_employee_id", "updated_at"], pairs.map((m) => ({ id: m.person.id, xero_employee_id: m.candidate.employeeId, updated_at: now }))),
          ...jsonInsert(
            "history",
            ["id", "resource_type", "resource_id", "actor_id", "action", "details", "created_at"],
            pairs.map((m) => ({
              id: newId(), resource_type: "person", resource_id: m.person.id, actor_id: options.actorUserId, action: "xero_linked", created_at: now,
              details: JSON.stringify({ via: "xero_linking", score: m.score, changes: { xero_employee_id: { from: null, to: m.candidate.employeeId } } }),
            })),
          ),
        ],
      };
    },
  );
}

export type LinkResult = { ok: true; changed: boolean } | { ok: false; status: 404 } | { ok: false; status: 400; errors: Record<string, string> };

/** Manual link (or unlink with null) from the profile's System card. Executives only (route checks). */
export async function setXeroEmployeeId(db: Db, actor: Pick<Viewer, "userId" | "accessLevel" | "personId">, personId: string, xeroEmployeeId: string | null): Promise<LinkResult> {
  const [people, owners] = await batch(db, [
    db.query.selectFrom("people").select(["id", "xero_employee_id"]).where("id", "=", personId).where(inPersonScope("people.id", actor)),
    db.query
      .selectFrom("people")
      .select(["id", "first_name", "last_name"])
      .where("xero_employee_id", "=", xeroEmployeeId ?? "")
      .where("id", "!=", personId),
  ]);
  const person = people[0];
  if (!person) return { ok: false, status: 404 };
  const owner = owners[0];
  if (xeroEmployeeId && owner) {
    return { ok: false, status: 400, errors: { xeroEmployeeId: `That Xero employee is already linked to ${owner.first_name} ${owner.last_name}.` } };
  }
  if (person.xero_employee_id === xeroEmployeeId) return { ok: true, changed: false };
  await batch(db, [
    db.query.updateTable("people").set({ xero_employee_id: xeroEmployeeId, updated_at: nowIso() }).where("id", "=", personId),
    historyEntry(db, {
      actorId: actor.userId, resourceType: "person", resourceId: personId, action: xeroEmployeeId ? "xero_linked" : "xero_unlinked",
      changes: { xero_employee_id: { from: person.xero_employee_id, to: xeroEmployeeId } },
    }),
  ]);
  return { ok: true, changed: true };
}
