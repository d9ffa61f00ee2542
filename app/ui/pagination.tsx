// The one Previous / Page n of m / Next control for paginated lists (plain links, so it works
// without JavaScript). Every list imports it from here (re-exported by ui/crm and ui/delivery).
import { Link } from "@remix-run/react";

export function Pagination({ page, pageCount, hrefFor, label = "Pagination" }: { page: number; pageCount: number; hrefFor: (page: number) => string; label?: string }) {
  if (pageCount <= 1) return null;
  return (
    <nav aria-label={label} className="mt-3 flex items-center gap-3 text-sm">
      {page > 1 ? <Link to={hrefFor(page - 1)} className="underline" rel="prev">Previous</Link> : <span className="text-slate-400">Previous</span>}
      <span>Page {page} of {pageCount}</span>
      {page < pageCount ? <Link to={hrefFor(page + 1)} className="underline" rel="next">Next</Link> : <span className="text-slate-400">Next</span>}
    </nav>
  );
}
