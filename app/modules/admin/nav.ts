// Client-safe: the Admin sub-navigation. Each page enforces its own access; this only decides
// which links a viewer sees.
import type { PermissionMap, ToolKey } from "~/platform/tools";

export interface AdminNavItem {
  label: string;
  href: string;
  tool: ToolKey;
}

export const ADMIN_NAV: AdminNavItem[] = [
  { label: "Users", href: "/admin/users", tool: "admin" },
  { label: "Permissions", href: "/admin/permissions", tool: "admin" },
  { label: "Settings", href: "/admin/settings", tool: "admin" },
  { label: "Connections", href: "/admin/connections", tool: "admin" },
  { label: "Portal", href: "/admin/portal", tool: "portal" },
];

export function adminNavItems(permissions: PermissionMap) {
  return ADMIN_NAV.filter((item) => permissions[item.tool]?.view === true).map(({ label, href }) => ({ label, href }));
}
