import { Writable } from 'node:stream';
import { createGraphEffect, type GraphOpHandlers } from '../../../bot/effects/graph-effects';
import { createLogger } from '../../../bot/core/logger';
import type { GraphCall, GraphEffect } from '../../../workflows/effects';

/**
 * graph.call params are typed per operation: a machine cannot name an op the
 * bot lacks or hand an op another op's arguments. The @ts-expect-error lines
 * are the test: `tsc --noEmit -p .` fails if any of them stops being an error.
 */
describe('graph.call: each op takes its own arguments', () => {
  it('refuses, at compile time, an unknown op or the wrong arguments', () => {
    const ok: GraphCall[] = [
      { op: 'recentMfa', args: { userIds: ['a'], withinMinutes: 5 }, tag: 'mfa' },
      { op: 'domains', args: {}, tag: 'fed' },
    ];
    // @ts-expect-error an op the bot does not have
    const unknownOp: GraphCall = { op: 'deleteTenant', args: {} };
    // @ts-expect-error recentMfa's arguments are not signIns'
    const wrongArgs: GraphCall = { op: 'recentMfa', args: { since: 'x', until: 'y' } };
    // @ts-expect-error adminAssign/adminRemove only
    const wrongAction: GraphCall = { op: 'createAssignmentRequest', args: { action: 'selfActivate', principalId: 'p', roleDefinitionId: 'r', justification: 'j' } };
    expect([...ok, unknownOp, wrongArgs, wrongAction]).toHaveLength(5);
  });

  it('hands each handler its own arguments, and answers an op this version lacks (an old outbox row) with a failure', async () => {
    const seen: unknown[] = [];
    const ops = {
      recentMfa: async (args) => (seen.push(args), { missing: [] }),
    } as Partial<GraphOpHandlers> as GraphOpHandlers;
    const logger = createLogger({ level: 'silent', destination: new Writable({ write: (_c, _e, done) => done() }) });
    const effect = createGraphEffect(ops, logger);
    const ctx = { idempotencyKey: 'W:1', workflowId: 'W' };
    await expect(effect({ type: 'graph.call', params: { op: 'recentMfa', args: { userIds: ['a'], withinMinutes: 5 }, tag: 'mfa' } }, ctx)).resolves.toEqual({ type: 'graph.recentMfa.succeeded', result: { missing: [] }, tag: 'mfa' });
    expect(seen).toEqual([{ userIds: ['a'], withinMinutes: 5 }]);
    const stale = { type: 'graph.call', params: { op: 'ping', args: {}, tag: 'p' } } as unknown as GraphEffect;
    await expect(effect(stale, ctx)).resolves.toMatchObject({ type: 'graph.ping.failed', error: { code: 'internal' }, tag: 'p' });
  });
});
