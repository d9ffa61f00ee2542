// One fake for every service the leave area calls (each keeps its documented paths, so one base
// URL serves XERO_API_URL, PRODUCTIVE_API_URL, SLACK_API_URL, GOOGLE_API_URL, GOOGLE_OAUTH_URL
// and NAGER_API_URL): Xero Payroll AU leave, Productive bookings, Google OAuth token + Calendar
// events, Slack chat.postMessage/chat.delete, Nager.Date public holidays. Paths with ids are
// matched by a Proxy over the route table. `state.fail` forces a provider to answer an error.
import { generateKeyPairSync, webcrypto } from "node:crypto";
import type { FakeReply, FakeRequest, FakeRoutes } from "../fake-server";

export const LEAVE_TOKENS = { xero: "xero-leave-token", tenant: "tenant-leave-1", productive: "prod-leave-token", productiveOrg: "4242", slack: "xoxb-leave-bot" };

export interface LeaveFakeState {
  leaveTypes: { LeaveTypeID: string; Name: string; IsPaidLeave: boolean }[];
  balances: Record<string, { LeaveTypeID: string; LeaveName: string; NumberOfUnits: number }[]>;
  holidays: Record<number, unknown[]>;
  fail: Partial<Record<"xero" | "productive" | "google" | "slack" | "nager", { status: number; json: unknown }>>;
  seq: number;
}

export function leaveFakeState(): LeaveFakeState {
  return {
    leaveTypes: [
      { LeaveTypeID: "9b2e1c3a-0001-4c1e-9d5e-annual000001", Name: "Annual Leave", IsPaidLeave: true },
      { LeaveTypeID: "9b2e1c3a-0002-4c1e-9d5e-personal0002", Name: "Personal/Carer's Leave", IsPaidLeave: true },
      { LeaveTypeID: "9b2e1c3a-0005-4c1e-9d5e-compassion05", Name: "Compassionate Leave", IsPaidLeave: true },
    ],
    balances: {},
    holidays: {},
    fail: {},
    seq: 0,
  };
}

const bearer = (req: FakeRequest) => (req.headers.authorization ?? "").replace(/^Bearer\s+/i, "");

function route(state: LeaveFakeState, req: FakeRequest): FakeReply {
  const p = req.path;
  const key = `${req.method} ${p}`;
  // Xero Payroll AU
  if (p.startsWith("/payroll.xro/")) {
    if (bearer(req) !== LEAVE_TOKENS.xero || req.headers["xero-tenant-id"] !== LEAVE_TOKENS.tenant) return { status: 401, json: { Title: "Unauthorized", Detail: "TokenExpired" } };
    if (state.fail.xero) return { status: state.fail.xero.status, json: state.fail.xero.json };
    if (key === "GET /payroll.xro/1.0/PayItems") return { json: { Id: "x", Status: "OK", PayItems: { EarningsRates: [], LeaveTypes: state.leaveTypes } } };
    const emp = /^GET \/payroll\.xro\/1\.0\/Employees\/([^/]+)$/.exec(key);
    if (emp) return { json: { Employees: [{ EmployeeID: emp[1], FirstName: "E", LastName: "B", LeaveBalances: state.balances[emp[1]!] ?? [] }] } };
    if (key === "POST /payroll.xro/1.0/LeaveApplications") return { json: { Id: "x", Status: "OK", LeaveApplications: [{ LeaveApplicationID: `xla-${++state.seq}`, ...(req.json() as unknown[])[0] as object }] } };
    if (/^POST \/payroll\.xro\/1\.0\/LeaveApplications\/[^/]+\/reject$/.test(key)) return { json: { Id: "x", Status: "OK", LeaveApplications: [] } };
  }
  // Productive
  if (p.startsWith("/bookings")) {
    if (req.headers["x-auth-token"] !== LEAVE_TOKENS.productive) return { status: 401, json: { errors: [{ status: "401", title: "Unauthorized" }] } };
    if (state.fail.productive) return { status: state.fail.productive.status, json: state.fail.productive.json };
    if (key === "POST /bookings") return { status: 201, json: { data: { id: String(9000 + ++state.seq), type: "bookings", attributes: {} } } };
    if (/^DELETE \/bookings\/[^/]+$/.test(key)) return { status: 204, text: "" };
  }
  // Google
  if (key === "POST /token") return { json: { access_token: "google-access-token", expires_in: 3600, token_type: "Bearer" } };
  if (p.startsWith("/calendar/v3/")) {
    if (bearer(req) !== "google-access-token") return { status: 401, json: { error: { code: 401, message: "Invalid Credentials" } } };
    if (state.fail.google) return { status: state.fail.google.status, json: state.fail.google.json };
    if (/^POST \/calendar\/v3\/calendars\/[^/]+\/events$/.test(key)) return { json: { id: `gcal${++state.seq}`, status: "confirmed", htmlLink: "https://calendar.google.com/event" } };
    if (/^DELETE \/calendar\/v3\/calendars\/[^/]+\/events\/[^/]+$/.test(key)) return { status: 204, text: "" };
  }
  // Slack
  if (key === "POST /chat.postMessage" || key === "POST /chat.delete") {
    if (bearer(req) !== LEAVE_TOKENS.slack) return { json: { ok: false, error: "invalid_auth" } };
    if (state.fail.slack) return { status: state.fail.slack.status, json: state.fail.slack.json };
    const form = req.form();
    return key === "POST /chat.postMessage"
      ? { json: { ok: true, channel: "C0LEAVE", ts: `1764000000.${String(++state.seq).padStart(6, "0")}`, message: { text: form.get("text") } } }
      : { json: { ok: true, channel: form.get("channel"), ts: form.get("ts") } };
  }
  // Nager.Date
  const nager = /^GET \/api\/v3\/PublicHolidays\/(\d{4})\/AU$/.exec(key);
  if (nager) {
    if (state.fail.nager) return { status: state.fail.nager.status, json: state.fail.nager.json };
    return { json: state.holidays[Number(nager[1])] ?? [] };
  }
  return { status: 404, json: { error: "not_found" } };
}

