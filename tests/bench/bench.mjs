// The benchmark: for each scale, a fresh local D1 (migrations + db/seed.sql + generated rows),
// the built app under `wrangler pages dev`, and the routes in routes.mjs measured over
// loopback: server time, D1 round trips (Server-Timing), HTML size and the page's client JS.
//
//   npm run bench -- [--scale 1,10] [--requests 30] [--routes floor,home] [--warmup 3]
//                    [--no-build] [--keep-state]
//
// Exits non-zero only when the harness itself fails (build, start, a request that throws),
// never because a route is slow. See tests/bench/README.md.
import { Buffer } from "node:buffer";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { URLSearchParams } from "node:url";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import { executeFile, migrate, ROOT } from "../../db/tools/lib.mjs";
import { startApp } from "../support/e2e-server.mjs";
import { generate } from "./generate.mjs";
import { routes as allRoutes } from "./routes.mjs";

const RESULTS = join(ROOT, "tests/bench/results");
const D1_TARGET = 2;

// ---------------------------------------------------------------------------------------------
// Arguments

const { values: args } = parseArgs({
  options: {
    scale: { type: "string", default: "1,10" },
    requests: { type: "string", default: "30" },
    warmup: { type: "string", default: "3" },
    routes: { type: "string" },
    "no-build": { type: "boolean", default: false },
    "keep-state": { type: "boolean", default: false },
    help: { type: "boolean", short: "h", default: false },
  },
});
if (args.help) {
  console.log(
    "usage: node tests/bench/bench.mjs [--scale 1,10] [--requests 30] [--warmup 3] [--routes name,name] [--no-build] [--keep-state]",
  );
  process.exit(0);
}
const scales = args.scale.split(",").map((s) => Number(s.trim()));
const requests = Number(args.requests);
const warmup = Number(args.warmup);
if (scales.some((s) => !Number.isFinite(s) || s < 1) || !(requests >= 1) || !(warmup >= 0)) {
  console.error("--scale takes numbers >= 1 (e.g. 1,10,100); --requests >= 1; --warmup >= 0");
  process.exit(2);
}
const wanted = args.routes
  ?.split(",")
  .map((s) => s.trim())
  .filter(Boolean);
const unknown = wanted?.filter((name) => !allRoutes.some((r) => r.name === name)) ?? [];
if (unknown.length) {
  console.error(`Unknown route(s): ${unknown.join(", ")}. Known: ${allRoutes.map((r) => r.name).join(", ")}`);
  process.exit(2);
}
const routes = wanted ? allRoutes.filter((r) => wanted.includes(r.name)) : allRoutes;

// ---------------------------------------------------------------------------------------------
// The app process: one at a time, always stopped (errors, Ctrl-C, normal exit).

let app = null;

function killApp(signal) {
  if (!app || app.exitCode !== null || app.signalCode !== null) return;
  try {
    process.kill(-app.pid, signal); // wrangler and its workerd: their own process group
  } catch {
    try {
      app.kill(signal);
    } catch {
      /* already gone */
    }
  }
}

async function stopApp() {
  if (!app) return;
  const child = app;
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((resolve) => child.once("exit", resolve));
    killApp("SIGTERM");
    const timer = new Promise((resolve) => setTimeout(resolve, 5000, "timeout"));
    if ((await Promise.race([exited, timer])) === "timeout") killApp("SIGKILL");
  }
  app = null;
}

let stateDirInUse = null;
process.on("exit", () => {
  killApp("SIGKILL");
  if (stateDirInUse && !args["keep-state"]) rmSync(stateDirInUse, { recursive: true, force: true });
});
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    console.error(`\n${signal}: stopping the app`);
    killApp("SIGKILL");
    process.exit(130);
  });
}

