import { closeSync, openSync, readSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';
import type { DirectoryAudit, SignIn } from '../../workflows/graph-records';
import { CsvRowParser } from './csv-row-parser';
import { JsonRecordSplitter } from './json-record-splitter';
import type { SignInPreFilter } from './sign-in-pre-filter';
import { fromUnwrapped, toLogRecord, type LogRecord } from './json-log-record';
import { isLogAnalyticsHeader, logAnalyticsRowToGraph, normaliseColumn } from './log-analytics-sign-in';
import { detectLogFileFormat, type LogFileFormat } from './log-file-format';
import { csvRowToSignIn, isSignInHeader, mapColumns, type ColumnMap } from './portal-csv-sign-in';

/** What one chunk of the file held. Pages keep per-record overhead off the hot path. */
export interface LogPage {
  signIns: SignIn[];
  audits: DirectoryAudit[];
  /** Why records were left out ('line 12: unreadable Date (UTC) ...'). */
  skipped: string[];
  /** Records read but of a kind the rules do not look at (other diagnostic categories). */
  ignored: number;
  /** Sign-ins of accounts outside the privileged set, counted but not parsed (see sign-in-pre-filter). */
  passedOver: number;
}

const emptyPage = (): LogPage => ({ signIns: [], audits: [], skipped: [], ignored: 0, passedOver: 0 });
const hasContent = (p: LogPage): boolean => p.signIns.length > 0 || p.audits.length > 0 || p.skipped.length > 0 || p.ignored > 0 || p.passedOver > 0;

function add(page: LogPage, r: LogRecord, where: string): void {
  if (r.kind === 'signIn') page.signIns.push(r.record);
  else if (r.kind === 'audit') page.audits.push(r.record);
  else if (r.kind === 'ignore') page.ignored++;
  else page.skipped.push(`${where}: ${r.reason}`);
}

export interface ReadOptions {
  format?: LogFileFormat;
  /** Bytes per read. 64 KiB (about sixty sign-ins) keeps peak memory low at no cost in speed. */
  chunkSize?: number;
  /** Passes over ordinary users' sign-ins unparsed (JSON and JSONL; CSV rows are cheap to read anyway). */
  preFilter?: SignInPreFilter;
}

/** Decides the format from the name and the first bytes. */
export async function sniffLogFileFormat(path: string): Promise<LogFileFormat> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(4096);
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    return detectLogFileFormat(path, buf.subarray(0, bytesRead).toString('utf8'));
  } finally {
    await fh.close();
  }
}

/** A saved Graph page (`value`) or an Azure Monitor envelope (`records`, as Event Hub and storage exports hold them). */
function pageRecords(v: unknown): unknown[] | undefined {
  if (typeof v !== 'object' || v === null || 'id' in v) return undefined;
  const { value, records } = v as { value?: unknown; records?: unknown };
  return Array.isArray(value) ? value : Array.isArray(records) ? records : undefined;
}

type Sink = (text: string, page: LogPage) => void;

function jsonlSink(preFilter: SignInPreFilter | undefined): { push: Sink; end: (page: LogPage) => void } {
  let rest = '';
  let line = 0;
  const take = (text: string, page: LogPage): void => {
    line++;
    if (text.length === 0 || (text.length === 1 && text === '\r')) return;
    if (preFilter?.passOver(text)) {
      page.passedOver++;
      return;
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      page.skipped.push(`line ${line}: not valid JSON`);
      return;
    }
    // A saved Graph page or an Azure Monitor envelope on one line holds many records.
    const values = pageRecords(value) ?? [value];
    for (const v of values) add(page, toLogRecord(v), `line ${line}`);
  };
  return {
    push(text, page) {
      let start = 0;
      let nl = text.indexOf('\n');
      if (nl >= 0 && rest) {
        take(rest + text.slice(0, nl), page);
        rest = '';
        start = nl + 1;
        nl = text.indexOf('\n', start);
      }
      while (nl >= 0) {
        take(text.slice(start, nl), page);
        start = nl + 1;
        nl = text.indexOf('\n', start);
      }
      rest += text.slice(start);
    },
    end(page) {
      if (rest) take(rest, page);
      rest = '';
    },
  };
}

