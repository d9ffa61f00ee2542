// A person's name with their pronunciation guide beside it ("Priya Raman (PREE-ya RAH-mun)"),
// for every place a name is shown (ORIGINAL §2.2: pronunciation guides wherever a name is).
import { Link } from "@remix-run/react";
import { displayName, type NameParts } from "~/modules/people/names";
import { cx } from "./form";

export function PersonName({ person, to, className }: { person: NameParts; to?: string; className?: string }) {
  const name = displayName(person);
  const guide = person.pronunciation?.trim();
  return (
    <span className={className}>
      {to ? <Link to={to} className="font-medium text-brand-700 hover:underline">{name}</Link> : <span className="font-medium">{name}</span>}
      {guide ? (
        <>
          {" "}
          <span className="text-xs font-normal text-slate-500" data-testid="pronunciation" title="Pronunciation">({guide})</span>
        </>
      ) : null}
    </span>
  );
}

/** A round avatar: the picture, else initials (decorative; the name is always next to it). */
export function PersonAvatar({ person, picture, size = 28 }: { person: NameParts; picture: string | null; size?: number }) {
  const text = `${(person.preferred_name || person.first_name).charAt(0)}${person.last_name.charAt(0)}`.toUpperCase();
  const style = { width: size, height: size };
  return picture ? (
    <img src={picture} alt="" width={size} height={size} style={style} className="shrink-0 rounded-full bg-slate-200 object-cover" loading="lazy" />
  ) : (
    <span aria-hidden="true" style={style} className={cx("inline-flex shrink-0 items-center justify-center rounded-full bg-slate-200 font-medium text-slate-600", size < 32 ? "text-[10px]" : "text-xs")}>
      {text}
    </span>
  );
}
