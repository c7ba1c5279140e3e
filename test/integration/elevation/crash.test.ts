import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { userId, ROLE } from '../../../sim';
import { WEDNESDAY_AFTERNOON } from '../../fakes/graph-sim-harness';
import { ChildDriver } from '../../support/child-driver';
import { MINUTE, startTenant, timeBoundAssignments, type SimulatedTenant } from './elevation-harness';
import { FileBackedChat } from './file-backed-chat';

jest.setTimeout(60_000);

const T0 = WEDNESDAY_AFTERNOON;
const CHILD = join(__dirname, 'crash-bot-child.ts');
/** Each restart comes after the dead process's outbox claim (a 60 s lease) has lapsed. */
const SECOND_LIFE = T0 + 2 * MINUTE;
const THIRD_LIFE = T0 + 4 * MINUTE;

interface ChildView {
  phase: string;
  grant?: { graphRequestId?: string; startedAt: number; endsAt: number };
  history: string[];
}

describe('a bot process (createBot in a child) SIGKILLed around the Graph grant', () => {
  let tenant: SimulatedTenant;
  let dir: string;
  const children: ChildDriver[] = [];

  beforeEach(async () => {
    tenant = await startTenant();
    dir = mkdtempSync(join(tmpdir(), 'breakglass-elevation-crash-'));
  });
  afterEach(async () => {
    for (const child of children.splice(0)) child.kill();
    await tenant.sim.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function boot(startAt: number, crash = ''): Promise<ChildDriver> {
    const child = await ChildDriver.spawn(CHILD, {
      NODE_EXTRA_CA_CERTS: resolve(__dirname, '../../fixtures/tls/ca.crt'),
      SIM_URL: tenant.sim.url,
      SIM_TENANT_ID: tenant.sim.tenantId,
      SIM_CLIENT_ID: tenant.sim.clientId,
      SIM_CLIENT_SECRET: tenant.sim.clientSecret,
      STORAGE_JSON: JSON.stringify({ sqlitePath: join(dir, 'breakglass.db') }),
      CHAT_FILE: join(dir, 'chat.json'),
      START_AT: String(startAt),
      CRASH: crash,
    });
    children.push(child);
    return child;
  }

  const assignRequests = () => tenant.sim.data.requests.filter((r) => r.action === 'adminAssign');
  /** GETs of alice's Global Administrator requests (the PIM watch's own polls filter by status instead). */
  const reconcileListings = () =>
    tenant.sim.requests.filter((r) => r.method === 'GET' && r.route === 'assignmentRequests' && decodeURIComponent(r.query).includes(`principalId eq '${userId('alice')}'`));
  const posts = () => tenant.sim.requests.filter((r) => r.method === 'POST' && r.route === 'assignmentRequests');
  const dmsToAlice = () => FileBackedChat.read(join(dir, 'chat.json')).filter((m) => m.dmTo === 'alice');

  it('killed after the approval commits, then again after Graph acted: each restart carries on, and exactly one assignment results', async () => {
    // Life 1: alice asks, carol approves; the approval commits and the process dies before Graph is asked.
    const first = await boot(T0, 'before-graph');
    const reply = await first.run<string>({ cmd: 'say', who: 'alice', text: 'elevate GA for 30m because restore the CA policy' });
    const id = /\b(EL-\w{6})\b/.exec(reply)?.[1];
    if (!id) throw new Error(`no request id in ${reply}`);
    expect(await first.runUntilExit({ cmd: 'click', who: 'carol', actionId: 'elevation.approve', value: id })).toEqual({ code: null, signal: 'SIGKILL' });
    expect(posts()).toEqual([]);
    expect(timeBoundAssignments(tenant.sim, 'alice')).toEqual([]);

    // Life 2: the approval survived; the restart makes the one Graph call, and dies before recording its result.
    tenant.clock.set(SECOND_LIFE);
    const second = await boot(SECOND_LIFE, 'after-graph');
    expect(await second.run<ChildView>({ cmd: 'get', id })).toMatchObject({ phase: 'granting', history: ['requested', 'approval', 'approved'] });
    expect(await second.runUntilExit({ cmd: 'tick' })).toEqual({ code: null, signal: 'SIGKILL' });
    expect(posts()).toHaveLength(1);
    expect(assignRequests()).toEqual([expect.objectContaining({ justification: `[breakglass:${id}] restore the CA policy`, status: 'Provisioned' })]);
    expect(timeBoundAssignments(tenant.sim, 'alice', ROLE.globalAdministrator)).toEqual([
      expect.objectContaining({ principalId: userId('alice'), endDateTime: new Date(SECOND_LIFE + 30 * MINUTE).toISOString() }),
    ]);

    // Life 3: Graph acted but the bot never heard. The retry lists requests first, finds its own by the
    // tag in the justification, and records it: no second POST, not refused as RoleAssignmentExists.
    tenant.clock.set(THIRD_LIFE);
    const third = await boot(THIRD_LIFE);
    expect((await third.run<ChildView>({ cmd: 'get', id })).phase).toBe('granting');
    const listed = reconcileListings().length;
    await third.run({ cmd: 'tick' });
    expect(reconcileListings().length).toBeGreaterThan(listed);
    expect(posts()).toHaveLength(1);
    expect(assignRequests()).toHaveLength(1);
    expect(timeBoundAssignments(tenant.sim, 'alice', ROLE.globalAdministrator)).toHaveLength(1);
    const view = await third.run<ChildView>({ cmd: 'get', id });
    expect(view.phase).toBe('active');
    expect(view.grant).toMatchObject({ graphRequestId: assignRequests()[0]!.id, endsAt: SECOND_LIFE + 30 * MINUTE });
    expect(view.history.filter((h) => h === 'granted')).toHaveLength(1);
    // The card in the (persistent) chat shows the grant; alice heard once.
    expect(FileBackedChat.read(join(dir, 'chat.json')).find((m) => m.ref.conversationId === 'approvers')?.message.fallbackText).toContain('Approved by Carol Admin');
    expect(dmsToAlice()).toHaveLength(1);

    // Nothing is left to redo.
    await third.run({ cmd: 'tick' });
    expect(posts()).toHaveLength(1);
    await third.exit();
  });
});