/** A route table answering every "METHOD /path" (startFakeServer looks handlers up by key). */
export function leaveRoutes(state: LeaveFakeState): FakeRoutes {
  return new Proxy({} as FakeRoutes, { get: (_t, _key) => (req: FakeRequest) => route(state, req) });
}

// --- stored connections -------------------------------------------------------------------------

const b64url = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64url");

/** The app's AES-GCM credential format (`v1.<iv>.<cipher>`, base64url). */
export async function encryptForApp(base64Key: string, plaintext: string) {
  const key = await webcrypto.subtle.importKey("raw", Buffer.from(base64Key, "base64"), "AES-GCM", false, ["encrypt"]);
  const iv = webcrypto.getRandomValues(new Uint8Array(12));
  const cipher = new Uint8Array(await webcrypto.subtle.encrypt({ name: "AES-GCM", iv }, key, new TextEncoder().encode(plaintext)));
  return `v1.${b64url(iv)}.${b64url(cipher)}`;
}

/** SQL inserting active Xero, Productive, Google and Slack connections (+ Xero links for people). */
export async function leaveConnectionsSql(base64Key: string, xeroPeople: string[] = ["ethan-brown"]) {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const pem = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
  const creds = {
    xero: { token: LEAVE_TOKENS.xero, tenantId: LEAVE_TOKENS.tenant },
    productive: { token: LEAVE_TOKENS.productive, orgId: LEAVE_TOKENS.productiveOrg },
    slack: { botToken: LEAVE_TOKENS.slack },
    google: { serviceAccountJson: JSON.stringify({ type: "service_account", client_email: "nucleus@dotcollective.iam.gserviceaccount.com", private_key: pem, private_key_id: "k1" }) },
  };
  const config: Record<string, string> = {
    xero: "{}", productive: "{}", slack: JSON.stringify({ leaveChannel: "#company-leave" }), google: JSON.stringify({ leaveCalendarId: "tribe@dotcollective.com.au" }),
  };
  const rows = await Promise.all(Object.entries(creds).map(async ([provider, c]) =>
    `('conn-${provider}','${provider}','active','${await encryptForApp(base64Key, JSON.stringify(c))}','test','${config[provider]}')`));
  return [
    `INSERT OR REPLACE INTO connections (id, provider, status, encrypted_credentials, credential_hint, config) VALUES ${rows.join(",\n")};`,
    ...xeroPeople.map((p) => `UPDATE people SET xero_employee_id = 'xero-emp-${p}' WHERE id = '${p}';`),
  ].join("\n");
}
