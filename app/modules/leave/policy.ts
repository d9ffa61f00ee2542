// Client-safe: the two-tier approval chain (ORIGINAL §7.1).
// - employee / lead submits → pending_manager → a manager above them approves → pending_exec →
//   an executive approves → approved;
// - manager / head submits → pending_exec → approved;
// - executive submits → approved immediately.
// A pending_manager approver is a manager or head ABOVE the requester in people.manager_id
// (anywhere up the chain, so a lead's team is covered by their manager), or an executive — an
// executive's approval at that stage is a shortcut that records both tiers. A pending_exec
// approver must be an executive. Nobody approves their own leave.
import type { AccessLevel } from "~/platform/tools";

/** The services an approved request is pushed to, in order (client-safe: the request page lists them). */
export const INTEGRATIONS = ["xero", "productive", "google", "slack"] as const;
export type IntegrationKey = (typeof INTEGRATIONS)[number];
export const INTEGRATION_LABELS: Record<IntegrationKey, string> = { xero: "Xero", productive: "Productive", google: "Google Calendar", slack: "Slack" };
/** How far in the past a request may start (days). */
export const PAST_WINDOW_DAYS = 30;

export const LEAVE_STATUSES = ["pending_manager", "pending_exec", "approved", "rejected", "cancelled"] as const;
export type LeaveStatus = (typeof LEAVE_STATUSES)[number];

export const STATUS_LABELS: Record<LeaveStatus, string> = {
  pending_manager: "Awaiting manager",
  pending_exec: "Awaiting executive",
  approved: "Approved",
  rejected: "Rejected",
  cancelled: "Cancelled",
};

export const OPEN_STATUSES: readonly LeaveStatus[] = ["pending_manager", "pending_exec", "approved"];

export function initialStatus(level: AccessLevel): LeaveStatus {
  if (level === "executive") return "approved";
  if (level === "manager" || level === "head") return "pending_exec";
  return "pending_manager";
}

export interface ApprovalContext {
  status: string;
  viewerLevel: AccessLevel;
  /** The viewer is the requester. */
  isOwn: boolean;
  /** The viewer is above the requester in the reporting chain. */
  isAbove: boolean;
}

/** What approving now does, or null when this viewer may not decide at this stage. */
export function approvalStep(c: ApprovalContext): { next: LeaveStatus; tier: "manager" | "exec" | "both" } | null {
  if (c.isOwn) return null;
  if (c.status === "pending_manager") {
    if (c.viewerLevel === "executive") return { next: "approved", tier: "both" };
    if ((c.viewerLevel === "manager" || c.viewerLevel === "head") && c.isAbove) return { next: "pending_exec", tier: "manager" };
    return null;
  }
  if (c.status === "pending_exec" && c.viewerLevel === "executive") return { next: "approved", tier: "exec" };
  return null;
}

/** Requesters cancel until final approval; executives cancel any open request (reversing pushes). */
export function mayCancel(c: ApprovalContext): boolean {
  if (c.status === "rejected" || c.status === "cancelled") return false;
  if (c.viewerLevel === "executive") return true;
  return c.isOwn && (c.status === "pending_manager" || c.status === "pending_exec");
}
