import { elevationMachine } from '../../../workflows/pim-elevation/machine';
import type { ElevationContext } from '../../../workflows/pim-elevation/types';
import type { WorkflowDefinition } from '../../runtime/workflow-definition';
import { approvalCard } from './approval-card';
import { assignmentEndedMessage, requestExpiredMessage, verificationMessage } from './ending-messages';
import { errorMessage } from './error-message';
import { escalationMessage } from './escalation-message';
import { mfaNeededMessage } from './mfa-needed-message';
import { outcomeMessage } from './outcome-message';
import { reminderMessage } from './reminder-message';
import { summarizeElevation } from '../../../workflows/pim-elevation/elevation-summary';
import { ELEVATION_KIND } from '../../../workflows/pim-elevation/kind';

/** The PIM elevation workflow: its machine and every view its chat effects name. */
export const elevationDefinition: WorkflowDefinition<ElevationContext> = {
  kind: ELEVATION_KIND,
  machine: elevationMachine,
  summarize: summarizeElevation,
  views: {
    approval: approvalCard,
    outcome: outcomeMessage,
    reminder: reminderMessage,
    escalation: escalationMessage,
    'request-expired': requestExpiredMessage,
    'assignment-ended': assignmentEndedMessage,
    verification: verificationMessage,
    'mfa-needed': mfaNeededMessage,
    error: errorMessage,
  },
};
