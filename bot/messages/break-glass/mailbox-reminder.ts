import { formatDuration } from '../../../workflows/duration';
import type { BreakGlassContext } from '../../../workflows/break-glass/context';
import type { Message } from '../message';
import { BREAK_GLASS_ACTIONS, buttonValue } from './button-values';
import { incidentMessage } from './incident-words';

/** Step 7's repeating nudge while the step is open. */
export function mailboxReminder(context: BreakGlassContext): Message {
  const text = `Reminder ${context.mailbox.reminders}: step 7 is still open. Watch the mailboxes of privileged accounts for security alerts, password-reset and MFA-change mails and new forwarding rules. Next reminder in ${formatDuration(context.settings.mailboxReminderMs)} unless someone marks it done.`;
  return incidentMessage(context, {
    title: 'Monitor privileged mailboxes (step 7)',
    tone: 'info',
    blocks: [{ kind: 'text', text }],
    buttons: [{ actionId: BREAK_GLASS_ACTIONS.done, label: 'Mailboxes are watched', value: buttonValue(context.incidentId, 7) }],
    fallbackText: text,
  });
}
