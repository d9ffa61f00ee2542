// The benchmark's dataset generators, run in this order on top of db/seed.sql. An area adds
// its own module here (tests/bench/generators/<area>.mjs exporting
// `generate(client, { scale, rng, ctx })`) after the generators whose rows it refers to.
import * as people from "./people.mjs";
import * as users from "./users.mjs";
import * as companies from "./companies.mjs";
import * as contacts from "./contacts.mjs";
import * as actionItems from "./action_items.mjs";
import * as crm from "./crm.mjs";
import * as delivery from "./delivery.mjs";
import * as deals from "./deals.mjs";
import * as leave from "./leave.mjs";
import * as history from "./history.mjs";
import * as notes from "./notes.mjs";
import * as notifications from "./notifications.mjs";

export const generators = [
  { area: "people", generate: people.generate },
  { area: "users", generate: users.generate },
  { area: "companies", generate: companies.generate },
  { area: "contacts", generate: contacts.generate },
  { area: "action_items", generate: actionItems.generate },
  { area: "contact_communications", generate: crm.generate },
  { area: "delivery", generate: delivery.generate },
  { area: "deals", generate: deals.generate },
  { area: "leave_requests", generate: leave.generate },
  // Audit trail, notes and notifications last: they describe the rows above.
  { area: "history", generate: history.generate },
  { area: "notes", generate: notes.generate },
  { area: "notifications", generate: notifications.generate },
];
