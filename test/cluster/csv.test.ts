// The CSV reader and the gp_segment_configuration reader: RFC 4180 quoting, CRLF, header
// mapping by name, and one-line errors naming file, line and problem.
import { describe, expect, it } from "vitest";
import { ClusterInputError, parseCsv, parseCsvRecords, parseSegmentConfiguration } from "../../cluster/index.js";

function error(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(ClusterInputError);
    return (e as Error).message;
  }
  throw new Error("no error thrown");
}

describe("CSV records (RFC 4180)", () => {
  it("reads quoted fields with commas, doubled quotes and newlines, and says where each record starts", () => {
    const text = 'a,b,c\n1,"x, y","say ""hi"""\n2,"two\nlines",\n3,,"z"\n';
    expect(parseCsvRecords(text, "f.csv")).toEqual([
      { line: 1, fields: ["a", "b", "c"] },
      { line: 2, fields: ["1", "x, y", 'say "hi"'] },
      { line: 3, fields: ["2", "two\nlines", ""] },
      { line: 5, fields: ["3", "", "z"] },
    ]);
  });

  it("accepts CRLF line ends, a byte-order mark, no final newline and blank lines", () => {
    const text = '\ufeffa,b\r\n1,"p\r\nq"\r\n\r\n2,3';
    expect(parseCsvRecords(text, "f.csv")).toEqual([
      { line: 1, fields: ["a", "b"] },
      { line: 2, fields: ["1", "p\r\nq"] },
      { line: 5, fields: ["2", "3"] },
    ]);
  });

  it("keeps an empty last field after a trailing comma", () => {
    expect(parseCsvRecords("a,b,\n", "f.csv")).toEqual([{ line: 1, fields: ["a", "b", ""] }]);
    expect(parseCsvRecords("a,b,", "f.csv")).toEqual([{ line: 1, fields: ["a", "b", ""] }]);
  });

  it("refuses an unterminated quote, text after a closing quote, and a bare quote in a field", () => {
    expect(error(() => parseCsvRecords('a,b\n1,"open\n2,3\n', "f.csv"))).toBe('f.csv:2: unterminated quoted field (a " is never closed)');
    expect(error(() => parseCsvRecords('a,b\n1,"x"y\n', "f.csv"))).toBe('f.csv:2: unexpected text after a closing quote: "y\\n"');
    expect(error(() => parseCsvRecords('a,b\n1,x"y\n', "f.csv"))).toMatch(/^f\.csv:2: a quote inside an unquoted field/);
  });

  it("checks every record has as many fields as the header", () => {
    expect(error(() => parseCsv("a,b\n1,2\n3\n", "f.csv"))).toBe("f.csv:3: expected 2 fields as in the header, got 1");
    expect(error(() => parseCsv("", "f.csv"))).toBe("f.csv: the file is empty (expected a header row)");
  });
});

const HEADER = "dbid,content,role,preferred_role,mode,status,port,hostname,address,datadir";
const ROWS = [
  "1,-1,p,p,n,u,5432,cdw,cdw,/c",
  "2,0,p,p,s,u,6000,sdw1,sdw1,/p0",
  "3,1,p,p,s,u,6000,sdw2,sdw2,/p1",
  "4,0,m,m,s,u,7000,sdw2,sdw2,/m0",
  "5,1,m,m,s,u,7000,sdw1,sdw1,/m1",
];

describe("gp_segment_configuration", () => {
  it("maps columns by name in any order and case, skips content -1, and pairs instances by preferred role", () => {
    const cfg = parseSegmentConfiguration([HEADER, ...ROWS].join("\n"), "conf.csv");
    expect(cfg.rows.map((r) => r.dbid)).toEqual([2, 3, 4, 5]);
    expect(cfg.contents.map((c) => [c.content, c.preferredPrimary.dbid, c.preferredMirror?.dbid])).toEqual([
      [0, 2, 4],
      [1, 3, 5],
    ]);
    // The same table with the columns shuffled, upper-case names and CRLF.
    const cols = HEADER.split(",");
    const order = [7, 1, 0, 5, 4, 3, 2, 6, 9, 8];
    const shuffled = [order.map((i) => cols[i].toUpperCase()).join(","), ...ROWS.map((r) => order.map((i) => r.split(",")[i]).join(","))].join("\r\n");
    const again = parseSegmentConfiguration(shuffled, "conf.csv");
    expect(again.rows).toEqual(cfg.rows.map((r) => ({ ...r })));
  });

  it("names the file, line and problem for bad input", () => {
    const bad = (rows: string[], header = HEADER): string => error(() => parseSegmentConfiguration([header, ...rows].join("\n"), "conf.csv"));
    expect(bad(ROWS, HEADER.replace("preferred_role", "preferredrole"))).toBe(
      'conf.csv:1: missing column "preferred_role" (the header has: dbid, content, role, preferredrole, mode, status, port, hostname, address, datadir)',
    );
    expect(bad([ROWS[0], "x,0,p,p,s,u,6000,sdw1,sdw1,/p0"])).toBe('conf.csv:3: dbid must be an integer, got "x"');
    expect(bad([ROWS[0], "2,0,q,p,s,u,6000,sdw1,sdw1,/p0"])).toBe('conf.csv:3: role must be p or m, got "q"');
    expect(bad([ROWS[0], "2,0,p,p,r,u,6000,sdw1,sdw1,/p0"])).toBe('conf.csv:3: mode must be s or n, got "r"');
    expect(bad([ROWS[0], "2,0,p,p,s,x,6000,sdw1,sdw1,/p0"])).toBe('conf.csv:3: status must be u or d, got "x"');
    expect(bad([...ROWS, "4,1,m,m,s,u,7000,sdw1,sdw1,/m1"])).toBe("conf.csv:7: dbid 4 appears twice");
    expect(bad([...ROWS.slice(0, 3), "4,0,m,p,s,u,7000,sdw2,sdw2,/m0"])).toBe(
      "conf.csv:5: content 0 has two rows with preferred_role p (dbids 2 and 4)",
    );
    expect(bad(["2,0,p,p,s,u,6000,sdw1,sdw1,/p0", "3,2,p,p,s,u,6000,sdw1,sdw1,/p2"])).toBe(
      "conf.csv: contents must be numbered 0..1; content 1 is missing",
    );
    expect(bad([ROWS[0]])).toBe("conf.csv: no segment rows (every row has content -1)");
    expect(bad(["2,0,p,p,s,u,6000,,sdw1,/p0"])).toBe("conf.csv:2: hostname is empty");
  });
});
