// Inbound email → ticket. The webhook (POST /webhooks/inbound-email) is signed: HMAC-SHA256 of
// the raw body with WEBHOOK_SECRET, sent as `X-Nucleus-Signature: sha256=<hex>`. A verified
// email is stored once (by Message-ID) and then:
// - a reply on a known thread (In-Reply-To / References / thread id of a ticket) becomes a
//   note on that ticket, and its watchers are told;
// - otherwise, a project with auto-tickets on whose inbound address it was sent to (or, when
//   the project matches sender domains, whose company's domain the sender is on) gets a new
//   ticket: assigned to the delivery manager (else the owner) with the project's SLA policy
//   applied from the time the email arrived;
// - anything else is kept but ignored.
// Every outcome is ONE batch (email row, task/note, SLA, history, notifications).
import { sql, type SqlBool } from "kysely";
import { batch } from "~/platform/batch.server";
import type { AppLoadContext } from "~/platform/context.server";
import { hmacSha256Hex, timingSafeEqual } from "~/platform/crypto.server";
import { historyEntry } from "~/platform/history.server";
import { newId, nowIso } from "~/platform/ids";
import { deliverInBackground, prepareNotifications } from "~/platform/notify.server";
import { inboundDomainCompanyQuery, matchInboundCompany } from "~/modules/email/inbound-match.server";
import { configItemsQuery, defaultItem, groupItems, type ConfigItem } from "./config-lists.server";
import { inboundEmailSchema } from "./schemas";
import { policyCalendarColumns, slaUpsert, type PolicyCalendarRow, type RuleRow } from "./sla.server";

export const SIGNATURE_HEADER = "X-Nucleus-Signature";
export const MAX_BODY_BYTES = 256 * 1024;

export type InboundOutcome =
  | { status: 401 | 400 | 413 | 503; error: string }
  | { status: 200; result: "duplicate" | "ignored" | "ticketed" | "noted"; taskId?: string | null };

/** `sha256=<hex>` of the body under the secret (what a sender puts in the signature header). */
export async function signInboundBody(secret: string, body: string) {
  return `sha256=${await hmacSha256Hex(secret, body)}`;
}

export async function verifySignature(secret: string, body: string, header: string | null) {
  if (!header || !header.startsWith("sha256=")) return false;
  const expected = await signInboundBody(secret, body);
  return timingSafeEqual(expected, header.trim().toLowerCase());
}

function messageIds(value: string | null | undefined) {
  return (value ?? "").match(/<[^<>\s]+>|[^<>\s,]+@[^<>\s,]+/g)?.map((id) => id.trim()) ?? [];
}

