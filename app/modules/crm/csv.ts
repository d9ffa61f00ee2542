// Client-safe: a small RFC 4180 CSV reader and writer (no dependency).
//
// Reading: fields separated by commas, records by CRLF, LF or CR; a field wrapped in double
// quotes may hold commas, quotes (doubled: "") and line breaks. A UTF-8 byte-order mark at the
// start is dropped. Blank lines are skipped. A quote left open at the end of the text, or text
// after a closing quote, is an error naming the line where the field started.

export class CsvError extends Error {
  constructor(message: string, readonly line: number) {
    super(message);
    this.name = "CsvError";
  }
}

export interface ParsedCsv {
  /** Every non-blank record (the first is usually the header row). */
  records: string[][];
  /** The 1-based line on which each record starts (for row-level messages). */
  lines: number[];
}

export function parseCsv(input: string): ParsedCsv {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const records: string[][] = [];
  const lines: number[] = [];
  let record: string[] = [];
  let field = "";
  let line = 1;
  let recordLine = 1;
  let i = 0;
  const n = text.length;

  const endRecord = () => {
    record.push(field);
    field = "";
    // A blank line is a single empty field: skip it.
    if (!(record.length === 1 && record[0] === "")) {
      records.push(record);
      lines.push(recordLine);
    }
    record = [];
  };

  while (i < n) {
    const ch = text[i]!;
    if (ch === '"' && field === "") {
      // Quoted field.
      const startLine = line;
      i++;
      let closed = false;
      while (i < n) {
        const c = text[i]!;
        if (c === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          closed = true;
          i++;
          break;
        }
        if (c === "\r") {
          field += text[i + 1] === "\n" ? "\r\n" : "\r";
          i += text[i + 1] === "\n" ? 2 : 1;
          line++;
          continue;
        }
        if (c === "\n") line++;
        field += c;
        i++;
      }
      if (!closed) throw new CsvError(`A quoted field starting on line ${startLine} is never closed`, startLine);
      const next = text[i];
      if (next !== undefined && next !== "," && next !== "\n" && next !== "\r") {
        throw new CsvError(`Unexpected text after a closing quote on line ${line}`, line);
      }
      if (next === ",") {
        record.push(field);
        field = "";
        i++;
        if (i === n) {
          // Trailing comma at the very end: one more empty field.
          endRecord();
        }
      }
      continue;
    }
    if (ch === ",") {
      record.push(field);
      field = "";
      i++;
      if (i === n) endRecord();
      continue;
    }
    if (ch === "\r" || ch === "\n") {
      endRecord();
      i += ch === "\r" && text[i + 1] === "\n" ? 2 : 1;
      line++;
      recordLine = line;
      continue;
    }
    field += ch;
    i++;
  }
  if (field !== "" || record.length > 0) endRecord();
  return { records, lines };
}

/** One CSV cell: quoted when needed, formula-like text defused (CSV injection in spreadsheets). */
export function csvCell(value: unknown): string {
  let text = value == null ? "" : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: readonly unknown[]): string {
  return values.map(csvCell).join(",") + "\r\n";
}

/** A whole CSV document (header + rows), CRLF line ends. */
export function toCsv(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  return csvLine(header) + rows.map(csvLine).join("");
}
