// Client-safe, pure: the org chart tree from manager_id (ORIGINAL §5.1). Roots are people without
// a manager, or whose manager is outside the visible set (the top of a manager's subtree);
// children are sorted alphabetically at every level; reporting cycles are cut.
import { displayName, type NameParts } from "./names";

export interface OrgPerson extends NameParts {
  id: string;
  manager_id: string | null;
}

export interface OrgNode<P extends OrgPerson> {
  person: P;
  children: OrgNode<P>[];
  /** Everyone below this person (all levels). */
  descendants: number;
}

const byName = <P extends OrgPerson>(a: OrgNode<P>, b: OrgNode<P>) =>
  displayName(a.person).localeCompare(displayName(b.person), "en", { sensitivity: "base" }) || a.person.id.localeCompare(b.person.id);

export function buildOrgTree<P extends OrgPerson>(people: readonly P[]): OrgNode<P>[] {
  const nodes = new Map<string, OrgNode<P>>();
  for (const person of people) nodes.set(person.id, { person, children: [], descendants: 0 });
  const roots: OrgNode<P>[] = [];
  for (const node of nodes.values()) {
    const managerId = node.person.manager_id;
    const parent = managerId && managerId !== node.person.id ? nodes.get(managerId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  // Nodes on a cycle are unreachable from any root: make the first of each cycle a root.
  const reached = new Set<string>();
  const walk = (start: OrgNode<P>) => {
    const stack = [start];
    while (stack.length) {
      const node = stack.pop()!;
      if (reached.has(node.person.id)) continue;
      reached.add(node.person.id);
      stack.push(...node.children);
    }
  };
  roots.forEach(walk);
  for (const node of nodes.values()) {
    if (reached.has(node.person.id)) continue;
    const parent = node.person.manager_id ? nodes.get(node.person.manager_id) : undefined;
    if (parent) parent.children = parent.children.filter((c) => c !== node);
    roots.push(node);
    walk(node);
  }
  // Sort children and count descendants bottom-up (iteratively: deep trees must not overflow).
  const order: OrgNode<P>[] = [];
  const stack = [...roots];
  while (stack.length) {
    const node = stack.pop()!;
    order.push(node);
    stack.push(...node.children);
  }
  for (let i = order.length - 1; i >= 0; i--) {
    const node = order[i]!;
    node.children.sort(byName);
    node.descendants = node.children.reduce((sum, c) => sum + 1 + c.descendants, 0);
  }
  return roots.sort(byName);
}

/** The subtree rooted at `id`, or null when that person is not in the tree. */
export function findNode<P extends OrgPerson>(roots: OrgNode<P>[], id: string): OrgNode<P> | null {
  const stack = [...roots];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.person.id === id) return node;
    stack.push(...node.children);
  }
  return null;
}

/** The chain of people from a root down to `id` (for breadcrumbs when focused). */
export function pathTo<P extends OrgPerson>(people: readonly P[], id: string): P[] {
  const byId = new Map(people.map((p) => [p.id, p]));
  const path: P[] = [];
  const seen = new Set<string>();
  let current = byId.get(id);
  while (current && !seen.has(current.id)) {
    seen.add(current.id);
    path.unshift(current);
    current = current.manager_id ? byId.get(current.manager_id) : undefined;
  }
  return path;
}
