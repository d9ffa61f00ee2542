// One import per area; each area owns its own file in this folder.
import { actionCentreRoutes } from "./action-centre";
import { adminRoutes } from "./admin";
import { contractsRoutes } from "./contracts";
import { crmRoutes } from "./crm";
import { deliveryRoutes } from "./delivery";
import { dealsRoutes } from "./deals";
import { emailRoutes } from "./email";
import { leaveRoutes } from "./leave";
import { meetingsRoutes } from "./meetings";
import { peopleRoutes } from "./people";
import { peopleRecordsRoutes } from "./people-records";
import { platformRoutes } from "./platform";
import { portalRoutes } from "./portal";
import { recordsRoutes } from "./records";
import { payrollRoutes } from "./payroll";
import { proposalsRoutes } from "./proposals";
import type { RouteAccess } from "./types";

export const ACCESS_MATRIX: RouteAccess[] = [...platformRoutes, ...adminRoutes, ...portalRoutes, ...recordsRoutes, ...actionCentreRoutes, ...peopleRecordsRoutes, ...crmRoutes, ...peopleRoutes, ...deliveryRoutes, ...meetingsRoutes, ...contractsRoutes, ...payrollRoutes, ...proposalsRoutes, ...leaveRoutes, ...emailRoutes, ...dealsRoutes];
