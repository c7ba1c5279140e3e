import { silentLogger } from '../../../bot/core/logger';
import { remindIfDrillDue } from '../../../bot/drills/drill-reminder';
import { breakGlassDefinition } from '../../../bot/messages/break-glass/definition';
import { declaredUses } from '../../../bot/monitoring/declared-uses';
import { ManualClock } from '../../../bot/ports/clock';
import type { Storage, WorkflowRow } from '../../../bot/ports/storage';
import { WorkflowRuntime } from '../../../bot/runtime/workflow-runtime';
import { benchConfig } from '../../bench/world/bench-config';
import { describeEachStorage } from '../../support/storages';

/**
 * Issue 17: reads do not scale with history. Declared emergency use reads
 * open incidents and the closed ones that changed inside the window; the
 * drill reminder reads only incidents opened since its last check. Both must
 * still find what they found by reading everything.
 */
const DAY = 86_400_000;
const T0 = Date.parse('2026-06-01T00:00:00Z');

function incident(id: string, over: { status: WorkflowRow['status']; at: number; drill?: boolean; use?: { since: number; until?: number } }): WorkflowRow {
  const context = { incidentId: id, drill: over.drill ?? false, startedAt: over.at, emergencyUse: over.use ? [{ upn: 'bg1@contoso.example', ...over.use }] : [] };
  return {
    id, kind: 'break-glass', version: 1, status: over.status,
    snapshot: { format: 'breakglass.workflow/1', machine: { value: 'closed', context }, timers: {}, effectSeq: 0 },
    home: { platform: 'slack', conversationId: `C-${id}` }, createdAt: over.at, updatedAt: over.use?.until ?? over.at,
  };
}

/** Records every workflow row the storage hands out. */
function counting(storage: Storage): { storage: Storage; read: string[] } {
  const read: string[] = [];
  const wrapped = Object.create(storage) as Storage;
  wrapped.listWorkflows = async (filter) => {
    const rows = await storage.listWorkflows(filter);
    read.push(...rows.map((r) => r.id));
    return rows;
  };
  return { storage: wrapped, read };
}

describeEachStorage('reads that do not grow with history', (current) => {
  it('declared use: an old closed incident is not read; an open one and one closed inside the window count', async () => {
    const s = current().storage;
    await s.insertWorkflow(incident('BG-OLD', { status: 'closed', at: T0 - 400 * DAY, use: { since: T0 - 400 * DAY, until: T0 - 399 * DAY } }));
    await s.insertWorkflow(incident('BG-RECENT', { status: 'closed', at: T0 - 3 * DAY, use: { since: T0 - 3 * DAY, until: T0 - 2 * DAY } }));
    await s.insertWorkflow(incident('BG-OPEN', { status: 'active', at: T0 - 500 * DAY, use: { since: T0 - DAY } }));
    const { storage, read } = counting(s);
    const runtime = new WorkflowRuntime({ storage, clock: new ManualClock(T0), definitions: [breakGlassDefinition], logger: silentLogger, effectHandlers: {} });

    const uses = await declaredUses(runtime, T0 - 7 * DAY);

    expect(uses.map((u) => u.incidentId).sort()).toEqual(['BG-OPEN', 'BG-RECENT']);
    expect(read).not.toContain('BG-OLD');
  });

  it('drill reminder: the second check reads only incidents opened since the first, and still sees a new drill', async () => {
    const s = current().storage;
    const config = benchConfig({ users: 2 });
    for (let i = 0; i < 20; i++) await s.insertWorkflow(incident(`BG-H${i}`, { status: 'closed', at: T0 - 200 * DAY + i * DAY }));
    await s.insertWorkflow(incident('BG-DRILL1', { status: 'closed', at: T0 - 30 * DAY, drill: true }));
    const { storage, read } = counting(s);
    const clock = new ManualClock(T0);
    const runtime = new WorkflowRuntime({ storage, clock, definitions: [breakGlassDefinition], logger: silentLogger, effectHandlers: {} });
    const deps = { config, runtime, storage, chats: {}, clock, logger: silentLogger };

    expect(await remindIfDrillDue(deps)).toBe(false); // a drill 30 days ago
    expect(read).toHaveLength(21);

    read.length = 0;
    clock.advance(100 * DAY);
    await s.insertWorkflow(incident('BG-DRILL2', { status: 'closed', at: T0 + 99 * DAY, drill: true }));
    expect(await remindIfDrillDue(deps)).toBe(false); // the new drill, one day old
    // The last incident of the first check is read again (a few minutes' margin for replicas' clocks); the history is not.
    expect(read).toEqual(['BG-DRILL1', 'BG-DRILL2']);
  });
});
