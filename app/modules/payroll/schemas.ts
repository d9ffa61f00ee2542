// Client-safe form and query schemas for payroll.
import { z } from "zod";

/** The "Refresh now" button (the only form on payroll pages). */
export const refreshSchema = z.object({
  intent: z.literal("refresh", { errorMap: () => ({ message: "Unknown action." }) }),
});

export const payrollQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(1000).catch(1).default(1),
  people: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
  q: z.string().trim().max(100).optional().catch(undefined),
  refresh: z.enum(["done", "failed", "not_linked", "not_configured"]).optional().catch(undefined),
});

export const personIdSchema = z.string().trim().min(1).max(100);
