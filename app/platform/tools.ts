// Client-safe: the tool (permission key) catalogue. Sidebar entries, route guards and the
// permission grid all read this one list. `href` is null until the area's pages exist.

export const ACCESS_LEVELS = ["executive", "head", "manager", "lead", "employee"] as const;
export type AccessLevel = (typeof ACCESS_LEVELS)[number];

export const ACTIONS = ["view", "update", "manage"] as const;
export type Action = (typeof ACTIONS)[number];

export interface ToolInfo {
  key: string;
  label: string;
  group: "Me" | "People" | "Work" | "Clients" | "Sales" | "Finance" | "Comms" | "Settings";
  href: string | null;
}

export const TOOLS = [
  { key: "people", label: "People", group: "People", href: "/people" },
  { key: "onboarding", label: "Onboarding", group: "Me", href: "/onboarding" },
  { key: "templates", label: "Templates", group: "Settings", href: "/settings/templates" },
  { key: "documents", label: "Documents", group: "People", href: "/documents" },
  { key: "squads", label: "Squads", group: "People", href: "/squads" },
  { key: "leave", label: "Leave", group: "Me", href: "/leave" },
  { key: "holidays", label: "Holidays", group: "Me", href: "/holidays" },
  { key: "payroll", label: "Payroll", group: "Me", href: "/payroll" },
  { key: "objectives", label: "Objectives", group: "People", href: null },
  { key: "scorecards", label: "Scorecards", group: "Me", href: null },
  { key: "reviews", label: "Reviews", group: "Me", href: null },
  { key: "announcements", label: "Announcements", group: "Comms", href: null },
  { key: "calendar", label: "Calendar", group: "Comms", href: null },
  { key: "events", label: "Events", group: "Comms", href: null },
  { key: "wiki", label: "Wiki", group: "Comms", href: null },
  { key: "notifications", label: "Notifications", group: "Me", href: "/notifications" },
  { key: "action-centre", label: "Action centre", group: "Me", href: "/action-centre" },
  { key: "companies", label: "Companies", group: "Clients", href: "/companies" },
  { key: "contacts", label: "Contacts", group: "Clients", href: "/contacts" },
  { key: "relationships", label: "Relationships", group: "Clients", href: "/relationships" },
  { key: "emails", label: "Emails", group: "Comms", href: "/emails" },
  { key: "meetings", label: "Meetings", group: "Comms", href: "/meetings" },
  { key: "deals", label: "Deals", group: "Sales", href: "/deals" },
  { key: "contracts", label: "Contracts", group: "Sales", href: "/contracts" },
  { key: "proposals", label: "Proposals", group: "Sales", href: "/proposals" },
  { key: "recruitment", label: "Recruitment", group: "People", href: null },
  { key: "projects", label: "Projects", group: "Work", href: "/projects" },
  { key: "tasks", label: "Tasks", group: "Work", href: "/tasks" },
  { key: "sprints", label: "Sprints", group: "Work", href: "/sprints" },
  { key: "roadmaps", label: "Roadmaps", group: "Work", href: "/roadmaps" },
  { key: "sla", label: "SLA", group: "Work", href: "/sla" },
  { key: "agents", label: "Agents", group: "Work", href: "/agents" },
  { key: "budgets", label: "Budgets", group: "Finance", href: null },
  { key: "invoices", label: "Invoices", group: "Finance", href: null },
  { key: "time", label: "Time", group: "Finance", href: null },
  { key: "resourcing", label: "Resourcing", group: "Finance", href: null },
  { key: "clients", label: "Clients", group: "Clients", href: null },
  { key: "portal", label: "Client portal", group: "Clients", href: "/admin/portal" },
  { key: "config-lists", label: "Config lists", group: "Settings", href: "/settings/config-lists" },
  { key: "custom-fields", label: "Custom fields", group: "Settings", href: null },
  { key: "admin", label: "Admin", group: "Settings", href: "/admin/users" },
] as const satisfies readonly ToolInfo[];

export type ToolKey = (typeof TOOLS)[number]["key"];
export const TOOL_KEYS = TOOLS.map((t) => t.key) as readonly ToolKey[];

export interface Grant {
  view: boolean;
  update: boolean;
  manage: boolean;
}
export type PermissionMap = Record<ToolKey, Grant>;

export const NO_GRANT: Grant = { view: false, update: false, manage: false };

export function isToolKey(value: string): value is ToolKey {
  return (TOOL_KEYS as readonly string[]).includes(value);
}

export function levelLabel(level: AccessLevel) {
  return level.charAt(0).toUpperCase() + level.slice(1);
}
