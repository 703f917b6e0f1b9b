/**
 * A CSV reader for what `psql --csv` and `COPY ... TO STDOUT WITH CSV HEADER` write
 * (RFC 4180): comma-separated fields, fields in double quotes may hold commas, newlines
 * and doubled quotes (`""`), lines end in LF or CRLF, the first record is the header.
 * Columns are found by name (case-insensitive, surrounding spaces ignored), never by
 * position, so any column order and any extra columns are accepted.
 */

/** Bad input in a CSV file: names the file, the line (1-based) and the problem. The CLI exits 2. */
export class ClusterInputError extends Error {
  override readonly name = "ClusterInputError";
  constructor(
    readonly file: string,
    /** The line the offending record starts on, or null for a problem with the file as a whole. */
    readonly line: number | null,
    readonly problem: string,
  ) {
    super(line === null ? `${file}: ${problem}` : `${file}:${line}: ${problem}`);
  }
}

/** One data record: its fields, and the line it starts on (records may span lines). */
export interface CsvRecord {
  readonly line: number;
  readonly fields: readonly string[];
}

export interface CsvTable {
  readonly file: string;
  /** Header names as written. */
  readonly header: readonly string[];
  /** Data records (the header excluded), in file order. */
  readonly records: readonly CsvRecord[];
}

/** Splits CSV text into records. Throws ClusterInputError on an unterminated quote or stray text after one. */
export function parseCsvRecords(text: string, file: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; // a byte-order mark is not data
  let line = 1;
  const n = text.length;
  while (i < n) {
    const start = line;
    const fields: string[] = [];
    let field = "";
    let atRecordEnd = false;
    while (!atRecordEnd) {
      if (text[i] === '"') {
        // A quoted field: up to the next quote not doubled.
        const quoteLine = line;
        i++;
        for (;;) {
          if (i >= n) throw new ClusterInputError(file, quoteLine, "unterminated quoted field (a \" is never closed)");
          const ch = text[i];
          if (ch === '"') {
            if (text[i + 1] === '"') {
              field += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (ch === "\n") line++;
          field += ch;
          i++;
        }
        if (i < n && text[i] !== "," && text[i] !== "\n" && !(text[i] === "\r" && text[i + 1] === "\n")) {
          throw new ClusterInputError(file, line, `unexpected text after a closing quote: ${JSON.stringify(text.slice(i, i + 10))}`);
        }
      } else {
        while (i < n && text[i] !== "," && text[i] !== "\n" && !(text[i] === "\r" && text[i + 1] === "\n")) {
          if (text[i] === '"') throw new ClusterInputError(file, line, "a quote inside an unquoted field (quote the whole field and double the quote)");
          field += text[i];
          i++;
        }
      }
      fields.push(field);
      field = "";
      if (i >= n) {
        atRecordEnd = true;
      } else if (text[i] === ",") {
        i++;
        if (i >= n) fields.push(""); // a trailing comma ends with an empty field
        atRecordEnd = i >= n;
      } else {
        i += text[i] === "\r" ? 2 : 1;
        line++;
        atRecordEnd = true;
      }
    }
    // A blank line (one empty field) carries no record.
    if (!(fields.length === 1 && fields[0] === "")) records.push({ line: start, fields });
  }
  return records;
}

/** Reads a CSV file's text: the header row, then records with exactly as many fields as the header. */
export function parseCsv(text: string, file: string): CsvTable {
  const all = parseCsvRecords(text, file);
  if (all.length === 0) throw new ClusterInputError(file, null, "the file is empty (expected a header row)");
  const header = all[0].fields.map((h) => h.trim());
  const records = all.slice(1);
  for (const r of records) {
    if (r.fields.length !== header.length) {
      throw new ClusterInputError(file, r.line, `expected ${header.length} fields as in the header, got ${r.fields.length}`);
    }
  }
  return { file, header, records };
}

/**
 * The index of each named column in the header (case-insensitive). A missing column is an
 * error naming the columns the header does have.
 */
export function columnIndexes<K extends string>(table: CsvTable, names: readonly K[]): Record<K, number> {
  const lower = table.header.map((h) => h.toLowerCase());
  const out = {} as Record<K, number>;
  for (const name of names) {
    const at = lower.indexOf(name.toLowerCase());
    if (at < 0) {
      throw new ClusterInputError(
        table.file,
        1,
        `missing column "${name}" (the header has: ${table.header.join(", ")})`,
      );
    }
    if (lower.indexOf(name.toLowerCase(), at + 1) >= 0) {
      throw new ClusterInputError(table.file, 1, `column "${name}" appears twice in the header`);
    }
    out[name] = at;
  }
  return out;
}

/** A field as an integer (surrounding spaces allowed); an error naming file, line and column otherwise. */
export function intField(table: CsvTable, r: CsvRecord, column: string, index: number): number {
  const v = r.fields[index].trim();
  if (!/^-?\d+$/.test(v)) throw new ClusterInputError(table.file, r.line, `${column} must be an integer, got ${JSON.stringify(r.fields[index])}`);
  return Number(v);
}

/** A one-character code field (role p/m, status u/d, mode s/n); an error naming the allowed values otherwise. */
export function codeField<T extends string>(
  table: CsvTable,
  r: CsvRecord,
  column: string,
  index: number,
  allowed: readonly T[],
): T {
  const v = r.fields[index].trim();
  const found = allowed.find((a) => a === v);
  if (found === undefined) {
    throw new ClusterInputError(
      table.file,
      r.line,
      `${column} must be ${allowed.join(" or ")}, got ${JSON.stringify(r.fields[index])}`,
    );
  }
  return found;
}