function jsonSink(preFilter: SignInPreFilter | undefined): { push: Sink; end: (page: LogPage) => void } {
  let current: LogPage | undefined;
  let n = 0;
  const splitter = new JsonRecordSplitter(
    (value) => {
      n++;
      add(current as LogPage, toLogRecord(value), `record ${n}`);
    },
    preFilter && {
      passOver: (text) => preFilter.passOver(text),
      passedOver: () => {
        n++;
        (current as LogPage).passedOver++;
      },
    },
  );
  return {
    push(text, page) {
      current = page;
      splitter.push(text);
    },
    end() {
      splitter.end();
    },
  };
}

function csvSink(): { push: Sink; end: (page: LogPage) => void } {
  let current: LogPage | undefined;
  let cols: ColumnMap | undefined;
  /** Log Analytics' export: column index by normalised name. */
  let table: Map<string, number> | undefined;
  const parser = new CsvRowParser((row, line) => {
    const page = current as LogPage;
    if (table) {
      const get = (column: string): unknown => {
        const i = table?.get(column);
        return i === undefined ? undefined : row[i];
      };
      add(page, fromUnwrapped(logAnalyticsRowToGraph(get)), `line ${line}`);
      return;
    }
    if (!cols) {
      if (isLogAnalyticsHeader(row)) {
        table = new Map();
        row.forEach((h, i) => {
          const name = normaliseColumn(h);
          if (!table?.has(name)) table?.set(name, i);
        });
        return;
      }
      cols = mapColumns(row);
      if (!isSignInHeader(cols)) throw new SyntaxError(`line ${line}: this CSV has no 'Date (UTC)' and 'Username' columns (Entra sign-in download) nor 'TimeGenerated' and 'UserPrincipalName' (Log Analytics SigninLogs export)`);
      return;
    }
    const r = csvRowToSignIn(row, cols, line);
    if (r.ok) page.signIns.push(r.signIn);
    else page.skipped.push(r.reason);
  });
  return {
    push(text, page) {
      current = page;
      parser.push(text);
    },
    end(page) {
      current = page;
      parser.end();
    },
  };
}

/**
 * Streams a sign-in (or directory audit) export page by page: Graph JSON
 * pages, JSONL, the Entra portal's JSON array and CSV download, Azure Monitor
 * diagnostic records (bare, in arrays or in `{"records":[...]}` envelopes) and
 * Log Analytics SigninLogs rows (CSV or JSON). Memory is a
 * chunk and the records in it, whatever the file size.
 */
export async function* readLogFile(path: string, options: ReadOptions = {}): AsyncGenerator<LogPage> {
  const format = options.format ?? (await sniffLogFileFormat(path));
  const sink = format === 'jsonl' ? jsonlSink(options.preFilter) : format === 'json' ? jsonSink(options.preFilter) : csvSink();
  const decoder = new StringDecoder('utf8');
  let first = true;
  // Read synchronously, one buffer reused: only the CLI reads these files and it has nothing else
  // to do meanwhile, while a thread-pool round trip per 64 KiB chunk left a third of the time idle
  // (CPU profile of bench workload 6). Pages are still yielded one chunk at a time.
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(options.chunkSize ?? 1 << 16);
    for (let got = readSync(fd, buffer); got > 0; got = readSync(fd, buffer)) {
      let text = decoder.write(buffer.subarray(0, got));
      if (first && text.length > 0) {
        text = text.replace(/^\uFEFF/, '');
        first = false;
      }
      const page = emptyPage();
      sink.push(text, page);
      if (hasContent(page)) yield page;
    }
  } finally {
    closeSync(fd);
  }
  const last = emptyPage();
  const tail = decoder.end();
  if (tail) sink.push(tail, last);
  sink.end(last);
  if (hasContent(last)) yield last;
}
