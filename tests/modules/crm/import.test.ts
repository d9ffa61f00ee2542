import { describe, expect, it } from "vitest";
import { action as importAction } from "~/routes/_app+/companies+/import";
import { action as reportAction } from "~/routes/_app+/companies+/import-errors[.csv]";
import type { ImportStepResult } from "~/modules/crm/import.server";
import { parseCsv } from "~/modules/crm/csv";
import { setupTestDb } from "../../support/d1";
import { count, LEAD, MANAGER, postMultipart } from "./helpers";

const db = setupTestDb({ seed: true });

type Step<S extends ImportStepResult["step"]> = Extract<ImportStepResult, { step: S }>;

function upload(kind: "companies" | "contacts", csv: string | Uint8Array<ArrayBuffer>, duplicates: "update" | "skip" = "update") {
  const form = new FormData();
  form.set("intent", "upload");
  form.set("kind", kind);
  form.set("duplicates", duplicates);
  form.set("file", new File([csv], `${kind}.csv`, { type: "text/csv" }));
  return postMultipart<ImportStepResult>(importAction, db.context(), MANAGER, "/companies/import", form);
}

/** Posts a later step with the file text and a mapping (by header name). */
function step(intent: "preview" | "confirm" | "map", kind: "companies" | "contacts", csv: string, mapping: Record<string, number>, duplicates: "update" | "skip" = "update", user = MANAGER) {
  const form = new FormData();
  form.set("intent", intent);
  form.set("kind", kind);
  form.set("duplicates", duplicates);
  form.set("csv", csv);
  for (const [field, index] of Object.entries(mapping)) form.set(`map.${field}`, String(index));
  return postMultipart<ImportStepResult>(importAction, db.context(), user, "/companies/import", form);
}

const COMPANIES = [
  "Company,Website domain,Sector,Parent domain",
  "Harbour & Co,harbourco.com.au,Retail & Lifestyle,",
  '"Summit Health, Clinics",https://www.summithealth.com.au/,Healthcare,',
  "Summit Dental,summitdental.com.au,Healthcare,summithealth.com.au",
  "Summit Health Again,SUMMITHEALTH.com.au,Healthcare,",
  "Broken Co,not a domain,,",
  ",nameless.com.au,,",
  "Orphan Pty,orphan.com.au,,nowhere.com.au",
].join("\r\n");

describe("upload step", () => {
  it("maps columns from the header, and refuses empty, oversize, non-UTF-8 and malformed files", async () => {
    const mapped = await upload("companies", COMPANIES);
    expect(mapped.status).toBe(200);
    const map = mapped.data as Step<"map">;
    expect(map.step).toBe("map");
    expect(map.headers).toEqual(["Company", "Website domain", "Sector", "Parent domain"]);
    expect(map.mapping).toEqual({ name: 0, domain: 1, industry: 2, parent_domain: 3 });

    const cases: [string | Uint8Array<ArrayBuffer>, RegExp][] = [
      ["name\n", /no data rows/],
      [new Uint8Array([0x6e, 0x61, 0x6d, 0x65, 0x0a, 0xff, 0xfe, 0x41]), /not UTF-8/],
      ['name\n"unclosed', /never closed/],
      ["x".repeat(2 * 1024 * 1024 + 1), /larger than 2 MB/],
    ];
    for (const [file, message] of cases) {
      const result = await upload("companies", file);
      expect(result.status).toBe(400);
      expect((result.data as Step<"upload">).errors.file).toMatch(message);
    }
  });

  it("needs the required fields mapped, and companies:update (contacts:update for contacts)", async () => {
    const missing = await step("preview", "companies", COMPANIES, { domain: 1 });
    expect(missing.status).toBe(400);
    expect((missing.data as Step<"map">).errors["map.name"]).toMatch(/name/);
    expect((await step("preview", "companies", COMPANIES, { name: 0 }, "update", LEAD)).status).toBe(403);
  });
});

