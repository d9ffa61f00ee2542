// Client-safe: who may read or write confidential notes (person notes, ORIGINAL §3.5).
import type { AccessLevel } from "~/platform/tools";

export const CONFIDENTIAL_NOTE_LEVELS: readonly AccessLevel[] = ["executive", "head", "manager"];
