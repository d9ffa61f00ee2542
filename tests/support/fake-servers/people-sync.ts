// Stateful fakes of the people-sync sources, answering with each API's documented shapes:
// Productive JSON:API people (paginated by page[number]/page[size], meta.total_pages), the
// Google Admin SDK Directory users list (nextPageToken), and Xero Payroll AU Employees (100 per
// page). Tests change `state` between calls to simulate new, changed and removed people,
// errors, timeouts and invalid JSON.
import { bearer, type FakeReply, type FakeRoutes } from "../fake-server";

export interface FakeProductivePerson {
  id: string;
  first_name: string;
  last_name: string;
  email: string;
  title?: string | null;
  avatar_url?: string | null;
  status?: number;
  managerId?: string | null;
  department?: string | null;
}

export interface FakeSourceState {
  /** Answer this instead of data (e.g. { status: 500 } or { text: "not json" }). */
  failure?: FakeReply | null;
  /** Fail only this page number. */
  failPage?: number | null;
  delayMs?: number;
}

export interface ProductiveState extends FakeSourceState {
  token: string;
  orgId: string;
  people: FakeProductivePerson[];
  /** Serve at most this many per page (the real API honours page[size] up to 200). */
  pageSize?: number;
}

export function productivePeopleRoutes(state: ProductiveState): FakeRoutes {
  return {
    "GET /people": (req) => {
      if (req.headers["x-auth-token"] !== state.token) return { status: 401, json: { errors: [{ status: "401", title: "Unauthorized" }] } };
      if (req.headers["x-organization-id"] !== state.orgId) return { status: 403, json: { errors: [{ status: "403", title: "Forbidden" }] } };
      if (req.headers["content-type"] !== "application/vnd.api+json") return { status: 415, json: { errors: [{ title: "Unsupported media type" }] } };
      const pageNumber = Number(req.query.get("page[number]") ?? "1");
      if (state.failure && (!state.failPage || state.failPage === pageNumber)) return { ...state.failure, delayMs: state.failure.delayMs ?? state.delayMs };
      const requested = Number(req.query.get("page[size]") ?? "30");
      const size = Math.min(requested, state.pageSize ?? requested, 200);
      const active = state.people.filter((p) => (req.query.get("filter[status]") === "1" ? (p.status ?? 1) === 1 : true));
      const totalPages = Math.max(1, Math.ceil(active.length / size));
      const page = active.slice((pageNumber - 1) * size, pageNumber * size);
      return {
        delayMs: state.delayMs,
        json: {
          data: page.map((p) => ({
            id: p.id,
            type: "people",
            attributes: {
              first_name: p.first_name, last_name: p.last_name, email: p.email, title: p.title ?? null,
              avatar_url: p.avatar_url ?? null, status: p.status ?? 1,
              ...(p.department !== undefined ? { department: p.department } : {}),
            },
            relationships: {
              manager: { data: p.managerId ? { type: "people", id: p.managerId } : null },
              company: { data: { type: "companies", id: "1" } },
            },
          })),
          links: { first: "…", last: "…" },
          meta: { current_page: pageNumber, total_pages: totalPages, total_count: active.length, page_size: size, max_page_size: 200 },
        },
      };
    },
  };
}

export interface GoogleState extends FakeSourceState {
  token: string;
  users: { primaryEmail: string; givenName: string; familyName: string; thumbnailPhotoUrl?: string; title?: string; suspended?: boolean }[];
  pageSize?: number;
}

export function googleDirectoryRoutes(state: GoogleState): FakeRoutes {
  return {
    "GET /admin/directory/v1/users": (req) => {
      if (bearer(req) !== state.token) return { status: 401, json: { error: { code: 401, message: "Request had invalid authentication credentials.", status: "UNAUTHENTICATED" } } };
      if (req.query.get("customer") !== "my_customer") return { status: 400, json: { error: { code: 400, message: "Bad Request" } } };
      if (state.failure) return { ...state.failure, delayMs: state.failure.delayMs ?? state.delayMs };
      const size = Math.min(Number(req.query.get("maxResults") ?? "100"), state.pageSize ?? 500);
      const offset = Number(req.query.get("pageToken") ?? "0");
      const page = state.users.slice(offset, offset + size);
      const next = offset + size < state.users.length ? String(offset + size) : undefined;
      return {
        delayMs: state.delayMs,
        json: {
          kind: "admin#directory#users",
          etag: "\"etag\"",
          users: page.map((u, i) => ({
            kind: "admin#directory#user",
            id: String(100000 + offset + i),
            primaryEmail: u.primaryEmail,
            name: { givenName: u.givenName, familyName: u.familyName, fullName: `${u.givenName} ${u.familyName}` },
            isAdmin: false,
            suspended: u.suspended ?? false,
            ...(u.thumbnailPhotoUrl ? { thumbnailPhotoUrl: u.thumbnailPhotoUrl } : {}),
            ...(u.title ? { organizations: [{ title: u.title, primary: true, customType: "" }] } : {}),
          })),
          ...(next ? { nextPageToken: next } : {}),
        },
      };
    },
  };
}

