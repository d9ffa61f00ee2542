import { employeeOnly, executiveOnly, publicRoute, type RouteAccess } from "./types";

// Delivery: projects, tasks, SLA, sprints, roadmaps, agents, config lists, inbound email.
// Personas: employee = Ethan (Kinetic member), manager = Daniel (Kinetic owner).
export const deliveryRoutes: RouteAccess[] = [
  { id: "routes/_app+/settings+/config-lists", path: "/settings/config-lists", expect: executiveOnly(), note: "config-lists grant: executives only by default" },
  { id: "routes/_app+/projects+/_index", path: "/projects", expect: employeeOnly() },
  { id: "routes/_app+/projects+/export[.csv]", path: "/projects/export.csv", expect: employeeOnly() },
  { id: "routes/_app+/projects+/new", path: "/projects/new", expect: employeeOnly({ employee: 403 }), note: "projects:update" },
  { id: "routes/_app+/projects+/templates", path: "/projects/templates", expect: employeeOnly({ employee: 403, manager: 403 }), note: "projects:manage" },
  { id: "routes/_app+/projects+/$projectId", path: "/projects/proj-kinetic-platform", expect: employeeOnly(), note: "all three are on Kinetic; out-of-scope ids are 404 (module tests)" },
  { id: "routes/_app+/projects+/$projectId_.edit", path: "/projects/proj-kinetic-platform/edit", expect: employeeOnly({ employee: 403 }), note: "projects:update" },
  { id: "routes/_app+/tasks+/_index", path: "/tasks", expect: employeeOnly() },
  { id: "routes/_app+/tasks+/mine", path: "/tasks/mine", expect: employeeOnly() },
  { id: "routes/_app+/tasks+/new", path: "/tasks/new", expect: employeeOnly(), note: "tasks:update is granted to every level" },
  { id: "routes/_app+/tasks+/$taskId", path: "/tasks/task-kp-crash", expect: employeeOnly() },
  { id: "routes/_app+/sla+/_index", path: "/sla", expect: employeeOnly({ employee: 403 }), note: "employees have no SLA grant" },
  { id: "routes/_app+/sla+/policies.$policyId", path: "/sla/policies/sla-standard", expect: employeeOnly({ employee: 403 }), note: "sla:update" },
  { id: "routes/_app+/sprints+/_index", path: "/sprints", expect: employeeOnly() },
  { id: "routes/_app+/sprints+/$sprintId", path: "/sprints/sprint-kp-15", expect: employeeOnly() },
  { id: "routes/_app+/roadmaps+/_index", path: "/roadmaps", expect: employeeOnly() },
  { id: "routes/_app+/roadmaps+/$roadmapId", path: "/roadmaps/roadmap-kp", expect: employeeOnly() },
  { id: "routes/_app+/agents+/_index", path: "/agents", expect: employeeOnly({ employee: 403 }), note: "agents grant: managers and up" },
  { id: "routes/webhooks+/inbound-email", path: "/webhooks/inbound-email", expect: publicRoute(405), note: "POST only, HMAC-signed" },
];
