// Who sees which profile tab (ORIGINAL §3.5 "People profiles", §5.1). The person must also be in
// the viewer's scope (the profile query's own condition; out of scope is a 404).
//   Details      — anyone who can see the person;
//   Employment   — manager/head/executive, or the person themself;
//   Documents    — manager/head/executive with the documents tool's view grant, within the
//                  SENSITIVE scope (HR documents: heads see their own subtree);
//   Activity     — manager/head/executive;
//   Notes        — confidential person notes: manager/head/executive, within the SENSITIVE
//                  scope (heads: own subtree), never about oneself unless executive;
//   LinkedIn     — manager/head/executive, or the person themself.
import type { Viewer } from "~/platform/session.server";
import type { ProfileTab } from "./schemas";

type TabViewer = Pick<Viewer, "accessLevel" | "personId">;

const RESTRICTED_LEVELS = new Set(["manager", "head", "executive"]);

export function canSeeRestrictedTabs(viewer: TabViewer, _personId: string) {
  return RESTRICTED_LEVELS.has(viewer.accessLevel);
}

/**
 * The tabs this viewer may open for a person already known to be in their (default) scope.
 * `inSensitiveScope` says whether the person is also in the viewer's sensitive scope;
 * `available` lists tabs whose module exists (documents, LinkedIn are other areas').
 */
export function visibleTabs(
  viewer: TabViewer & { permissions?: Viewer["permissions"] },
  personId: string,
  inSensitiveScope: boolean,
  available: ReadonlySet<ProfileTab>,
): ProfileTab[] {
  const self = viewer.personId === personId;
  const restricted = RESTRICTED_LEVELS.has(viewer.accessLevel);
  const tabs: ProfileTab[] = ["details"];
  if (restricted || self) tabs.push("employment");
  if (restricted && inSensitiveScope && available.has("documents") && (viewer.permissions?.documents?.view ?? true)) tabs.push("documents");
  if (restricted && inSensitiveScope && (!self || viewer.accessLevel === "executive")) tabs.push("notes");
  if ((restricted || self) && available.has("linkedin")) tabs.push("linkedin");
  if (restricted) tabs.push("activity");
  return tabs;
}