describe("preview and confirm", () => {
  const mapping = { name: 0, domain: 1, industry: 2, parent_domain: 3 };

  it("gives every row a status and reason, and writes NOTHING while any row has an error", async () => {
    const preview = (await step("preview", "companies", COMPANIES, mapping)).data as Step<"preview">;
    expect(preview.counts).toMatchObject({ total: 7, create: 2, update: 1, skip: 1, error: 3 });
    expect(preview.preview.map((r) => `${r.row}:${r.status}`)).toEqual(["1:update", "2:create", "3:create", "4:skip", "5:error", "6:error", "7:error"]);
    expect(preview.preview[3]!.reason).toBe("Duplicate of row 2 in this file");
    expect(preview.problems.map((r) => r.reason)).toEqual([
      '"not a domain" is not a domain',
      "Name is empty",
      "No company has the parent domain nowhere.com.au (add it above this row or create it first)",
    ]);
    const before = { companies: await count(db.context(), "companies"), history: await count(db.context(), "history") };
    const confirm = await step("confirm", "companies", COMPANIES, mapping);
    expect(confirm.status).toBe(400);
    expect((confirm.data as Step<"preview">).errors.form).toMatch(/^Nothing was imported: 3 rows have errors/);
    expect(await count(db.context(), "companies")).toBe(before.companies);
    expect(await count(db.context(), "history")).toBe(before.history);

    // The downloadable report lists the error and skipped rows with their original cells.
    const form = new FormData();
    form.set("kind", "companies");
    form.set("duplicates", "update");
    form.set("csv", COMPANIES);
    for (const [field, index] of Object.entries(mapping)) form.set(`map.${field}`, String(index));
    const report = await postMultipart(reportAction, db.context(), MANAGER, "/companies/import-errors.csv", form);
    expect(report.status).toBe(200);
    const rows = parseCsv(await report.response!.text()).records;
    expect(rows[0]).toEqual(["Row", "Line", "Status", "Reason", "Company", "Website domain", "Sector", "Parent domain"]);
    expect(rows.slice(1).map((r) => `${r[0]}:${r[2]}`)).toEqual(["4:skip", "5:error", "6:error", "7:error"]);
    expect(rows[2]![4]).toBe("Broken Co");
  });

  it("once fixed, writes every row (parents before children) with one history row each", async () => {
    const fixed = COMPANIES.split("\r\n").slice(0, 5).join("\r\n");
    const confirm = await step("confirm", "companies", fixed, mapping);
    expect(confirm.status).toBe(200);
    expect((confirm.data as Step<"done">).counts).toMatchObject({ create: 2, update: 1, skip: 1, error: 0 });
    const q = db.context().db.query;
    const summit = await q.selectFrom("companies").selectAll().where("domain", "=", "summithealth.com.au").executeTakeFirstOrThrow();
    expect(summit).toMatchObject({ name: "Summit Health, Clinics", website: "https://summithealth.com.au", industry: "Healthcare", created_by: "user-daniel-costa" });
    const dental = await q.selectFrom("companies").selectAll().where("domain", "=", "summitdental.com.au").executeTakeFirstOrThrow();
    expect(dental.parent_id).toBe(summit.id);
    const harbour = await q.selectFrom("companies").selectAll().where("id", "=", "co-harbour-co").executeTakeFirstOrThrow();
    expect(harbour.industry).toBe("Retail & Lifestyle");
    const history = await q.selectFrom("history").selectAll().where("resource_id", "in", [summit.id, dental.id, "co-harbour-co"]).where("details", "like", "%csv import%").execute();
    expect(history.map((h) => h.action).sort()).toEqual(["created", "created", "updated"]);
    const update = history.find((h) => h.action === "updated")!;
    expect(JSON.parse(update.details!).changes).toEqual({ industry: { from: "Retail", to: "Retail & Lifestyle" } });

    // Importing the same file again: everything is a duplicate now.
    const again = (await step("preview", "companies", fixed, mapping)).data as Step<"preview">;
    expect(again.counts).toMatchObject({ create: 0, update: 0, skip: 4 });
    expect(again.preview.map((r) => r.reason)).toEqual(["Already up to date", "Already up to date", "Already up to date", "Duplicate of row 2 in this file"]);
  });

  it("with 'skip', existing records are left alone", async () => {
    const csv = "Company,Domain,Sector\nHarbour & Co,harbourco.com.au,Something else\nNew Co,newco.com.au,Retail";
    const confirm = await step("confirm", "companies", csv, { name: 0, domain: 1, industry: 2 }, "skip");
    expect((confirm.data as Step<"done">).counts).toMatchObject({ create: 1, skip: 1 });
    const harbour = await db.context().db.query.selectFrom("companies").select("industry").where("id", "=", "co-harbour-co").executeTakeFirstOrThrow();
    expect(harbour.industry).toBe("Retail");
  });

  it("refuses a parent that would make a loop in an existing group", async () => {
    const csv = "Company,Domain,Parent\nHarbour & Co,harbourco.com.au,shop.harbourco.com.au";
    const preview = (await step("preview", "companies", csv, { name: 0, domain: 1, parent_domain: 2 })).data as Step<"preview">;
    expect(preview.problems[0]!.reason).toMatch(/loop/);
  });
});

