import type { Compilable } from "kysely";
import { batch } from "~/platform/batch.server";
import type { Db } from "~/platform/db.server";
import type { Viewer } from "~/platform/session.server";
import type { ToolKey } from "~/platform/tools";
import { searchPeople } from "~/modules/people/search.server";
import { searchCompanies, searchContacts } from "~/modules/crm/search.server";
import { searchProjects, searchTasks } from "~/modules/delivery/search.server";
import { searchEmails } from "~/modules/email/search.server";
import { searchDeals } from "~/modules/deals/search.server";
import { searchMeetings } from "~/modules/meetings/search.server";
import { searchProposals } from "~/modules/proposals/search.server";
import { searchContracts } from "~/modules/contracts/search.server";

export interface SearchHit {
  id: string;
  title: string;
  subtitle: string | null;
  url: string;
}

/**
 * Global search. Each area registers one searcher: the tool whose view permission it needs
 * and a query returning { id, title, subtitle, url } rows, already scoped to the viewer.
 * All searchers run in ONE batch.
 */
export interface Searcher {
  type: string;
  label: string;
  tool: ToolKey;
  query: (db: Db, viewer: Viewer, term: string, limit: number) => Compilable<SearchHit>;
}

const SEARCHERS: Searcher[] = [searchPeople, searchCompanies, searchContacts, searchProjects, searchTasks, searchDeals, searchEmails, searchMeetings, searchProposals, searchContracts];

export async function globalSearch(db: Db, viewer: Viewer, term: string, limit = 8) {
  const trimmed = term.trim().slice(0, 100);
  if (trimmed.length < 2) return [];
  const active = SEARCHERS.filter((s) => viewer.permissions[s.tool]?.view);
  const results = await batch(db, active.map((s) => s.query(db, viewer, trimmed, limit)));
  return active.map((s, i) => ({ type: s.type, label: s.label, hits: results[i] as SearchHit[] })).filter((g) => g.hits.length > 0);
}
