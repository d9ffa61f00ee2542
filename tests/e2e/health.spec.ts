import { expect, test } from "@playwright/test";

test("health route reports the database reachable", async ({ request }) => {
  const response = await request.get("/health");
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ ok: true, database: "reachable" });
});

test("pages carry security headers and a nonce-based CSP", async ({ request }) => {
  const response = await request.get("/health/floor");
  const headers = response.headers();
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[^']+'/);
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
});

test("cross-site posts are refused, resource routes included", async ({ request }) => {
  const response = await request.post("/health", { headers: { Origin: "https://evil.example" } });
  expect(response.status()).toBe(403);
});
