import { extname } from 'node:path';

export type LogFileFormat = 'jsonl' | 'json' | 'csv';

export const LOG_FILE_FORMATS: readonly LogFileFormat[] = ['jsonl', 'json', 'csv'];

/**
 * By extension first; otherwise by the first bytes: '[' or '{' that spans
 * lines is JSON, one object per line is JSONL, anything else is CSV.
 */
export function detectLogFileFormat(path: string, head: string): LogFileFormat {
  const ext = extname(path).toLowerCase();
  if (ext === '.jsonl' || ext === '.ndjson') return 'jsonl';
  if (ext === '.csv') return 'csv';
  const text = head.replace(/^\uFEFF/, '').trimStart();
  if (text.startsWith('[')) return 'json';
  if (text.startsWith('{')) {
    const firstLine = text.split('\n', 1)[0] ?? '';
    try {
      JSON.parse(firstLine);
      return 'jsonl';
    } catch {
      return 'json';
    }
  }
  return ext === '.json' ? 'json' : 'csv';
}
