import { ROLE, userId } from '../../../sim';
import type { Config } from '../../../bot/config/schema';
import { silentLogger } from '../../../bot/core/logger';
import { breakGlassDefinition } from '../../../bot/messages/break-glass/definition';
import { elevationDefinition } from '../../../bot/messages/elevation/definition';
import type { Clock } from '../../../bot/ports/clock';
import type { Storage } from '../../../bot/ports/storage';
import { WorkflowRuntime } from '../../../bot/runtime/workflow-runtime';
import { parseDuration } from '../../../workflows/duration';
import type { BreakGlassInput } from '../../../workflows/break-glass/context';
import type { ElevationInput } from '../../../workflows/pim-elevation/types';

/**
 * Opens incidents and elevation requests straight through the runtime (the
 * same transaction the handlers use, without the chat round trip), each in a
 * conversation of its own, as if they had been opened earlier. Their
 * first cards and pages count as sent: `markEffectsDone` clears the outbox so
 * the bench measures the bot with these workflows open, not it catching up.
 */
export interface SeedCounts {
  incidents: number;
  elevations: number;
}

export async function seedOpenWorkflows(storage: Storage, config: Config, clock: Clock, counts: SeedCounts, prefix = 'SEED'): Promise<void> {
  // Effects are only queued here: the runtime never drains them (autoDrain off, no handlers).
  const runtime = new WorkflowRuntime({ storage, clock, logger: silentLogger, definitions: [breakGlassDefinition, elevationDefinition], autoDrain: false, effectHandlers: {} });
  const ms = (text: string) => parseDuration(text) ?? 0;
  const bg = config.breakGlass;
  const managers = config.roles.managers.map((level) => level.filter((k) => config.people[k]));
  const alice = { id: userId('alice'), name: 'Alice Admin' };
  for (let i = 0; i < counts.incidents; i++) {
    const id = `BG-${prefix}${i}`;
    const input: BreakGlassInput = {
      incidentId: id,
      summary: `Seeded incident ${i}`,
      drill: false,
      commander: alice,
      startedAt: clock.now(),
      config: {
        managers,
        securityOfficers: config.roles.securityOfficers.filter((k) => config.people[k]),
        emergencyAccounts: config.emergencyAccounts.map(({ upn, credentialLocation }) => ({ upn, credentialLocation })),
        playbookUrl: bg.playbookUrl,
        supportUrl: bg.supportUrl,
        ackTimeoutMs: ms(bg.ackTimeout),
        stallTimeoutMs: ms(bg.stallTimeout),
        mailboxReminderMs: ms(bg.mailboxReminder),
        signInLookbackMs: ms(bg.signInLookback),
      },
    };
    await runtime.start('break-glass', id, input, { actor: { entraId: alice.id, name: alice.name }, home: { platform: 'slack', conversationId: `C9SEED${String(i).padStart(6, '0')}` }, auditType: 'breakglass.started' });
  }
  const e = config.elevation;
  const approverPeople = config.roles.approvers.filter((k) => config.people[k]);
  for (let i = 0; i < counts.elevations; i++) {
    const id = `EL-${prefix}${i}`;
    const input: ElevationInput = {
      requestId: id,
      mode: 'bot',
      requester: { ...alice, person: 'alice' },
      role: { id: ROLE.globalAdministrator, displayName: 'Global Administrator' },
      durationMs: 30 * 60_000,
      justification: `Seeded request ${i}`,
      approvalsRequired: 1,
      approverIds: approverPeople.map((k) => config.people[k]!.entraObjectId!).filter(Boolean),
      approverPeople,
      dmApprovers: false,
      managerPeople: managers.flat(),
      delays: { remindAfterMs: ms(e.remindAfter), escalateAfterMs: ms(e.escalateAfter), expireAfterMs: ms(e.expireAfter) },
      requestedAt: clock.now(),
    };
    await runtime.start('pim-elevation', id, input, { actor: { entraId: alice.id, name: alice.name }, home: { platform: 'slack', conversationId: `C9REQ${String(i).padStart(6, '0')}` }, auditType: 'elevation.requested' });
  }
}

/** The seeded workflows' cards and pages count as delivered. */
export async function markEffectsDone(exec: (sql: string) => Promise<number>): Promise<number> {
  return exec("UPDATE outbox SET status = 'done' WHERE status = 'pending'");
}
