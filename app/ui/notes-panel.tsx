// The Notes tab of any record: threaded notes (newest first, replies under their note),
// a create form with visibility and mentions, reply / edit / delete. Every form posts to the
// one resource route POST /notes and works without JavaScript (errors then come back as
// ?noteError=); with JavaScript a fetcher shows field errors inline.
// Data: `notesQuery(...)` and `mentionableUsersQuery(...)` from app/modules/records/notes.server.ts.

import { useFetcher, useSearchParams } from "@remix-run/react";
import { useEffect, useRef, type ReactNode } from "react";
import { ACCESS_LEVELS, levelLabel, type AccessLevel } from "~/platform/tools";
import { Button, EmptyState, cx } from "./form";
import { Avatar, TimeAgo } from "./meta";

export interface NoteItem {
  id: string;
  parent_id: string | null;
  content: string;
  visibility: string;
  created_at: string;
  updated_at: string;
  author_id: string | null;
  author_name: string | null;
  author_picture: string | null;
  can_edit: number;
}

export interface Mentionable {
  id: string;
  name: string;
  handle: string;
}

interface PanelProps {
  resourceType: string;
  resourceId: string;
  notes: NoteItem[];
  mentionables: Mentionable[];
  /** Where to come back to after a post (the current page, with ?tab=notes). */
  redirectTo: string;
  /** The levels a note may be shown to (person notes: manager, head, executive). */
  levels?: readonly AccessLevel[];
}

type ActionResult = { ok: false; errors: Record<string, string> } | undefined;

function levelsOf(json: string): AccessLevel[] {
  try {
    const value = JSON.parse(json) as unknown;
    return Array.isArray(value) ? (value.filter((v) => (ACCESS_LEVELS as readonly string[]).includes(v)) as AccessLevel[]) : [];
  } catch {
    return [];
  }
}

function Hidden({ fields }: { fields: Record<string, string> }) {
  return (
    <>
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
    </>
  );
}

function Errors({ result }: { result: ActionResult }) {
  if (!result?.errors) return null;
  return (
    <ul role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
      {Object.entries(result.errors).map(([field, message]) => (
        <li key={field}>{message}</li>
      ))}
    </ul>
  );
}

/** A fetcher form that clears itself after a successful post. */
function useNoteForm() {
  const fetcher = useFetcher<ActionResult>();
  const ref = useRef<HTMLFormElement>(null);
  const wasBusy = useRef(false);
  useEffect(() => {
    if (fetcher.state !== "idle") wasBusy.current = true;
    else if (wasBusy.current) {
      wasBusy.current = false;
      if (!fetcher.data?.errors) ref.current?.reset();
    }
  }, [fetcher.state, fetcher.data]);
  return { fetcher, ref, busy: fetcher.state !== "idle", result: fetcher.data };
}

function NoteTextArea({ id, label, defaultValue, error, rows = 3 }: { id: string; label: string; defaultValue?: string; error?: string; rows?: number }) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium text-slate-700">{label}</label>
      <textarea
        id={id}
        name="content"
        rows={rows}
        required
        maxLength={5000}
        defaultValue={defaultValue}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        className={cx("rounded-md border px-2.5 py-1.5 text-sm", error ? "border-red-500" : "border-slate-300")}
      />
      {error ? <p id={`${id}-error`} className="text-xs text-red-600">{error}</p> : null}
    </div>
  );
}

function CreateForm({ base, mentionables, levels }: { base: Record<string, string>; mentionables: Mentionable[]; levels: readonly AccessLevel[] }) {
  const { fetcher, ref, busy, result } = useNoteForm();
  return (
    <fetcher.Form ref={ref} method="post" action="/notes" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4" aria-label="New note">
      <Hidden fields={base} />
      <Errors result={result} />
      <NoteTextArea id="note-new" label="Add a note" error={result?.errors?.content} />
      <p className="text-xs text-slate-500">Type @first.last (the start of their email) to mention someone, or pick people below.</p>
      <div className="flex flex-wrap gap-6">
        <fieldset>
          <legend className="text-sm font-medium text-slate-700">Visible to</legend>
          {/* Executives always see every note; the disabled box is not submitted, this is. */}
          <input type="hidden" name="visibility" value="executive" />
          <div className="mt-1 flex flex-wrap gap-3">
            {levels.map((level) => (
              <label key={level} className="flex items-center gap-1.5 text-sm text-slate-700">
                <input type="checkbox" name={level === "executive" ? undefined : "visibility"} value={level} defaultChecked disabled={level === "executive"} />
                {levelLabel(level)}
              </label>
            ))}
          </div>
        </fieldset>
        <div className="flex flex-col gap-1">
          <label htmlFor="note-mentions" className="text-sm font-medium text-slate-700">Mention (notifies them)</label>
          <select id="note-mentions" name="mentions" multiple size={4} className="min-w-56 rounded-md border border-slate-300 bg-white px-2 py-1 text-sm">
            {mentionables.map((u) => (
              <option key={u.id} value={u.id}>{u.name} (@{u.handle})</option>
            ))}
          </select>
          <p className="text-xs text-slate-500">Ctrl/⌘-click to pick several. Only people who can see the note are notified.</p>
        </div>
      </div>
      <Button type="submit" name="intent" value="create" aria-disabled={busy}>{busy ? "Saving…" : "Add note"}</Button>
    </fetcher.Form>
  );
}

