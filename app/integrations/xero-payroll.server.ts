// Xero Payroll AU client: the organisation's employees, for linking people to Xero.
// GET {base}/payroll.xro/1.0/Employees?page=N with a bearer token and Xero-tenant-id; Xero
// returns up to 100 employees per page, so pages are read until one comes back short.
import { z } from "zod";
import { getJson, IntegrationError, joinUrl, type RequestOptions } from "./json-http.server";

export const XERO_DEFAULT_URL = "https://api.xero.com";
export const XERO_PAGE_SIZE = 100;
const MAX_PAGES = 100;

export interface XeroConfig extends RequestOptions {
  baseUrl: string;
  token: string;
  tenantId: string;
}

export interface XeroEmployee {
  employeeId: string;
  firstName: string;
  lastName: string;
  email: string | null;
  status: string | null;
}

const employeeSchema = z
  .object({
    EmployeeID: z.string().min(1),
    FirstName: z.string().nullish(),
    LastName: z.string().nullish(),
    Email: z.string().nullish(),
    Status: z.string().nullish(),
  })
  .passthrough();

const pageSchema = z.object({ Employees: z.array(employeeSchema).nullish() }).passthrough();

export async function fetchEmployees(config: XeroConfig): Promise<XeroEmployee[]> {
  const headers = {
    Authorization: `Bearer ${config.token}`,
    "Xero-tenant-id": config.tenantId,
    Accept: "application/json",
  };
  const employees: XeroEmployee[] = [];
  for (let page = 1; ; page++) {
    if (page > MAX_PAGES) throw new IntegrationError("Xero", `Xero returned more than ${MAX_PAGES} pages`);
    const body = await getJson("Xero", joinUrl(config.baseUrl, `payroll.xro/1.0/Employees?page=${page}`), headers, config);
    const parsed = pageSchema.safeParse(body);
    if (!parsed.success) throw new IntegrationError("Xero", `Xero employees page ${page} did not have the expected shape`);
    const rows = parsed.data.Employees ?? [];
    for (const e of rows) {
      employees.push({
        employeeId: e.EmployeeID,
        firstName: e.FirstName?.trim() ?? "",
        lastName: e.LastName?.trim() ?? "",
        email: e.Email?.trim().toLowerCase() || null,
        status: e.Status ?? null,
      });
    }
    if (rows.length < XERO_PAGE_SIZE) break;
  }
  return employees;
}
