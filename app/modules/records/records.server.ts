import { forbidden, notFound } from "~/platform/access.server";
import { batch } from "~/platform/batch.server";
import type { Db } from "~/platform/db.server";
import { historyFor } from "~/platform/history.server";
import type { Viewer } from "~/platform/session.server";
import { mayUseNotes, mentionableUsersQuery, noteLevelChoices, notesQuery } from "./notes.server";
import { recordType, type RecordType } from "./registry.server";

export type RecordTab = "notes" | "history";

function entryFor(viewer: Viewer, type: string): RecordType {
  const entry = recordType(type);
  if (!entry) notFound();
  // The VIEW grant of the owning tool governs notes and history (ORIGINAL §13.1/13.2).
  if (!viewer.permissions[entry.tool]?.view) forbidden();
  return entry;
}

/**
 * A record's history (newest first, up to 200, with actor name/picture), scope-checked in the
 * same round trip. 404 when the record does not exist or is out of the viewer's scope.
 */
export async function recordHistory(db: Db, viewer: Viewer, type: string, id: string) {
  const entry = entryFor(viewer, type);
  const [records, entries] = await batch(db, [entry.visible(db, viewer, id), historyFor(db, type, id)]);
  const record = records[0];
  if (!record) notFound();
  return { record: { ...record, type, label: entry.label, url: entry.url(id) }, entries };
}

/** The generic record page (/records/:type/:id): title plus the Notes or History tab, ONE batch. */
export async function loadRecordPage(db: Db, viewer: Viewer, type: string, id: string, tab: RecordTab) {
  const entry = entryFor(viewer, type);
  if (tab === "history") {
    const { record, entries } = await recordHistory(db, viewer, type, id);
    return { record, tab, history: entries, notes: [], mentionables: [], noteLevels: [], canUseNotes: false };
  }
  const [records, notes, mentionables] = await batch(db, [
    entry.visible(db, viewer, id),
    notesQuery(db, viewer, type, id),
    mentionableUsersQuery(db),
  ]);
  const record = records[0];
  if (!record) notFound();
  return {
    record: { ...record, type, label: entry.label, url: entry.url(id) },
    tab,
    history: [],
    notes,
    mentionables: mentionables.filter((u) => u.id !== viewer.userId),
    noteLevels: noteLevelChoices(type),
    canUseNotes: mayUseNotes(entry, viewer.accessLevel),
  };
}
