/**
 * RFC 4180 rows from text fed in chunks: quoted fields may hold commas,
 * doubled quotes and line breaks; CRLF and LF both end a row. The Entra
 * portal's CSV download is like this (and starts with a byte-order mark,
 * which the file reader strips).
 */
export class CsvRowParser {
  private field = '';
  private row: string[] = [];
  private quoted = false;
  /** Just saw a quote inside a quoted field: either the end or the first of a doubled pair. */
  private quotePending = false;
  private fieldStarted = false;
  private line = 1;
  private rowLine = 1;

  constructor(private readonly emit: (row: string[], line: number) => void) {}

  push(chunk: string): void {
    const n = chunk.length;
    let i = 0;
    while (i < n) {
      if (this.quoted) {
        if (this.quotePending) {
          this.quotePending = false;
          if (chunk.charCodeAt(i) === 0x22) {
            this.field += '"';
            i++;
            continue;
          }
          this.quoted = false;
          continue; // re-read this character outside quotes
        }
        const q = chunk.indexOf('"', i);
        if (q < 0) {
          this.countLines(chunk, i, n);
          this.field += chunk.slice(i);
          return;
        }
        this.countLines(chunk, i, q);
        this.field += chunk.slice(i, q);
        this.quotePending = true;
        i = q + 1;
        continue;
      }
      const c = chunk.charCodeAt(i);
      if (c === 0x2c) {
        this.endField();
      } else if (c === 0x0a) {
        this.endRow();
        this.line++;
        this.rowLine = this.line;
      } else if (c === 0x0d) {
        // CR of CRLF: the LF ends the row.
      } else if (c === 0x22 && !this.fieldStarted) {
        this.quoted = true;
        this.fieldStarted = true;
      } else {
        // Plain run up to the next delimiter, copied in one slice.
        let j = i + 1;
        while (j < n) {
          const d = chunk.charCodeAt(j);
          if (d === 0x2c || d === 0x0a || d === 0x0d) break;
          j++;
        }
        this.field += chunk.slice(i, j);
        this.fieldStarted = true;
        i = j;
        continue;
      }
      i++;
    }
  }

  end(): void {
    if (this.quotePending) {
      this.quotePending = false;
      this.quoted = false;
    }
    if (this.quoted) throw new SyntaxError(`CSV ended inside a quoted field that started on line ${this.rowLine}`);
    if (this.fieldStarted || this.row.length > 0) this.endRow();
  }

  private countLines(chunk: string, from: number, to: number): void {
    for (let k = chunk.indexOf('\n', from); k >= 0 && k < to; k = chunk.indexOf('\n', k + 1)) this.line++;
  }

  private endField(): void {
    this.row.push(this.field);
    this.field = '';
    this.fieldStarted = false;
  }

  private endRow(): void {
    this.endField();
    const row = this.row;
    this.row = [];
    // A blank line is not a record.
    if (row.length === 1 && row[0] === '') return;
    this.emit(row, this.rowLine);
  }
}
