import type { WorkflowRow } from '../../../bot/ports/storage';
import { describeEachStorage } from '../../support/storages';

/**
 * countWorkflows answers /metrics' "open workflows" without reading every
 * snapshot; it must agree with listWorkflows on every filter. Rows read
 * back must still carry their snapshot (it is parsed on first read).
 */
const T0 = Date.parse('2026-03-01T09:00:00Z');

function workflow(id: string, kind: string, status: WorkflowRow['status']): WorkflowRow {
  return { id, kind, version: 1, status, snapshot: { value: 'waiting', context: { id } }, home: { platform: 'slack', conversationId: `C-${id}` }, createdAt: T0, updatedAt: T0 };
}

describeEachStorage('counting workflows', (current) => {
  it('counts what listWorkflows lists, by kind and status, without reading them', async () => {
    const s = current().storage;
    await s.insertWorkflow(workflow('bg-1', 'break-glass', 'active'));
    await s.insertWorkflow(workflow('bg-2', 'break-glass', 'closed'));
    await s.insertWorkflow(workflow('el-1', 'pim-elevation', 'active'));
    await s.insertWorkflow(workflow('el-2', 'pim-elevation', 'active'));
    for (const filter of [{}, { status: 'active' as const }, { status: 'closed' as const }, { kind: 'break-glass' }, { kind: 'pim-elevation', status: 'active' as const }, { kind: 'none' }]) {
      expect(await s.countWorkflows(filter)).toBe((await s.listWorkflows(filter)).length);
    }
    expect(await s.countWorkflows({ status: 'active' })).toBe(3);
  });

  it('hands back listed rows whole, snapshot included', async () => {
    const s = current().storage;
    await s.insertWorkflow(workflow('bg-1', 'break-glass', 'active'));
    const [row] = await s.listWorkflows({ kind: 'break-glass' });
    expect(row).toEqual(workflow('bg-1', 'break-glass', 'active'));
    expect(JSON.parse(JSON.stringify(row))).toEqual(workflow('bg-1', 'break-glass', 'active'));
  });
});
