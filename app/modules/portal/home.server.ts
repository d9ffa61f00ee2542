// What a signed-in client sees. EVERY query here is filtered by the portal viewer's company
// in SQL; a record of another company is simply not found.
import { batch } from "~/platform/batch.server";
import type { Db } from "~/platform/db.server";
import type { PortalViewer } from "~/platform/portal-session.server";

export const CONTACTS_PAGE_SIZE = 50;

const contactColumns = [
  "contacts.id", "contacts.first_name", "contacts.last_name", "contacts.role",
  "contacts.email", "contacts.phone", "contacts.is_primary",
] as const;

/** The portal home in ONE round trip: the company, its account manager, a page of its contacts. */
export async function loadPortalHome(db: Db, viewer: Pick<PortalViewer, "companyId">, page: number) {
  const [companies, contacts] = await batch(db, [
    db.query
      .selectFrom("companies")
      .leftJoin("people as manager", "manager.id", "companies.account_manager_id")
      .select([
        "companies.id", "companies.name", "companies.website", "companies.industry",
        "manager.first_name as manager_first_name", "manager.last_name as manager_last_name",
        "manager.title as manager_title", "manager.email as manager_email",
      ])
      .where("companies.id", "=", viewer.companyId),
    db.query
      .selectFrom("contacts")
      .select(contactColumns)
      .where("contacts.company_id", "=", viewer.companyId)
      .orderBy("contacts.last_name")
      .orderBy("contacts.first_name")
      .orderBy("contacts.id")
      .limit(CONTACTS_PAGE_SIZE + 1)
      .offset((page - 1) * CONTACTS_PAGE_SIZE),
  ]);
  const company = companies[0];
  if (!company) return null;
  const accountManager = company.manager_email
    ? {
        name: `${company.manager_first_name ?? ""} ${company.manager_last_name ?? ""}`.trim(),
        title: company.manager_title,
        email: company.manager_email,
      }
    : null;
  return {
    company: { id: company.id, name: company.name, website: company.website, industry: company.industry },
    accountManager,
    contacts: { rows: contacts.slice(0, CONTACTS_PAGE_SIZE), hasNext: contacts.length > CONTACTS_PAGE_SIZE, page },
  };
}

/** One contact of the viewer's own company, or null (another company's contact → 404). */
export async function findPortalContact(db: Db, viewer: Pick<PortalViewer, "companyId">, contactId: string) {
  const row = await db.query
    .selectFrom("contacts")
    .select(contactColumns)
    .where("contacts.id", "=", contactId)
    .where("contacts.company_id", "=", viewer.companyId)
    .executeTakeFirst();
  return row ?? null;
}
