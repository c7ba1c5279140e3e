import type { BreakGlassContext } from '../../../workflows/break-glass/context';
import type { Message } from '../message';
import { incidentMessage } from './incident-words';

/** Step 8: the exported files with their record counts and SHA-256 hashes. */
export function exportResult(context: BreakGlassContext): Message {
  const { files, window } = context.logExport;
  const text = `Exported ${files.length} files${window ? ` for ${window.since} to ${window.until}` : ''}. Keep them with the incident record: the hashes show they were not changed.`;
  return incidentMessage(context, {
    title: 'Logs backed up for forensics (step 8)',
    tone: 'good',
    blocks: [{ kind: 'text', text }, { kind: 'facts', facts: files.map((f) => ({ label: f.name, value: `${f.count} records · sha256 ${f.sha256}` })) }],
    fallbackText: `${text} ${files.map((f) => f.name).join(', ')}`,
  });
}
