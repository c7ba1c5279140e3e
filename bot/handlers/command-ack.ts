import type { BreakGlassPersonEvent } from '../../workflows/break-glass/events';

/**
 * The one-line answer to a typed command that changed an incident. A click
 * is answered by the card it changes; a typed command may change nothing the
 * typist can see (a note, a reopen in a long channel), so it is confirmed.
 */
export function breakGlassAck(event: BreakGlassPersonEvent, incidentId: string): string {
  switch (event.type) {
    case 'step.done':
      return `Step ${event.step} of ${incidentId} is done.`;
    case 'support.case':
      return `Support case ${event.reference} is recorded on ${incidentId}.`;
    case 'step.skip':
      return `Step ${event.step} of ${incidentId} is skipped.`;
    case 'step.assign':
      return `Step ${event.step} of ${incidentId} is assigned to ${event.assignee.name}.`;
    case 'note.add':
      return `Note added to ${incidentId}.`;
    case 'commander.set':
      return `${event.commander.name} is now the commander of ${incidentId}.`;
    case 'signins.rerun':
      return `The sign-in review of ${incidentId} is running again; the result follows in the channel.`;
    case 'export.run':
      return `The log export for ${incidentId} is running; the files follow in the channel.`;
    case 'close':
      return `${incidentId} is closed; the report is in the channel.`;
    case 'reopen':
      return `${incidentId} is open again.`;
    default:
      return `${incidentId} is updated.`;
  }
}
