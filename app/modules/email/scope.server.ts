// Who sees which stored emails (ORIGINAL §8.6): executives, heads and managers see every stored
// email; everyone else only the emails synced from (or sent through) their own mailbox.
// Applied IN SQL on the `user_id` column of an emails alias.
import { sql, type RawBuilder, type SqlBool } from "kysely";
import type { Viewer } from "~/platform/session.server";

export type EmailViewer = Pick<Viewer, "userId" | "accessLevel">;

export const seesAllEmails = (viewer: Pick<Viewer, "accessLevel">) =>
  viewer.accessLevel === "executive" || viewer.accessLevel === "head" || viewer.accessLevel === "manager";

/** `column` (an emails.user_id) is visible to the viewer. */
export function emailInScope(column: string, viewer: EmailViewer): RawBuilder<SqlBool> {
  if (seesAllEmails(viewer)) return sql<SqlBool>`1 = 1`;
  return sql<SqlBool>`${sql.ref(column)} = ${viewer.userId}`;
}
