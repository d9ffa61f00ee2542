import { describe, expect, it } from "vitest";
import { CsvError, csvCell, parseCsv, toCsv } from "~/modules/crm/csv";
import { guessMapping, normaliseDomain, normaliseEmail } from "~/modules/crm/schemas";

describe("parseCsv (RFC 4180)", () => {
  it("reads plain records with CRLF, LF or CR line ends", () => {
    expect(parseCsv("a,b\r\n1,2\r\n").records).toEqual([["a", "b"], ["1", "2"]]);
    expect(parseCsv("a,b\n1,2").records).toEqual([["a", "b"], ["1", "2"]]);
    expect(parseCsv("a,b\r1,2\r").records).toEqual([["a", "b"], ["1", "2"]]);
  });

  it("keeps commas, doubled quotes and line breaks inside quoted fields", () => {
    const text = 'name,notes\r\n"Harbour & Co, Online","She said ""hi""\r\nthen left"\r\n"x",""\r\n';
    const { records, lines } = parseCsv(text);
    expect(records).toEqual([
      ["name", "notes"],
      ["Harbour & Co, Online", 'She said "hi"\r\nthen left'],
      ["x", ""],
    ]);
    // The third record starts on line 4 because the second spans two lines.
    expect(lines).toEqual([1, 2, 4]);
  });

  it("drops a UTF-8 byte-order mark and keeps non-ASCII text", () => {
    const { records } = parseCsv("\uFEFFname,city\nZoë Ng,Malmö\n");
    expect(records[0]).toEqual(["name", "city"]);
    expect(records[1]).toEqual(["Zoë Ng", "Malmö"]);
  });

  it("keeps empty fields, trailing commas and skips blank lines", () => {
    expect(parseCsv("a,,c\n\n,b,\n\r\n").records).toEqual([["a", "", "c"], ["", "b", ""]]);
    expect(parseCsv("a,b,").records).toEqual([["a", "b", ""]]);
  });

  it("rejects a quote that is never closed, naming the line it opened on", () => {
    expect(() => parseCsv('a,b\n1,"open\nstill open')).toThrow(CsvError);
    try {
      parseCsv('a,b\n1,"open\nstill open');
    } catch (error) {
      expect((error as CsvError).line).toBe(2);
      expect((error as CsvError).message).toMatch(/line 2/);
    }
  });

  it("rejects text straight after a closing quote", () => {
    expect(() => parseCsv('a\n"quoted"tail\n')).toThrow(/after a closing quote/);
  });

  it("round-trips what toCsv writes, defusing formulas", () => {
    const rows = [["Harbour, Co", 'say "hi"', "line\nbreak", "=SUM(A1)", null]];
    const text = toCsv(["a", "b", "c", "d", "e"], rows);
    const parsed = parseCsv(text).records;
    expect(parsed[1]).toEqual(["Harbour, Co", 'say "hi"', "line\nbreak", "'=SUM(A1)", ""]);
    expect(csvCell("@cmd")).toBe("'@cmd");
    expect(csvCell("plain")).toBe("plain");
  });
});

describe("normalising keys", () => {
  it("domains: lower-case, no scheme, www, path, port or trailing dot", () => {
    expect(normaliseDomain("https://www.Example.COM.au/about?x=1")).toBe("example.com.au");
    expect(normaliseDomain("  shop.harbourco.com.au:8443  ")).toBe("shop.harbourco.com.au");
    expect(normaliseDomain("http://user@Example.org.")).toBe("example.org");
    expect(normaliseDomain("")).toBeNull();
    expect(normaliseDomain("not a domain")).toBe(false);
    expect(normaliseDomain("localhost")).toBe(false);
  });
  it("emails: trimmed, lower-case, shape-checked", () => {
    expect(normaliseEmail(" Rachel@HarbourCo.com.au ")).toBe("rachel@harbourco.com.au");
    expect(normaliseEmail("nope@")).toBe(false);
    expect(normaliseEmail("")).toBeNull();
  });
  it("guesses a column mapping from header names", () => {
    expect(guessMapping("contacts", ["E-mail", "First Name", "Surname", "Company", "Website"])).toEqual({
      email: 0, first_name: 1, last_name: 2, company_name: 3, company_domain: 4,
    });
    expect(guessMapping("companies", ["Company", "Domain", "Sector", "Parent domain"])).toEqual({
      name: 0, domain: 1, industry: 2, parent_domain: 3,
    });
  });
});
