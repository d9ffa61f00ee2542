import { TOOLS, type PermissionMap, type ToolInfo } from "~/platform/tools";

export interface NavItem {
  key: string;
  label: string;
  href: string;
  group: ToolInfo["group"];
}

/** Sidebar entries: tools the viewer may view and whose pages exist. */
export function navItems(permissions: PermissionMap): NavItem[] {
  return TOOLS.filter((t): t is typeof t & { href: string } => t.href !== null && permissions[t.key]?.view === true).map(
    (t) => ({ key: t.key, label: t.label, href: t.href, group: t.group }),
  );
}
