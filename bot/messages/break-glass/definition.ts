import type { BreakGlassContext } from '../../../workflows/break-glass/context';
import { breakGlassMachine } from '../../../workflows/break-glass/machine';
import type { WorkflowDefinition } from '../../runtime/workflow-definition';
import { ackRequest } from './ack-request';
import { ackUnanswered } from './ack-unanswered';
import { checklistCard } from './checklist-card';
import { checkoutNotice } from './checkout-notice';
import { closeReport } from './close-report';
import { emergencySignInNotice } from './emergency-sign-in-notice';
import { exportResult } from './export-result';
import { federationNotice } from './federation-notice';
import { incidentUpdate } from './incident-update';
import { mailboxReminder } from './mailbox-reminder';
import { mailboxRulesNotice } from './mailbox-rules-notice';
import { signInSummaryNotice } from './sign-in-summary-notice';
import { stallNotice } from './stall-notice';
import { stepDegraded } from './step-degraded';
import { stepUpdate } from './step-update';
import { BREAK_GLASS_KIND } from '../../../workflows/break-glass/kind';

/** The break-glass workflow kind: its machine and every view its chat effects name. */
export const breakGlassDefinition: WorkflowDefinition<BreakGlassContext> = {
  kind: BREAK_GLASS_KIND,
  machine: breakGlassMachine,
  views: {
    checklist: checklistCard,
    'ack-request': ackRequest,
    'ack-unanswered': ackUnanswered,
    'step-update': stepUpdate,
    checkout: checkoutNotice,
    'emergency-sign-in': emergencySignInNotice,
    'sign-in-summary': signInSummaryNotice,
    'step-degraded': stepDegraded,
    federation: federationNotice,
    'export-result': exportResult,
    'mailbox-reminder': mailboxReminder,
    'mailbox-rules': mailboxRulesNotice,
    stall: stallNotice,
    report: closeReport,
    'incident-update': incidentUpdate,
  },
  // A closed incident can be reopened and still takes notes and late Graph answers, so the
  // runtime must never treat it as finished (it drops every event for a closed row): it is
  // dormant instead. Leaving `open` cancels the incident's timers.
  isClosed: () => false,
  isDormant: ({ value }) => value === 'closed',
};
