import { parseIsoDuration } from '../../workflows/duration';
import type { RoleAssignmentScheduleRequest } from '../../workflows/graph-records';
import type { ElevationPhase, PimStatus } from '../../workflows/pim-elevation/types';

/**
 * PIM request statuses in the machine's words. Graph reports an approved
 * activation on its way to being active as Granted, PendingProvisioning,
 * PendingScheduleCreation or ScheduleCreated; all of them mean "approved,
 * not active yet" to the card.
 */
const STATUS: Record<string, PimStatus> = {
  granted: 'Granted',
  pendingprovisioning: 'Granted',
  pendingschedulecreation: 'Granted',
  schedulecreated: 'Granted',
  provisioned: 'Provisioned',
  denied: 'Denied',
  canceled: 'Canceled',
  cancelled: 'Canceled',
  revoked: 'Revoked',
  expired: 'Expired',
};

/** The statuses each watched phase already shows: seeing them again is no news. */
const SHOWN: Partial<Record<ElevationPhase, ReadonlySet<PimStatus>>> = {
  'awaiting-pim': new Set(),
  'approved-in-pim': new Set(['Granted']),
  active: new Set(['Granted', 'Provisioned']),
};

/** Phases in which PIM's status of the request can still change what the card says. */
export function followsPim(phase: ElevationPhase): boolean {
  return SHOWN[phase] !== undefined;
}

export function pimStatusOf(request: Pick<RoleAssignmentScheduleRequest, 'status'>): PimStatus | undefined {
  return STATUS[request.status.toLowerCase()];
}

/** The status to tell a workflow in `phase` about, or undefined when its card already shows it. */
export function newPimStatus(phase: ElevationPhase, request: Pick<RoleAssignmentScheduleRequest, 'status'>): PimStatus | undefined {
  const status = pimStatusOf(request);
  const shown = SHOWN[phase];
  return status && shown && !shown.has(status) ? status : undefined;
}

/** When an activation ends: PIM's end time, else its start plus the requested duration. */
export function pimEndsAt(request: Pick<RoleAssignmentScheduleRequest, 'scheduleInfo'>): number | undefined {
  const schedule = request.scheduleInfo;
  const end = schedule?.expiration?.endDateTime ? Date.parse(schedule.expiration.endDateTime) : NaN;
  if (!Number.isNaN(end)) return end;
  const start = schedule?.startDateTime ? Date.parse(schedule.startDateTime) : NaN;
  const duration = schedule?.expiration?.duration ? parseIsoDuration(schedule.expiration.duration) : undefined;
  return !Number.isNaN(start) && duration !== undefined ? start + duration : undefined;
}

/** How long the activation was asked for, when PIM says. */
export function pimRequestedMs(request: Pick<RoleAssignmentScheduleRequest, 'scheduleInfo'>): number | undefined {
  const schedule = request.scheduleInfo;
  const duration = schedule?.expiration?.duration ? parseIsoDuration(schedule.expiration.duration) : undefined;
  if (duration !== undefined) return duration;
  const start = schedule?.startDateTime ? Date.parse(schedule.startDateTime) : NaN;
  const end = schedule?.expiration?.endDateTime ? Date.parse(schedule.expiration.endDateTime) : NaN;
  return !Number.isNaN(start) && !Number.isNaN(end) && end > start ? end - start : undefined;
}