// ---------------------------------------------------------------------------------------------
// Build, state, start

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** Builds with `remix build` when the server build is missing or older than the sources. */
function ensureBuild() {
  const serverBuild = join(ROOT, "functions/[[path]].js");
  const clientBuild = join(ROOT, "public/build");
  const hasClient =
    existsSync(clientBuild) && readdirSync(clientBuild).some((f) => /^manifest-.*\.js$/.test(f));
  const built = existsSync(serverBuild) && hasClient ? statSync(serverBuild).mtimeMs : 0;
  const sources = Math.max(...["app", "server.ts", "remix.config.js"].map((p) => newestMtime(join(ROOT, p))));
  if (built && built >= sources) return { built: false };
  if (args["no-build"]) throw new Error("The build is missing or stale and --no-build was given");
  process.stdout.write("Building the app (npx remix build)... ");
  const started = performance.now();
  const result = spawnSync(join(ROOT, "node_modules/.bin/remix"), ["build"], { cwd: ROOT, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`remix build failed:\n${result.stdout}\n${result.stderr}`);
  const ms = performance.now() - started;
  console.log(`done in ${(ms / 1000).toFixed(1)} s`);
  return { built: true, ms };
}

async function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function prepareState(stateDir, scale) {
  rmSync(stateDir, { recursive: true, force: true });
  mkdirSync(stateDir, { recursive: true });
  const started = performance.now();
  migrate(stateDir);
  executeFile(join(ROOT, "db/seed.sql"), stateDir);
  const seedMs = performance.now() - started;
  const data = await generate({ scale, stateDir });
  return { ...data, seedMs };
}

async function startAndWait(stateDir) {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const started = performance.now();
  const log = [];
  app = startApp({
    port,
    stateDir,
    seedFile: null,
    reset: false,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const keep = (chunk) => {
    log.push(...String(chunk).split("\n").filter(Boolean));
    if (log.length > 80) log.splice(0, log.length - 80);
  };
  app.stdout.on("data", keep);
  app.stderr.on("data", keep);
  const child = app;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `wrangler pages dev exited (${child.exitCode ?? child.signalCode}):\n${log.join("\n")}`,
      );
    }
    if (performance.now() - started > 90_000)
      throw new Error(`The app did not answer /health in 90 s:\n${log.join("\n")}`);
    try {
      const res = await fetch(`${base}/health`);
      await res.arrayBuffer();
      if (res.ok) break;
    } catch {
      /* not listening yet */
    }
    await sleep(250);
  }
  return { base, startMs: performance.now() - started, log };
}

// ---------------------------------------------------------------------------------------------
// Measuring

async function signIn(base, personId) {
  const res = await fetch(`${base}/dev/login`, {
    method: "POST",
    redirect: "manual",
    headers: { Origin: base, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ personId }).toString(),
  });
  await res.arrayBuffer();
  if (res.status === 404)
    return { ok: false, status: 404, reason: "sign-in unavailable (/dev/login answers 404)" };
  const cookies = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0].trim())
    .filter((c) => c && !c.endsWith("="));
  if (!cookies.length)
    return {
      ok: false,
      status: res.status,
      reason: `sign-in failed (/dev/login answered ${res.status} without a cookie)`,
    };
  return { ok: true, status: res.status, cookie: cookies.join("; ") };
}

async function timedGet(url, cookie) {
  const started = performance.now();
  const res = await fetch(url, { redirect: "manual", headers: cookie ? { Cookie: cookie } : {} });
  const body = Buffer.from(await res.arrayBuffer());
  const ms = performance.now() - started;
  const timing = res.headers.get("server-timing") ?? "";
  const d1 = /(?:^|,)\s*d1;[^,]*?dur=([\d.]+)/.exec(timing);
  const d1Wait = /(?:^|,)\s*d1wait;[^,]*?dur=([\d.]+)/.exec(timing);
  return {
    status: res.status,
    ms,
    d1: d1 ? Number(d1[1]) : null,
    d1WaitMs: d1Wait ? Number(d1Wait[1]) : null,
    body,
    contentType: res.headers.get("content-type") ?? "",
    location: res.headers.get("location"),
  };
}

