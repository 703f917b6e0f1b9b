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

/** Thrown inside `scanRecord` when the text ends within a record and more text may follow. */
const MORE: unique symbol = Symbol("more");

const COMMA = 44;
const LF = 10;
const CR = 13;
const QUOTE = 34;

/** Where a scan stopped: the record (null for a blank line), and the offset and line after it. */
export interface RecordScan {
  readonly record: CsvRecord | null;
  readonly next: number;
  readonly nextLine: number;
}

/**
 * Reads the record that starts at offset `i` (on line `line`) of `text`. With `final` false the
 * text is a prefix of the input (a stream read in chunks): a record the prefix may cut short
 * gives null, to be scanned again once more text has come. With `final` true the text is the
 * whole rest of the input. Throws ClusterInputError on an unterminated quote or stray text
 * after one. One scanner serves both, so a file read in chunks gives the same records and the
 * same errors as a file read whole.
 */
export function scanRecord(text: string, i: number, line: number, file: string, final: boolean): RecordScan | null {
  try {
    return scan(text, i, line, file, final);
  } catch (e) {
    if (e === MORE) return null;
    throw e;
  }
}

function scan(text: string, i: number, line: number, file: string, final: boolean): RecordScan {
  const n = text.length;
  // The input ends at k: an error or the end of the record when final, else wait for more.
  const ends = (k: number): boolean => {
    if (k < n) return false;
    if (!final) throw MORE;
    return true;
  };
  const start = line;
  const fields: string[] = [];
  for (;;) {
    if (!ends(i) && text.charCodeAt(i) === QUOTE) {
      // A quoted field: up to the next quote not doubled.
      const quoteLine = line;
      let field = "";
      i++;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) {
          if (!final) throw MORE;
          throw new ClusterInputError(file, quoteLine, 'unterminated quoted field (a " is never closed)');
        }
        const part = text.slice(i, q);
        for (let k = part.indexOf("\n"); k >= 0; k = part.indexOf("\n", k + 1)) line++;
        field += part;
        if (!ends(q + 1) && text.charCodeAt(q + 1) === QUOTE) {
          field += '"';
          i = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      if (!ends(i)) {
        const c = text.charCodeAt(i);
        if (c === CR && !final && i + 1 >= n) throw MORE;
        if (c !== COMMA && c !== LF && !(c === CR && text.charCodeAt(i + 1) === LF)) {
          if (!final && i + 10 > n) throw MORE; // the message quotes the next 10 characters
          throw new ClusterInputError(file, line, `unexpected text after a closing quote: ${JSON.stringify(text.slice(i, i + 10))}`);
        }
      }
      fields.push(field);
    } else {
      // Unquoted: up to a comma or a line end (a CR alone is data).
      const from = i;
      for (; !ends(i); i++) {
        const c = text.charCodeAt(i);
        if (c === COMMA || c === LF) break;
        if (c === CR) {
          if (ends(i + 1)) continue;
          if (text.charCodeAt(i + 1) === LF) break;
        }
        if (c === QUOTE) throw new ClusterInputError(file, line, "a quote inside an unquoted field (quote the whole field and double the quote)");
      }
      fields.push(text.slice(from, i));
    }
    if (ends(i)) break;
    if (text.charCodeAt(i) === COMMA) {
      i++;
      if (ends(i)) {
        fields.push(""); // a trailing comma ends with an empty field
        break;
      }
      continue;
    }
    i += text.charCodeAt(i) === CR ? 2 : 1;
    line++;
    break;
  }
  // A blank line (one empty field) carries no record.
  const blank = fields.length === 1 && fields[0] === "";
  return { record: blank ? null : { line: start, fields }, next: i, nextLine: line };
}

/** Splits CSV text into records. Throws ClusterInputError on an unterminated quote or stray text after one. */
export function parseCsvRecords(text: string, file: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; // a byte-order mark is not data
  let line = 1;
  while (i < text.length) {
    const r = scanRecord(text, i, line, file, true) as RecordScan;
    if (r.record !== null) records.push(r.record);
    i = r.next;
    line = r.nextLine;
  }
  return records;
}

/**
 * The records of a CSV input given in pieces (a file read in chunks), as they are complete:
 * only the record being read is held, never the whole input.
 */
export function* streamCsvRecords(chunks: Iterable<string>, file: string): Generator<CsvRecord> {
  let buf = "";
  let pos = 0;
  let line = 1;
  let started = false;
  for (const chunk of chunks) {
    buf = pos === 0 ? buf + chunk : buf.slice(pos) + chunk;
    pos = 0;
    if (!started && buf.length > 0) {
      started = true;
      if (buf.charCodeAt(0) === 0xfeff) pos = 1; // a byte-order mark is not data
    }
    for (;;) {
      if (pos >= buf.length) break;
      const r = scanRecord(buf, pos, line, file, false);
      if (r === null) break; // the record goes on in the next chunk
      if (r.record !== null) yield r.record;
      pos = r.next;
      line = r.nextLine;
    }
  }
  if (!started) return;
  while (pos < buf.length) {
    const r = scanRecord(buf, pos, line, file, true) as RecordScan;
    if (r.record !== null) yield r.record;
    pos = r.next;
    line = r.nextLine;
  }
}

/** The header's names, checked: an error for an empty file. */
export function headerOf(first: CsvRecord | undefined, file: string): string[] {
  if (first === undefined) throw new ClusterInputError(file, null, "the file is empty (expected a header row)");
  return first.fields.map((h) => h.trim());
}

/** A record with as many fields as the header, or an error naming its line. */
export function checkWidth(header: readonly string[], r: CsvRecord, file: string): void {
  if (r.fields.length !== header.length) {
    throw new ClusterInputError(file, r.line, `expected ${header.length} fields as in the header, got ${r.fields.length}`);
  }
}

/** Reads a CSV file's text: the header row, then records with exactly as many fields as the header. */
export function parseCsv(text: string, file: string): CsvTable {
  const all = parseCsvRecords(text, file);
  const header = headerOf(all[0], file);
  const records = all.slice(1);
  for (const r of records) checkWidth(header, r, file);
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
