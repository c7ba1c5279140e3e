import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';
import type { DirectoryAudit, SignIn } from '../../workflows/graph-records';
import { CsvRowParser } from './csv-row-parser';
import { JsonRecordSplitter } from './json-record-splitter';
import { toLogRecord } from './json-log-record';
import { detectLogFileFormat, type LogFileFormat } from './log-file-format';
import { csvRowToSignIn, isSignInHeader, mapColumns, type ColumnMap } from './portal-csv-sign-in';

/** What one chunk of the file held. Pages keep per-record overhead off the hot path. */
export interface LogPage {
  signIns: SignIn[];
  audits: DirectoryAudit[];
  /** Why records were left out ('line 12: unreadable Date (UTC) ...'). */
  skipped: string[];
}

export interface ReadOptions {
  format?: LogFileFormat;
  /** Bytes per read. 64 KiB (about sixty sign-ins) keeps peak memory low at no cost in speed. */
  chunkSize?: number;
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

function isPage(v: unknown): v is { value: unknown[] } {
  return typeof v === 'object' && v !== null && !('id' in v) && Array.isArray((v as { value?: unknown }).value);
}

type Sink = (text: string, page: LogPage) => void;

function jsonlSink(): { push: Sink; end: (page: LogPage) => void } {
  let rest = '';
  let line = 0;
  const take = (text: string, page: LogPage): void => {
    line++;
    if (text.length === 0 || (text.length === 1 && text === '\r')) return;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      page.skipped.push(`line ${line}: not valid JSON`);
      return;
    }
    // A saved Graph page on one line (JSON.stringify of a response) holds many records.
    const values = isPage(value) ? value.value : [value];
    for (const v of values) {
      const r = toLogRecord(v);
      if (r.kind === 'signIn') page.signIns.push(r.record);
      else if (r.kind === 'audit') page.audits.push(r.record);
      else page.skipped.push(`line ${line}: ${r.reason}`);
    }
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

function jsonSink(): { push: Sink; end: (page: LogPage) => void } {
  let current: LogPage | undefined;
  let n = 0;
  const splitter = new JsonRecordSplitter((value) => {
    n++;
    const page = current as LogPage;
    const r = toLogRecord(value);
    if (r.kind === 'signIn') page.signIns.push(r.record);
    else if (r.kind === 'audit') page.audits.push(r.record);
    else page.skipped.push(`record ${n}: ${r.reason}`);
  });
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
  const parser = new CsvRowParser((row, line) => {
    const page = current as LogPage;
    if (!cols) {
      cols = mapColumns(row);
      if (!isSignInHeader(cols)) throw new SyntaxError(`line ${line}: this CSV has no 'Date (UTC)' and 'Username' columns; is it an Entra sign-in log download?`);
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
 * pages, JSONL, the Entra portal's JSON array and CSV download. Memory is a
 * chunk and the records in it, whatever the file size.
 */
export async function* readLogFile(path: string, options: ReadOptions = {}): AsyncGenerator<LogPage> {
  const format = options.format ?? (await sniffLogFileFormat(path));
  const sink = format === 'jsonl' ? jsonlSink() : format === 'json' ? jsonSink() : csvSink();
  const decoder = new StringDecoder('utf8');
  let first = true;
  const stream = createReadStream(path, { highWaterMark: options.chunkSize ?? 1 << 16 });
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    let text = decoder.write(chunk);
    if (first && text.length > 0) {
      text = text.replace(/^\uFEFF/, '');
      first = false;
    }
    const page: LogPage = { signIns: [], audits: [], skipped: [] };
    sink.push(text, page);
    if (page.signIns.length || page.audits.length || page.skipped.length) yield page;
  }
  const last: LogPage = { signIns: [], audits: [], skipped: [] };
  const tail = decoder.end();
  if (tail) sink.push(tail, last);
  sink.end(last);
  if (last.signIns.length || last.audits.length || last.skipped.length) yield last;
}