describe("contacts with company columns", () => {
  const CONTACTS = [
    "Email,First Name,Surname,Title,Company,Website,Primary",
    "rachel@harbourco.com.au,Rachel,Green,Chief Marketing Officer,Harbour & Co,harbourco.com.au,yes",
    "mila@pinnacle.com.au,Mila,Roy,CEO,Pinnacle Foods,pinnacle.com.au,yes",
    "jon@pinnacle.com.au,Jon,Roy,CFO,Pinnacle Foods,pinnacle.com.au,no",
    "MILA@pinnacle.com.au,Mila,Roy,CEO,Pinnacle Foods,pinnacle.com.au,yes",
    "ava@harbourco.com.au,Ava,Marsh,Designer,,harbourco.com.au,yes",
    "bad-email,Bad,Row,,,,",
    "lee@nowhere.com.au,Lee,Park,,,,maybe",
  ].join("\n");
  const mapping = { email: 0, first_name: 1, last_name: 2, role: 3, company_name: 4, company_domain: 5, is_primary: 6 };

  it("dedupes by email, finds or creates companies, and blocks two primaries for one company", async () => {
    const preview = (await step("preview", "contacts", CONTACTS, mapping)).data as Step<"preview">;
    expect(preview.preview.map((r) => `${r.row}:${r.status}`)).toEqual(["1:update", "2:create", "3:create", "4:skip", "5:error", "6:error", "7:error"]);
    expect(preview.preview[1]!.note).toBe("New company: Pinnacle Foods");
    expect(preview.preview[2]!.note).toBe("Pinnacle Foods");
    expect(preview.problems.map((r) => r.reason)).toEqual([
      "Row 1 already makes a primary contact for Harbour & Co",
      '"bad-email" is not an email address',
      'Primary must be yes or no, not "maybe"',
    ]);
    expect(preview.counts.newCompanies).toBe(1);
    const before = await count(db.context(), "contacts");
    expect((await step("confirm", "contacts", CONTACTS, mapping)).status).toBe(400);
    expect(await count(db.context(), "contacts")).toBe(before);
  });

  it("imports the fixed file: new company, primary moved in the same batch, updates with history", async () => {
    const fixed = CONTACTS.split("\n").filter((_, i) => i < 5).join("\n").replace("ava@harbourco.com.au,Ava,Marsh,Designer,,harbourco.com.au,yes", "");
    const companiesBefore = await count(db.context(), "companies");
    const confirm = await step("confirm", "contacts", fixed, mapping, "update");
    expect(confirm.status).toBe(200);
    expect((confirm.data as Step<"done">).counts).toMatchObject({ create: 2, update: 1, skip: 1, newCompanies: 1 });
    expect(await count(db.context(), "companies")).toBe(companiesBefore + 1);
    const q = db.context().db.query;
    const pinnacle = await q.selectFrom("companies").selectAll().where("domain", "=", "pinnacle.com.au").executeTakeFirstOrThrow();
    expect(pinnacle.name).toBe("Pinnacle Foods");
    const staff = await q.selectFrom("contacts").select(["email", "is_primary", "company_id"]).where("company_id", "=", pinnacle.id).orderBy("email").execute();
    expect(staff).toEqual([
      { email: "jon@pinnacle.com.au", is_primary: 0, company_id: pinnacle.id },
      { email: "mila@pinnacle.com.au", is_primary: 1, company_id: pinnacle.id },
    ]);
    const rachel = await q.selectFrom("contacts").selectAll().where("id", "=", "ct-rachel-green").executeTakeFirstOrThrow();
    expect(rachel.role).toBe("Chief Marketing Officer");
    const history = await q.selectFrom("history").select(["action", "details"]).where("resource_id", "=", "ct-rachel-green").where("details", "like", "%csv import%").execute();
    expect(history.map((h) => JSON.parse(h.details!).changes)).toEqual([{ role: { from: "Marketing Director", to: "Chief Marketing Officer" } }]);
  });

  it("a new primary from the file replaces the existing one", async () => {
    const csv = "Email,First Name,Company domain,Primary\nbea@harbourco.com.au,Bea,harbourco.com.au,yes";
    const confirm = await step("confirm", "contacts", csv, { email: 0, first_name: 1, company_domain: 2, is_primary: 3 });
    expect(confirm.status).toBe(200);
    const primaries = await db.context().db.query.selectFrom("contacts").select("email").where("company_id", "=", "co-harbour-co").where("is_primary", "=", 1).execute();
    expect(primaries).toEqual([{ email: "bea@harbourco.com.au" }]);
    const cleared = await db.context().db.query.selectFrom("history").select("details").where("resource_id", "=", "ct-rachel-green").where("details", "like", "%another contact became primary%").execute();
    expect(cleared).toHaveLength(1);
  });

  it("imports a few thousand rows in one atomic batch, far under the parameter limit", async () => {
    const lines = ["email,first_name,company_domain"];
    for (let i = 0; i < 2500; i++) lines.push(`person${i}@bulk${i % 40}.com.au,Person ${i},bulk${i % 40}.com.au`);
    const context = db.context();
    const form = new FormData();
    form.set("intent", "confirm");
    form.set("kind", "contacts");
    form.set("duplicates", "update");
    form.set("csv", lines.join("\n"));
    form.set("map.email", "0");
    form.set("map.first_name", "1");
    form.set("map.company_domain", "2");
    const before = context.db.stats.roundTrips;
    const result = await postMultipart<Step<"done">>(importAction, context, MANAGER, "/companies/import", form);
    expect(result.status).toBe(200);
    expect(result.data).toMatchObject({ batches: 1, counts: { create: 2500, newCompanies: 40 } });
    // Viewer + one read batch + one write batch (+ the session the helper starts).
    expect(context.db.stats.roundTrips - before).toBeLessThanOrEqual(4);
    expect(await db.context().db.query.selectFrom("history").select("id").where("details", "like", "%csv import%").execute()).toHaveLength(2540);
  });
});