/** /build/ assets a page loads: script src, modulepreload links and inline module imports. */
function pageAssets(html) {
  const js = new Set();
  const css = new Set();
  const attr = (tag, name) => new RegExp(`\\s${name}\\s*=\\s*["']([^"']+)["']`, "i").exec(tag)?.[1];
  for (const [tag] of html.matchAll(/<script\b[^>]*>/gi)) {
    const src = attr(tag, "src");
    if (src) js.add(src);
  }
  for (const [tag] of html.matchAll(/<link\b[^>]*>/gi)) {
    const rel = (attr(tag, "rel") ?? "").toLowerCase();
    const href = attr(tag, "href");
    if (!href) continue;
    if (rel === "modulepreload") js.add(href);
    if (rel === "stylesheet") css.add(href);
  }
  for (const [, specifier] of html.matchAll(/\b(?:import|from)\s*\(?\s*["'](\/build\/[^"']+\.js)["']/g))
    js.add(specifier);
  const underBuild = (set) =>
    [...set].map((u) => u.replace(/^https?:\/\/[^/]+/, "")).filter((u) => u.startsWith("/build/"));
  return { js: underBuild(js), css: underBuild(css) };
}

const assetCache = new Map();
async function assetBytes(base, path) {
  if (!assetCache.has(path)) {
    assetCache.set(
      path,
      (async () => {
        const res = await fetch(base + path);
        const body = Buffer.from(await res.arrayBuffer());
        if (!res.ok) throw new Error(`${path} answered ${res.status}`);
        return { raw: body.length, gzip: gzipSync(body).length };
      })(),
    );
  }
  return assetCache.get(path);
}

function percentile(sorted, p) {
  if (!sorted.length) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

async function measureRoute(base, route, session) {
  const result = {
    name: route.name,
    path: route.path,
    as: route.as ?? null,
    optional: Boolean(route.optional),
  };
  if (route.as && !session.ok) return { ...result, skipped: session.reason };
  const url = base + route.path;
  const cookie = route.as ? session.cookie : undefined;
  const first = await timedGet(url, cookie);
  if (first.status === 404 && route.optional) return { ...result, skipped: "not built yet (404)" };
  for (let i = 1; i < warmup; i++) await timedGet(url, cookie);
  const samples = [];
  for (let i = 0; i < requests; i++) samples.push(await timedGet(url, cookie));
  const last = samples[samples.length - 1];
  const ms = samples.map((s) => s.ms).sort((a, b) => a - b);
  const d1 = samples
    .map((s) => s.d1)
    .filter((n) => n !== null)
    .sort((a, b) => a - b);
  const d1Wait = samples
    .map((s) => s.d1WaitMs)
    .filter((n) => n !== null)
    .sort((a, b) => a - b);
  const statuses = [...new Set(samples.map((s) => s.status))];
  const isHtml = last.contentType.includes("text/html");
  const assets = isHtml ? pageAssets(last.body.toString("utf8")) : { js: [], css: [] };
  const js = await Promise.all(assets.js.map((p) => assetBytes(base, p)));
  const css = await Promise.all(assets.css.map((p) => assetBytes(base, p)));
  const sum = (list, key) => list.reduce((total, a) => total + a[key], 0);
  return {
    ...result,
    status: statuses.length === 1 ? statuses[0] : statuses.join("/"),
    location: last.location ?? undefined,
    contentType: last.contentType,
    requests,
    medianMs: percentile(ms, 50),
    p95Ms: percentile(ms, 95),
    minMs: ms[0],
    maxMs: ms[ms.length - 1],
    meanMs: ms.reduce((a, b) => a + b, 0) / ms.length,
    d1: d1.length ? { median: percentile(d1, 50), min: d1[0], max: d1[d1.length - 1] } : null,
    d1WaitMs: d1Wait.length ? percentile(d1Wait, 50) : null,
    html: { bytes: last.body.length, gzip: gzipSync(last.body).length },
    js: { files: assets.js.length, bytes: sum(js, "raw"), gzip: sum(js, "gzip"), paths: assets.js },
    css: { files: assets.css.length, bytes: sum(css, "raw"), gzip: sum(css, "gzip") },
    samplesMs: samples.map((s) => Math.round(s.ms * 100) / 100),
  };
}

// ---------------------------------------------------------------------------------------------
// Report

const kb = (n) => (n === null || n === undefined ? "-" : n < 1000 ? `${n} B` : `${(n / 1000).toFixed(1)} kB`);
const msf = (n) =>
  n === null || n === undefined ? "-" : n < 10 ? n.toFixed(2) : n < 100 ? n.toFixed(1) : n.toFixed(0);
const num = (n) => n.toLocaleString("en-AU");

function table(run) {
  const header = [
    "route",
    "path",
    "as",
    "status",
    "median ms",
    "p95 ms",
    "x floor",
    "D1",
    "D1 ms",
    "HTML",
    "HTML gz",
    "JS gz",
  ];
  const right = new Set([4, 5, 6, 7, 8, 9, 10, 11]);
  const rows = [];
  const notes = [];
  for (const r of run.routes) {
    if (r.skipped) {
      rows.push([r.name, r.path, r.as ?? "-", "skip", "", "", "", "", "", "", "", ""]);
      notes.push(`${r.name}: skipped: ${r.skipped}`);
      continue;
    }
    let d1 = "-";
    if (r.d1) {
      d1 = r.d1.min === r.d1.max ? String(r.d1.median) : `${r.d1.min}-${r.d1.max}`;
      if (r.contentType.includes("text/html") && r.d1.max > D1_TARGET) d1 += " !";
    }
    rows.push([
      r.name,
      r.path,
      r.as ?? "-",
      String(r.status),
      msf(r.medianMs),
      msf(r.p95Ms),
      r.xFloor ? `${r.xFloor.toFixed(1)}x` : "-",
      d1,
      msf(r.d1WaitMs),
      kb(r.html.bytes),
      kb(r.html.gzip),
      r.js.files ? `${kb(r.js.gzip)} (${r.js.files})` : "-",
    ]);
    if (typeof r.status === "number" && r.status >= 300) {
      notes.push(
        `${r.name}: answered ${r.status}${r.location ? ` -> ${r.location}` : ""}${r.optional ? "" : " (expected 200)"}`,
      );
    }
    if (r.d1 && r.contentType.includes("text/html") && r.d1.max > D1_TARGET) {
      notes.push(`${r.name}: ${r.d1.max} D1 round trips (target <= ${D1_TARGET} per page)`);
    }
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells) =>
    cells
      .map((c, i) => (right.has(i) ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join("  ")
      .trimEnd();
  return [
    line(header),
    widths.map((w) => "-".repeat(w)).join("  "),
    ...rows.map(line),
    ...notes.map((n) => `  note: ${n}`),
  ].join("\n");
}

function gitCommit() {
  const res = spawnSync("git", ["rev-parse", "--short", "HEAD"], { cwd: ROOT, encoding: "utf8" });
  return res.status === 0 ? res.stdout.trim() : null;
}

// ---------------------------------------------------------------------------------------------
// Main

async function runScale(scale) {
  const stateDir = join(ROOT, `tests/.state/bench-s${scale}-${process.pid}`);
  stateDirInUse = stateDir;
  try {
    const prepared = await prepareState(stateDir, scale);
    const { base, startMs } = await startAndWait(stateDir);
    const sessions = new Map();
    for (const personId of new Set(routes.map((r) => r.as).filter(Boolean)))
      sessions.set(personId, await signIn(base, personId));
    const measured = [];
    for (const route of routes)
      measured.push(await measureRoute(base, route, sessions.get(route.as) ?? { ok: true }));
    const floor = measured.find((r) => r.name === "floor" && !r.skipped);
    for (const r of measured) if (!r.skipped && floor) r.xFloor = r.medianMs / floor.medianMs;
    await stopApp();
    return {
      scale,
      counts: prepared.counts,
      timings: {
        seedMs: Math.round(prepared.seedMs),
        generateMs: Math.round(prepared.ms),
        startMs: Math.round(startMs),
      },
      signIn: Object.fromEntries(
        [...sessions].map(([id, s]) => [
          id,
          s.ok ? { ok: true, status: s.status } : { ok: false, status: s.status, reason: s.reason },
        ]),
      ),
      routes: measured,
    };
  } finally {
    await stopApp();
    if (!args["keep-state"]) rmSync(stateDir, { recursive: true, force: true });
    stateDirInUse = null;
  }
}

async function main() {
  const startedAt = new Date();
  const build = ensureBuild();
  const runs = [];
  for (const scale of scales) {
    const run = await runScale(scale);
    runs.push(run);
    const c = run.counts;
    console.log(
      `\nScale ${scale}: ${Object.entries(c)
        .map(([t, n]) => `${t} ${num(n)}`)
        .join(", ")}\n` +
        `migrate+seed ${(run.timings.seedMs / 1000).toFixed(1)} s, generate ${(run.timings.generateMs / 1000).toFixed(1)} s, ` +
        `app ready in ${(run.timings.startMs / 1000).toFixed(1)} s; ${requests} sequential requests per route after ${warmup} warm-up(s)\n`,
    );
    console.log(table(run));
  }
  const report = {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    commit: gitCommit(),
    node: process.version,
    options: { scales, requests, warmup, routes: routes.map((r) => r.name) },
    build,
    d1Target: D1_TARGET,
    runs,
  };
  mkdirSync(RESULTS, { recursive: true });
  const stamp = startedAt
    .toISOString()
    .replace(/\.\d+Z$/, "Z")
    .replace(/:/g, "-");
  const file = join(RESULTS, `bench-${stamp}.json`);
  writeFileSync(file, JSON.stringify(report, null, 2) + "\n");
  writeFileSync(join(RESULTS, "latest.json"), JSON.stringify(report, null, 2) + "\n");
  console.log(`\nWrote ${file.slice(ROOT.length + 1)} and tests/bench/results/latest.json`);
}

main().then(
  () => process.exit(0),
  async (error) => {
    console.error(`\nBenchmark harness error: ${error?.stack ?? error}`);
    await stopApp();
    process.exit(1);
  },
);
