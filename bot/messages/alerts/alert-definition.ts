import { alertMachine } from '../../../workflows/monitoring/alert-machine';
import type { AlertContext } from '../../../workflows/monitoring/alert-types';
import type { WorkflowDefinition } from '../../runtime/workflow-definition';
import { alertPage } from './alert-page';
import { alertUnanswered } from './alert-unanswered';
import { alertView } from './alert-view';
import { ALERT_KIND } from '../../../workflows/monitoring/alert-kind';

/** The monitor-alert workflow kind: its machine and every view its chat effects name. */
export const alertDefinition: WorkflowDefinition<AlertContext> = {
  kind: ALERT_KIND,
  machine: alertMachine,
  views: {
    alert: (context) => alertView(context),
    page: alertPage,
    unanswered: alertUnanswered,
  },
};
