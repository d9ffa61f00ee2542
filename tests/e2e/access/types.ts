/**
 * Access matrix entries. Every route in the Remix manifest must have exactly one entry (the
 * access-matrix spec fails otherwise), saying what each persona gets for a GET of `path`:
 * - a status code (200, 403, 404, 405...),
 * - "login": redirect to the employee sign-in, "portal-login": redirect to the portal sign-in,
 * - "redirect": any other redirect (e.g. a POST-only route sending GETs home).
 */
export type Persona = "anonymous" | "employee" | "manager" | "executive" | "portal";
export type Expected = number | "login" | "portal-login" | "redirect";

export interface RouteAccess {
  /** Route id from `remix routes --json`, e.g. "routes/_app+/_index". */
  id: string;
  /** A concrete path to request (fill params with seeded ids). */
  path: string;
  expect: Record<Persona, Expected>;
  /** Why, when not obvious. */
  note?: string;
}

/** Shorthands for common shapes. */
export const employeeOnly = (expect: Partial<Record<Persona, Expected>> = {}): Record<Persona, Expected> => ({
  anonymous: "login", employee: 200, manager: 200, executive: 200, portal: "login", ...expect,
});
export const executiveOnly = (): Record<Persona, Expected> => ({
  anonymous: "login", employee: 403, manager: 403, executive: 200, portal: "login",
});
export const publicRoute = (status: Expected = 200): Record<Persona, Expected> => ({
  anonymous: status, employee: status, manager: status, executive: status, portal: status,
});
export const portalOnly = (): Record<Persona, Expected> => ({
  anonymous: "portal-login", employee: "portal-login", manager: "portal-login", executive: "portal-login", portal: 200,
});
