/** What people did with an alert lives in the alert machine's context; views only render it. */
export type { AlertStatus } from '../../../workflows/monitoring/alert-types';

export const ALERT_ACTIONS = {
  ack: 'alert.ack',
  openIncident: 'alert.open-incident',
  falsePositive: 'alert.false-positive',
} as const;

/** The key the false-positive reason arrives under in the action's inputs. */
export const FALSE_POSITIVE_REASON_INPUT = 'reason';