export interface XeroState extends FakeSourceState {
  token: string;
  tenantId: string;
  employees: { EmployeeID: string; FirstName: string; LastName: string; Email?: string; Status?: string }[];
}

export function xeroPayrollRoutes(state: XeroState): FakeRoutes {
  return {
    "GET /payroll.xro/1.0/Employees": (req) => {
      if (bearer(req) !== state.token) return { status: 401, json: { Type: null, Title: "Unauthorized", Status: 401, Detail: "AuthenticationUnsuccessful" } };
      if (req.headers["xero-tenant-id"] !== state.tenantId) return { status: 403, json: { Type: null, Title: "Forbidden", Status: 403, Detail: "AuthorizationUnsuccessful" } };
      if (state.failure) return { ...state.failure, delayMs: state.failure.delayMs ?? state.delayMs };
      const page = Number(req.query.get("page") ?? "1");
      const rows = state.employees.slice((page - 1) * 100, page * 100);
      return {
        delayMs: state.delayMs,
        json: {
          Id: "b8d0b6b4-0000-0000-0000-000000000000",
          Status: "OK",
          ProviderName: "Nucleus",
          DateTimeUTC: "/Date(1764028800000)/",
          Employees: rows.map((e) => ({ Status: "ACTIVE", UpdatedDateUTC: "/Date(1764028800000+0000)/", ...e })),
        },
      };
    },
  };
}

/** The seeded people (db/seed.sql) as Productive would list them: same ids, managers, squads. */
export const SEEDED_PRODUCTIVE_PEOPLE: FakeProductivePerson[] = [
  ["olivia-bennett", "Olivia", "Bennett", "Chief Executive Officer", null, null],
  ["james-nguyen", "James", "Nguyen", "Chief Operating Officer", "olivia-bennett", null],
  ["priya-raman", "Priya", "Raman", "Head of Delivery", "olivia-bennett", null],
  ["marcus-lee", "Marcus", "Lee", "Head of Growth", "olivia-bennett", null],
  ["sophie-walker", "Sophie", "Walker", "Head of People & Culture", "olivia-bennett", null],
  ["tom-fletcher", "Tom", "Fletcher", "Delivery Manager", "priya-raman", "Apollo"],
  ["aisha-khan", "Aisha", "Khan", "Delivery Manager", "priya-raman", "Nova"],
  ["daniel-costa", "Daniel", "Costa", "Engineering Manager", "priya-raman", "Apex"],
  ["emily-chen", "Emily", "Chen", "Sales Manager", "marcus-lee", null],
  ["hannah-wright", "Hannah", "Wright", "Finance Manager", "james-nguyen", null],
  ["grace-obrien", "Grace", "O'Brien", "People & Culture Manager", "sophie-walker", null],
  ["liam-murphy", "Liam", "Murphy", "Technical Lead", "daniel-costa", "Apex"],
  ["chloe-martin", "Chloe", "Martin", "Senior Developer", "liam-murphy", "Apex"],
  ["ethan-brown", "Ethan", "Brown", "Developer", "liam-murphy", "Apex"],
  ["noah-wilson", "Noah", "Wilson", "Developer", "daniel-costa", "Odyssey"],
  ["mia-taylor", "Mia", "Taylor", "Technical Lead", "daniel-costa", "Odyssey"],
  ["zara-ahmed", "Zara", "Ahmed", "Frontend Developer", "mia-taylor", "Odyssey"],
  ["lucas-rossi", "Lucas", "Rossi", "Project Manager", "tom-fletcher", "Apollo"],
  ["ava-jones", "Ava", "Jones", "Digital Producer", "tom-fletcher", "Apollo"],
  ["isla-thompson", "Isla", "Thompson", "UX Designer", "lucas-rossi", "Apollo"],
  ["oliver-smith", "Oliver", "Smith", "Project Manager", "aisha-khan", "Nova"],
  ["ruby-davies", "Ruby", "Davies", "Content Strategist", "aisha-khan", "Nova"],
  ["jack-harris", "Jack", "Harris", "SEO Specialist", "oliver-smith", "Nova"],
  ["leo-kim", "Leo", "Kim", "Performance Marketer", "aisha-khan", "Ultra"],
  ["sienna-clarke", "Sienna", "Clarke", "Retail Account Lead", "tom-fletcher", "Retail"],
  ["max-patel", "Max", "Patel", "Shopify Developer", "sienna-clarke", "Retail"],
  ["ella-white", "Ella", "White", "Business Development Executive", "emily-chen", null],
  ["henry-scott", "Henry", "Scott", "Account Executive", "emily-chen", null],
  ["amelia-young", "Amelia", "Young", "Bookkeeper", "hannah-wright", null],
  ["kai-robinson", "Kai", "Robinson", "Data Analyst", "daniel-costa", "Polaris"],
].map(([id, first, last, title, manager, squad]) => ({
  id: `prod-${id}`,
  first_name: first!,
  last_name: last!,
  email: `${id === "grace-obrien" ? "grace.obrien" : id!.replace("-", ".")}@dotcollective.com.au`,
  title,
  managerId: manager ? `prod-${manager}` : null,
  department: squad,
}));
