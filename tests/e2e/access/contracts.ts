import { publicRoute, type RouteAccess } from "./types";

// Sales ▸ contracts (seeded grants): employees and leads have no contracts tool (403); managers
// view and update (contracts they or their reports own); executives and heads also manage
// templates. The public signing routes are outside both realms: any unusable token is a 404
// for everyone (flows in contracts.spec.ts and tests/modules/contracts).
const contracts = (overrides: Partial<RouteAccess["expect"]> = {}): RouteAccess["expect"] => ({
  anonymous: "login", employee: 403, manager: 200, executive: 200, portal: "login", ...overrides,
});
const BOGUS = "Zm9vYmFyYmF6cXV4cXV1eHF1dXhxdXV4cXV1eHF1dXg";

export const contractsRoutes: RouteAccess[] = [
  { id: "routes/_app+/contracts+/_index", path: "/contracts", expect: contracts() },
  { id: "routes/_app+/contracts+/new", path: "/contracts/new?template=ctpl-msa", expect: contracts(), note: "contracts:update" },
  {
    id: "routes/_app+/contracts+/$contractId", path: "/contracts/contract-harbour-loyalty-msa", expect: contracts(),
    note: "Daniel's own draft; another owner's contract is a 404 for him (tests/modules/contracts)",
  },
  { id: "routes/_app+/contracts+/$contractId_.document[.pdf]", path: "/contracts/contract-harbour-loyalty-msa/document.pdf?version=original", expect: contracts() },
  { id: "routes/_app+/contracts+/templates._index", path: "/contracts/templates", expect: contracts({ manager: 403 }), note: "contracts:manage" },
  { id: "routes/_app+/contracts+/templates.$templateId", path: "/contracts/templates/ctpl-msa", expect: contracts({ manager: 403 }), note: "contracts:manage" },
  { id: "routes/_app+/contracts+/templates.$templateId_.pdf", path: "/contracts/templates/ctpl-msa/pdf", expect: contracts({ manager: 403 }), note: "contracts:manage" },
  { id: "routes/sign+/$token", path: `/sign/${BOGUS}`, expect: publicRoute(404), note: "public; unknown/tampered/expired/used token → the same 404" },
  { id: "routes/sign+/$token_.document[.pdf]", path: `/sign/${BOGUS}/document.pdf`, expect: publicRoute(404), note: "public; same 404 as the page" },
  { id: "routes/sign+/done", path: "/sign/done?outcome=signed", expect: publicRoute(200), note: "public landing after signing or declining" },
];
