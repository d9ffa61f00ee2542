import { publicRoute, type RouteAccess } from "./types";

// Proposals (seeded grants): executives and heads view/update/manage, managers view/update,
// leads and employees nothing (403). Templates need proposals:manage. Portal sessions are not
// employee sessions (→ sign-in). The client share link is public: the seeded Harbour token is
// live (200), the seeded Greenleaf one is past its valid_until (404 with an "expired" page), a tampered
// token is a plain 404; the beacon only takes POSTs (GET → 405).
const proposals = (overrides: Partial<RouteAccess["expect"]> = {}): RouteAccess["expect"] => ({
  anonymous: "login", employee: 403, manager: 200, executive: 200, portal: "login", ...overrides,
});

export const proposalsRoutes: RouteAccess[] = [
  { id: "routes/_app+/proposals+/_index", path: "/proposals", expect: proposals() },
  { id: "routes/_app+/proposals+/list", path: "/proposals/list?status=sent", expect: proposals() },
  { id: "routes/_app+/proposals+/new", path: "/proposals/new", expect: proposals(), note: "proposals:update" },
  { id: "routes/_app+/proposals+/$proposalId", path: "/proposals/prop-harbour-loyalty?tab=analytics", expect: proposals(), note: "Daniel's own proposal (the manager persona)" },
  { id: "routes/_app+/proposals+/templates+/_index", path: "/proposals/templates", expect: proposals({ manager: 403 }), note: "proposals:manage" },
  { id: "routes/_app+/proposals+/templates+/$templateId", path: "/proposals/templates/ptpl-website", expect: proposals({ manager: 403 }), note: "proposals:manage" },
  { id: "routes/p+/$token", path: "/p/SeedProposalTokenHarbourWebsiteRebuild00001?page=2", expect: publicRoute(200), note: "public share link" },
  { id: "routes/p+/$token_.beacon", path: "/p/SeedProposalTokenHarbourWebsiteRebuild00001/beacon", expect: publicRoute(405), note: "POST only (sendBeacon)" },
];

/** Extra public checks (not matrix entries): expired → 404 "expired" page, tampered → plain 404. */
export const PROPOSAL_PUBLIC_PATHS = {
  expired: "/p/SeedProposalTokenGreenleafExpiredProposal01",
  tampered: "/p/SeedProposalTokenHarbourWebsiteRebuild00002",
};