function InlineForm({ summary, children, testId }: { summary: string; children: ReactNode; testId?: string }) {
  return (
    <details className="group" data-testid={testId}>
      <summary className="cursor-pointer list-none rounded px-1.5 py-0.5 text-xs font-medium text-brand-700 underline-offset-2 hover:underline">{summary}</summary>
      <div className="mt-2">{children}</div>
    </details>
  );
}

function ReplyForm({ base, parentId }: { base: Record<string, string>; parentId: string }) {
  const { fetcher, ref, busy, result } = useNoteForm();
  return (
    <fetcher.Form ref={ref} method="post" action="/notes" className="space-y-2">
      <Hidden fields={{ ...base, parentId }} />
      <Errors result={result} />
      <NoteTextArea id={`reply-${parentId}`} label="Reply" rows={2} error={result?.errors?.content} />
      <Button type="submit" name="intent" value="reply" variant="secondary" aria-disabled={busy}>Post reply</Button>
    </fetcher.Form>
  );
}

function EditForm({ base, note }: { base: Record<string, string>; note: NoteItem }) {
  const { fetcher, busy, result } = useNoteForm();
  return (
    <fetcher.Form method="post" action="/notes" className="space-y-2">
      <Hidden fields={{ ...base, noteId: note.id }} />
      <Errors result={result} />
      <NoteTextArea id={`edit-${note.id}`} label="Edit note" defaultValue={note.content} error={result?.errors?.content} />
      <Button type="submit" name="intent" value="edit" variant="secondary" aria-disabled={busy}>Save</Button>
    </fetcher.Form>
  );
}

function DeleteForm({ base, note }: { base: Record<string, string>; note: NoteItem }) {
  const fetcher = useFetcher<ActionResult>();
  return (
    <fetcher.Form
      method="post"
      action="/notes"
      className="inline"
      onSubmit={(e) => {
        if (!window.confirm("Delete this note and its replies?")) e.preventDefault();
      }}
    >
      <Hidden fields={{ ...base, noteId: note.id }} />
      <button type="submit" name="intent" value="delete" className="rounded px-1.5 py-0.5 text-xs font-medium text-red-700 hover:underline">Delete</button>
    </fetcher.Form>
  );
}

function Note({ note, base, replies }: { note: NoteItem; base: Record<string, string>; replies?: NoteItem[] }) {
  const levels = levelsOf(note.visibility);
  const restricted = levels.length > 0 && levels.length < ACCESS_LEVELS.length;
  return (
    <article id={`note-${note.id}`} className="flex gap-3" data-testid="note" aria-label={`Note by ${note.author_name ?? "a former user"}`}>
      <Avatar name={note.author_name} picture={note.author_picture} />
      <div className="min-w-0 flex-1">
        <p className="flex flex-wrap items-baseline gap-x-2 text-sm">
          <span className="font-medium text-slate-900">{note.author_name ?? "Former user"}</span>
          <TimeAgo iso={note.created_at} />
          {note.updated_at !== note.created_at ? <span className="text-xs text-slate-400">(edited)</span> : null}
          {restricted ? (
            <span className="rounded bg-amber-50 px-1.5 text-xs text-amber-800" data-testid="note-visibility">
              Visible to {levels.map(levelLabel).join(", ")}
            </span>
          ) : null}
        </p>
        <p className="mt-1 whitespace-pre-wrap break-words text-sm text-slate-800" data-testid="note-content">{note.content}</p>
        <div className="mt-1 flex flex-wrap items-start gap-2">
          {replies ? (
            <InlineForm summary="Reply" testId="reply">
              <ReplyForm base={base} parentId={note.id} />
            </InlineForm>
          ) : null}
          {note.can_edit ? (
            <>
              <InlineForm summary="Edit" testId="edit">
                <EditForm base={base} note={note} />
              </InlineForm>
              <DeleteForm base={base} note={note} />
            </>
          ) : null}
        </div>
        {replies && replies.length ? (
          <ol className="mt-3 space-y-3 border-l-2 border-slate-100 pl-4" aria-label="Replies">
            {replies.map((reply) => (
              <li key={reply.id}>
                <Note note={reply} base={base} />
              </li>
            ))}
          </ol>
        ) : null}
      </div>
    </article>
  );
}

export function NotesPanel({ resourceType, resourceId, notes, mentionables, redirectTo, levels = ACCESS_LEVELS }: PanelProps) {
  const [params] = useSearchParams();
  const error = params.get("noteError");
  const notice = params.get("noteNotice");
  const base = { resourceType, resourceId, redirectTo };
  const ids = new Set(notes.map((n) => n.id));
  const threads = notes.filter((n) => !n.parent_id || !ids.has(n.parent_id));
  const repliesOf = (id: string) =>
    notes.filter((n) => n.parent_id === id).sort((a, b) => a.created_at.localeCompare(b.created_at) || a.id.localeCompare(b.id));
  return (
    <section aria-labelledby="notes-heading" className="space-y-4">
      <h2 id="notes-heading" className="sr-only">Notes</h2>
      {error ? <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">{error}</p> : null}
      {notice ? <p role="status" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-800">{notice}</p> : null}
      <CreateForm base={base} mentionables={mentionables} levels={levels} />
      {threads.length === 0 ? (
        <EmptyState title="No notes yet">Add the first note above. Choose who may read it and mention people to notify them.</EmptyState>
      ) : (
        <ol className="space-y-4 rounded-lg border border-slate-200 bg-white p-4" data-testid="notes-list">
          {threads.map((note) => (
            <li key={note.id} className="border-b border-slate-100 pb-4 last:border-b-0 last:pb-0">
              <Note note={note} base={base} replies={repliesOf(note.id)} />
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
