// One import per area; each area owns its own file in this folder.
import { platformRoutes } from "./platform";
import type { RouteAccess } from "./types";

export const ACCESS_MATRIX: RouteAccess[] = [...platformRoutes];
