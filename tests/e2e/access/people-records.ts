import { employeeOnly, publicRoute, type RouteAccess } from "./types";

// People, part 2: onboarding, templates, HR documents, LinkedIn (and its webhook).
export const peopleRecordsRoutes: RouteAccess[] = [
  { id: "routes/_app+/onboarding+/_index", path: "/onboarding", expect: employeeOnly(), note: "own checklist; ?userId= scoped (module tests)" },
  { id: "routes/_app+/onboarding+/team", path: "/onboarding/team", expect: employeeOnly(), note: "rows limited to the viewer's scope" },
  { id: "routes/_app+/settings+/templates", path: "/settings/templates?type=onboarding", expect: employeeOnly({ employee: 403 }), note: "templates:view (managers view, executives manage)" },
  {
    id: "routes/_app+/settings+/templates_.$type.$templateId", path: "/settings/templates/onboarding/tpl-onb-common",
    expect: employeeOnly({ employee: 403 }),
  },
  { id: "routes/_app+/documents+/_index", path: "/documents", expect: employeeOnly(), note: "own documents by default; ?person= in sensitive scope" },
  {
    id: "routes/_app+/documents+/$documentId.download", path: "/documents/no-such-document/download",
    expect: { anonymous: "login", employee: 404, manager: 404, executive: 404, portal: "login" },
    note: "unknown or out of scope → 404 (real downloads: documents.spec.ts)",
  },
  { id: "routes/_app+/linkedin+/_index", path: "/linkedin", expect: employeeOnly() },
  { id: "routes/webhooks+/linkedin", path: "/webhooks/linkedin", expect: publicRoute(405), note: "POST only, HMAC-signed; sessions are never auth" },
];
