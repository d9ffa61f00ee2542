// Xero Payroll AU — leave (base URL from XERO_API_URL, default https://api.xero.com; bearer token
// + Xero-tenant-id header):
//   GET  {base}/payroll.xro/1.0/PayItems → {PayItems: {LeaveTypes: [{LeaveTypeID, Name, IsPaidLeave, TypeOfUnits}]}}
//   GET  {base}/payroll.xro/1.0/Employees/{EmployeeID} → {Employees: [{EmployeeID, LeaveBalances: [{LeaveTypeID, LeaveName, NumberOfUnits, TypeOfUnits}]}]}
//   POST {base}/payroll.xro/1.0/LeaveApplications [{EmployeeID, LeaveTypeID, Title, StartDate, EndDate, Description}]
//        → {LeaveApplications: [{LeaveApplicationID, ...}]}
//   POST {base}/payroll.xro/1.0/LeaveApplications/{LeaveApplicationID}/reject → cancels it in Xero
import { z } from "zod";
import type { XeroConfig } from "./xero-payroll.server";
import { IntegrationError, joinUrl, requestJson } from "./request.server";

export interface XeroLeaveType { leaveTypeId: string; name: string; isPaid: boolean }
export interface XeroLeaveBalance { leaveTypeId: string; name: string | null; hours: number }

const headers = (c: XeroConfig) => ({ Authorization: `Bearer ${c.token}`, "Xero-tenant-id": c.tenantId, "Content-Type": "application/json" });
const url = (c: XeroConfig, path: string) => joinUrl(c.baseUrl, `payroll.xro/1.0/${path}`);

const payItemsSchema = z.object({
  PayItems: z.object({
    LeaveTypes: z.array(z.object({ LeaveTypeID: z.string().min(1), Name: z.string(), IsPaidLeave: z.boolean().nullish() }).passthrough()).nullish(),
  }).passthrough(),
}).passthrough();

export async function fetchLeaveTypes(c: XeroConfig): Promise<XeroLeaveType[]> {
  const { body } = await requestJson("Xero", url(c, "PayItems"), { headers: headers(c) }, c);
  const parsed = payItemsSchema.safeParse(body);
  if (!parsed.success) throw new IntegrationError("Xero", "Xero pay items did not have the expected shape");
  return (parsed.data.PayItems.LeaveTypes ?? []).map((t) => ({ leaveTypeId: t.LeaveTypeID, name: t.Name, isPaid: t.IsPaidLeave !== false }));
}

const employeeSchema = z.object({
  Employees: z.array(z.object({
    LeaveBalances: z.array(z.object({ LeaveTypeID: z.string().min(1), LeaveName: z.string().nullish(), NumberOfUnits: z.number().nullish() }).passthrough()).nullish(),
  }).passthrough()).min(1),
}).passthrough();

export async function fetchLeaveBalances(c: XeroConfig, employeeId: string): Promise<XeroLeaveBalance[]> {
  const { body } = await requestJson("Xero", url(c, `Employees/${encodeURIComponent(employeeId)}`), { headers: headers(c) }, c);
  const parsed = employeeSchema.safeParse(body);
  if (!parsed.success) throw new IntegrationError("Xero", "Xero employee did not have the expected shape");
  return (parsed.data.Employees[0]!.LeaveBalances ?? []).map((b) => ({ leaveTypeId: b.LeaveTypeID, name: b.LeaveName ?? null, hours: b.NumberOfUnits ?? 0 }));
}

export async function createLeaveApplication(
  c: XeroConfig,
  input: { employeeId: string; leaveTypeId: string; title: string; startDate: string; endDate: string; description?: string | null },
): Promise<string> {
  const { body } = await requestJson("Xero", url(c, "LeaveApplications"), {
    method: "POST",
    headers: headers(c),
    body: JSON.stringify([{
      EmployeeID: input.employeeId,
      LeaveTypeID: input.leaveTypeId,
      Title: input.title.slice(0, 50),
      StartDate: `${input.startDate}T00:00:00`,
      EndDate: `${input.endDate}T00:00:00`,
      Description: input.description?.slice(0, 200) ?? undefined,
    }]),
  }, c);
  const id = (body as { LeaveApplications?: { LeaveApplicationID?: unknown }[] } | null)?.LeaveApplications?.[0]?.LeaveApplicationID;
  if (typeof id !== "string" || !id) throw new IntegrationError("Xero", "Xero answered without a leave application id");
  return id;
}

export async function cancelLeaveApplication(c: XeroConfig, leaveApplicationId: string): Promise<void> {
  await requestJson("Xero", url(c, `LeaveApplications/${encodeURIComponent(leaveApplicationId)}/reject`), { method: "POST", headers: headers(c), body: "{}" }, c);
}