/** Verifies, stores and routes one inbound email. Nothing is written unless the signature holds. */
export async function receiveInboundEmail(context: AppLoadContext, request: Request): Promise<InboundOutcome> {
  const secret = context.env.WEBHOOK_SECRET;
  if (!secret) return { status: 503, error: "Inbound email is not configured" };
  const length = Number(request.headers.get("Content-Length") ?? "0");
  if (length > MAX_BODY_BYTES) return { status: 413, error: "Too large" };
  const raw = await request.text();
  if (raw.length > MAX_BODY_BYTES) return { status: 413, error: "Too large" };
  if (!(await verifySignature(secret, raw, request.headers.get(SIGNATURE_HEADER)))) return { status: 401, error: "Bad signature" };
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { status: 400, error: "Body must be JSON" };
  }
  const parsed = inboundEmailSchema.safeParse(json);
  if (!parsed.success) return { status: 400, error: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") };
  const email = parsed.data;
  const { db } = context;
  const receivedAt = email.received_at ? nowIso(new Date(email.received_at)) : nowIso();
  const from = email.from.toLowerCase();
  const to = email.to.toLowerCase();
  const senderDomain = from.split("@")[1] ?? "";
  const threadRefs = [...new Set([...messageIds(email.in_reply_to), ...messageIds(email.references).slice(-10)])];
  const threadId = email.thread_id ?? null;

  const [existing, threadTasks, projects, items, contacts, domainCompanies] = await batch(db, [
    db.query.selectFrom("inbound_emails").select(["id", "task_id"]).where("message_id", "=", email.message_id),
    db.query
      .selectFrom("tasks as t")
      .leftJoin("people as a", "a.id", "t.assignee_id")
      .select(["t.id", "t.title", "t.project_id", "a.user_id as assignee_user_id"])
      .where((eb) => {
        const refs = [...threadRefs, ...(threadId ? [threadId] : [])];
        if (!refs.length) return sql<SqlBool>`1 = 0`;
        return eb.or([
          eb("t.email_thread_id", "in", refs),
          eb("t.id", "in", eb.selectFrom("inbound_emails").select("task_id").where("message_id", "in", refs).where("task_id", "is not", null)),
        ]);
      })
      .limit(1),
    db.query
      .selectFrom("projects as p")
      .leftJoin("companies as c", "c.id", "p.company_id")
      .leftJoin("people as dm", "dm.id", "p.delivery_manager_id")
      .leftJoin("people as o", "o.id", "p.owner_id")
      .select([
        "p.id", "p.name", "p.company_id", "p.sla_policy_id", "p.inbound_address", "p.delivery_manager_id", "p.owner_id",
        "dm.user_id as dm_user_id", "o.user_id as owner_user_id",
      ])
      .where("p.auto_ticket_enabled", "=", 1)
      .where("p.status", "in", ["planning", "active", "on_hold"])
      .where((eb) =>
        eb.or([
          eb("p.inbound_address", "=", to),
          eb.and([eb("p.match_sender_domain", "=", 1), eb("c.domain", "=", senderDomain)]),
        ]),
      )
      .orderBy(sql`case when p.inbound_address = ${to} then 0 else 1 end`)
      .orderBy("p.created_at")
      .limit(1),
    configItemsQuery(db),
    db.query.selectFrom("contacts").select(["id", "company_id"]).where("email", "=", from).limit(1),
    inboundDomainCompanyQuery(db, from),
  ]);
  if (existing[0]) return { status: 200, result: "duplicate", taskId: existing[0].task_id };

  const emailId = newId();
  const contact = contacts[0] ?? null;
  // Company matching (CRM email): sender contact → company, else sender domain (not free mail).
  const matched = matchInboundCompany(contact, domainCompanies[0]);
  const now = nowIso();
  const baseRow = {
    id: emailId, message_id: email.message_id, thread_id: threadId, in_reply_to: email.in_reply_to ?? null,
    references_header: email.references ?? null, from_address: from, from_name: email.from_name ?? null, to_address: to,
    subject: email.subject, text_body: email.text, received_at: receivedAt, contact_id: contact?.id ?? null, created_at: now,
  };
  const sender = email.from_name ? `${email.from_name} <${from}>` : from;

  // A reply on a ticket's thread → a note on that ticket.
  const threadTask = threadTasks[0];
  if (threadTask) {
    const noteId = newId();
    const watchers = await db.query.selectFrom("task_watchers").select("user_id").where("task_id", "=", threadTask.id).execute();
    const prepared = prepareNotifications(db, {
      userIds: [...watchers.map((w) => w.user_id), ...(threadTask.assignee_user_id ? [threadTask.assignee_user_id] : [])],
      type: "task_updated", title: `New email reply on “${threadTask.title}”`, body: `${sender}: ${email.text.slice(0, 300)}`,
      actionUrl: `/tasks/${threadTask.id}?tab=notes`, resourceType: "task", resourceId: threadTask.id,
    });
    await batch(db, [
      db.query.insertInto("notes").values({
        id: noteId, resource_type: "task", resource_id: threadTask.id, author_id: null,
        content: `Email reply from ${sender}\nSubject: ${email.subject || "(no subject)"}\n\n${email.text}`.slice(0, 20_000),
        created_at: receivedAt, updated_at: receivedAt,
      }),
      db.query.insertInto("inbound_emails").values({ ...baseRow, status: "noted", ...matched, project_id: threadTask.project_id, task_id: threadTask.id, note_id: noteId }),
      db.query.updateTable("tasks").set({ updated_at: now }).where("id", "=", threadTask.id),
      historyEntry(db, { actorId: null, resourceType: "task", resourceId: threadTask.id, action: "email_reply", details: { from: sender, subject: email.subject } }),
      ...prepared.inserts,
    ]);
    if (prepared.ids.length) context.waitUntil(deliverInBackground(context, prepared.ids));
    return { status: 200, result: "noted", taskId: threadTask.id };
  }

  const project = projects[0];
  if (!project) {
    await batch(db, [db.query.insertInto("inbound_emails").values({ ...baseRow, status: "ignored", ...matched })]);
    return { status: 200, result: "ignored" };
  }

  // A new ticket on the project, with its SLA from the moment the email arrived.
  const lists = groupItems(items as ConfigItem[]);
  const taskId = newId();
  const priority = defaultItem(lists.task_priority)?.id ?? null;
  const assigneeId = project.delivery_manager_id ?? project.owner_id;
  const assigneeUser = project.delivery_manager_id ? project.dm_user_id : project.owner_user_id;
  const [policies, rules] = await batch(db, [
    db.query.selectFrom("sla_policies").select([...policyCalendarColumns]).where("id", "=", project.sla_policy_id ?? ""),
    db.query.selectFrom("sla_policy_rules").select(["policy_id", "priority_id", "response_hours", "resolution_hours"]).where("policy_id", "=", project.sla_policy_id ?? ""),
  ]);
  const policy = policies[0] as PolicyCalendarRow | undefined;
  const rule = (rules as RuleRow[]).find((r) => r.priority_id === priority);
  const prepared = prepareNotifications(db, {
    userIds: assigneeUser ? [assigneeUser] : [], type: "task_updated", title: `New ticket from ${sender}: ${email.subject || "(no subject)"}`,
    body: email.text.slice(0, 300), actionUrl: `/tasks/${taskId}`, resourceType: "task", resourceId: taskId,
  });
  await batch(db, [
    db.query.insertInto("tasks").values({
      id: taskId, title: (email.subject || `Email from ${sender}`).slice(0, 200), description: email.text.slice(0, 20_000),
      resource_type: "project", resource_id: project.id, project_id: project.id,
      status_id: defaultItem(lists.task_status)?.id ?? null, priority_id: priority,
      type_id: lists.task_type.find((t) => t.value === "ticket")?.id ?? defaultItem(lists.task_type)?.id ?? null,
      assignee_id: assigneeId, reporter_id: null, created_by: null, source: "email", email_thread_id: threadId ?? email.message_id,
      sort_order: sql<number>`(select coalesce(max(sort_order), 0) + 1 from tasks where project_id = ${project.id})`,
      created_at: receivedAt, updated_at: now,
    }),
    db.query.insertInto("inbound_emails").values({ ...baseRow, status: "ticketed", ...(matched.matched_by === "contact" || !project.company_id ? matched : { company_id: project.company_id, matched_by: "project" as const }), project_id: project.id, task_id: taskId }),
    historyEntry(db, { actorId: null, resourceType: "task", resourceId: taskId, action: "created", details: { source: "email", from: sender, subject: email.subject } }),
    ...(policy && rule ? [slaUpsert(db, { taskId, policy, rule, startedAt: receivedAt }).statement] : []),
    ...(assigneeUser ? [db.query.insertInto("task_watchers").values({ id: newId(), task_id: taskId, user_id: assigneeUser, created_at: now })] : []),
    ...prepared.inserts,
  ].filter(Boolean) as Parameters<typeof batch>[1]);
  if (prepared.ids.length) context.waitUntil(deliverInBackground(context, prepared.ids));
  return { status: 200, result: "ticketed", taskId };
}
