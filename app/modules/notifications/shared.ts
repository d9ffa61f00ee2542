// Client-safe helpers for the notification pages (components may import these; *.server files they may not).

export type InboxFilter = "unread" | "all";
export interface InboxQuery {
  filter: InboxFilter;
  page: number;
}

/** The inbox URL for a filter and page (defaults left out). */
export function inboxUrl(query: InboxQuery) {
  const params = new URLSearchParams();
  if (query.filter !== "all") params.set("filter", query.filter);
  if (query.page > 1) params.set("page", String(query.page));
  const search = params.toString();
  return `/notifications${search ? `?${search}` : ""}`;
}

export const CHANNEL_LABELS: Record<string, string> = { in_app: "In app", email: "Email", slack: "Slack", push: "Push" };
