import { describe, expect, it } from "vitest";
import { CHART_DEPTH, drawnDepth } from "~/modules/people/org-chart.server";
import { buildOrgTree, findNode, pathTo } from "~/modules/people/org-tree";

const p = (id: string, manager: string | null, first = id, last = "X") => ({ id, manager_id: manager, first_name: first, last_name: last });

describe("org tree", () => {
  it("roots are people without a manager (or whose manager is not visible); children sorted by name", () => {
    const roots = buildOrgTree([p("c", "a", "Zed"), p("b", "a", "Amy"), p("a", null, "Boss"), p("orphan", "hidden", "Olga")]);
    expect(roots.map((r) => r.person.id)).toEqual(["a", "orphan"]);
    expect(roots[0]!.children.map((c) => c.person.first_name)).toEqual(["Amy", "Zed"]);
    expect(roots[0]!.descendants).toBe(2);
  });

  it("a reporting cycle does not lose anyone", () => {
    const roots = buildOrgTree([p("a", "b"), p("b", "a"), p("c", "a")]);
    const all: string[] = [];
    const walk = (n: (typeof roots)[number]) => { all.push(n.person.id); n.children.forEach(walk); };
    roots.forEach(walk);
    expect(all.sort()).toEqual(["a", "b", "c"]);
  });

  it("deep trees build without recursion limits, and focus/paths work", () => {
    const people = [p("n0", null)];
    for (let i = 1; i < 20_000; i++) people.push(p(`n${i}`, `n${i - 1}`));
    const roots = buildOrgTree(people);
    expect(roots[0]!.descendants).toBe(19_999);
    expect(findNode(roots, "n19998")!.children[0]!.person.id).toBe("n19999");
    expect(pathTo(people, "n3").map((x) => x.id)).toEqual(["n0", "n1", "n2", "n3"]);
  });
});

describe("how much of the chart is drawn", () => {
  const tree = (...widths: number[]) => {
    const make = (level: number): { children: unknown[] } => ({ children: level < widths.length ? Array.from({ length: widths[level]! }, () => make(level + 1)) : [] });
    return [make(0)];
  };
  it("draws every level that fits the budget, and always the first two", () => {
    expect(drawnDepth(tree(4, 2, 1), 60)).toBe(CHART_DEPTH);
    expect(drawnDepth(tree(10, 2, 3), 60)).toBe(2); // 1 + 10 + 20 fit, the 60 below do not
    expect(drawnDepth(tree(200, 2), 60)).toBe(1);
  });
});
