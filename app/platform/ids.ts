/** App-generated ids, so statements in one batch never need each other's output. */
export const newId = () => crypto.randomUUID();

export const nowIso = (date: Date = new Date()) => date.toISOString().replace(/\.\d{3}Z$/, "Z");
