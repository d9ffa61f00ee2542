// WebCrypto helpers: random tokens, SHA-256 digests for stored tokens, AES-GCM for credentials.

const encoder = new TextEncoder();

function toBase64Url(bytes: Uint8Array) {
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}
function fromBase64(value: string) {
  const normal = value.replace(/-/g, "+").replace(/_/g, "/");
  return Uint8Array.from(atob(normal + "===".slice((normal.length + 3) % 4)), (c) => c.charCodeAt(0));
}

/** An unguessable, URL-safe token (256 bits). Store only its hash. */
export function randomToken(bytes = 32) {
  return toBase64Url(crypto.getRandomValues(new Uint8Array(bytes)));
}

export async function sha256(value: string) {
  const digest = await crypto.subtle.digest("SHA-256", encoder.encode(value));
  return toBase64Url(new Uint8Array(digest));
}

/** Constant-time string comparison (for signatures and tokens). */
export function timingSafeEqual(a: string, b: string) {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

export async function hmacSha256Hex(secret: string, payload: string) {
  const key = await crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const signature = new Uint8Array(await crypto.subtle.sign("HMAC", key, encoder.encode(payload)));
  return Array.from(signature, (b) => b.toString(16).padStart(2, "0")).join("");
}

async function aesKey(base64Key: string | undefined) {
  if (!base64Key) throw new Error("ENCRYPTION_KEY is not configured");
  const raw = fromBase64(base64Key);
  if (raw.length !== 32) throw new Error("ENCRYPTION_KEY must be 32 bytes (base64)");
  return crypto.subtle.importKey("raw", raw, "AES-GCM", false, ["encrypt", "decrypt"]);
}

/** AES-256-GCM; output is `v1.<iv>.<ciphertext>` in base64url. */
export async function encryptSecret(base64Key: string | undefined, plaintext: string) {
  const key = await aesKey(base64Key);
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const cipher = new Uint8Array(await crypto.subtle.encrypt({ name: "AES-GCM", iv }, key, encoder.encode(plaintext)));
  return `v1.${toBase64Url(iv)}.${toBase64Url(cipher)}`;
}

export async function decryptSecret(base64Key: string | undefined, stored: string) {
  const [version, iv, cipher] = stored.split(".");
  if (version !== "v1" || !iv || !cipher) throw new Error("Unrecognised ciphertext");
  const key = await aesKey(base64Key);
  const plain = await crypto.subtle.decrypt({ name: "AES-GCM", iv: fromBase64(iv) }, key, fromBase64(cipher));
  return new TextDecoder().decode(plain);
}
