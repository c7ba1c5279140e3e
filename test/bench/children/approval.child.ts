import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { userId, type PersonKey, ROLE } from '../../../sim';
import { readEnv } from '../../../bot/config/env';
import { silentLogger } from '../../../bot/core/logger';
import { createBot } from '../../../app/create-bot';
import type { ElevationContext } from '../../../workflows/pim-elevation/types';
import { FakeSlack, type FakeSlackMessage } from '../../fakes/fake-slack';
import { blockActions, sendSigned, slashCommand } from '../../support/slack-signing';
import { createTestStorage, type Dialect } from '../../support/storages';
import { processStats, serveChild } from '../lib/child-rpc';
import { benchConfig, benchSlackUsers, SLACK_CHANNELS, SLACK_IDS } from '../world/bench-config';
import { SLACK_PATH, SLACK_SECRET } from '../world/bench-world';

/**
 * Workload 3, end to end in one process (requests one at a time, so sharing
 * a loop costs nothing): a signed `elevate` from Slack, the approval card in
 * the approvers channel, a signed Approve click, then the time until the
 * assignment exists in the tenant simulator and until the fake Slack has the
 * card updated (Revoke offered). Each request is revoked afterwards so the
 * same people can ask again.
 */
export interface ApprovalSample {
  ackMs: number;
  graphMs: number;
  cardMs: number;
}

const REQUESTS: ReadonlyArray<{ requester: PersonKey & keyof typeof SLACK_IDS; role: string; roleId: string; approver: keyof typeof SLACK_IDS }> = [
  { requester: 'alice', role: 'Global Administrator', roleId: ROLE.globalAdministrator, approver: 'carol' },
  { requester: 'bob', role: 'Security Administrator', roleId: ROLE.securityAdministrator, approver: 'erin' },
  { requester: 'carol', role: 'Security Administrator', roleId: ROLE.securityAdministrator, approver: 'judy' },
  { requester: 'bob', role: 'Global Administrator', roleId: ROLE.globalAdministrator, approver: 'judy' },
];

serveChild<{ dialect: Dialect }, { ready: true }>(async ({ dialect }) => {
  const fake = await FakeSlack.start({ users: benchSlackUsers(0) });
  const test = await createTestStorage(dialect);
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-approval-'));
  const env = readEnv({ SLACK_SIGNING_SECRET: SLACK_SECRET, SLACK_BOT_TOKEN: fake.botToken, SLACK_API_URL: fake.apiUrl, GRAPH: 'simulator:quiet' });
  const bot = await createBot({ config: benchConfig({ users: 0 }), env, logger: silentLogger, storage: test.storage, listen: { host: '127.0.0.1', port: 0 }, loops: true, slackPacingMs: 1, exportDir: path.join(dir, 'exports') });
  const endpoint = `${bot.server!.url}${SLACK_PATH}`;
  const simulator = bot.simulator!;
  let seq = 0;

  const until = async <T>(probe: () => T | undefined | false | Promise<T | undefined | false>, what: string, timeoutMs = 20_000): Promise<T> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await probe();
      if (value) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 1));
    }
  };
  /** Resolves with the private answer, or with '' once acked when `answered` is false (a command that changes things quietly). */
  const slash = async (as: keyof typeof SLACK_IDS, text: string, answered = true): Promise<string> => {
    const id = `approval-${++seq}`;
    const res = await sendSigned(endpoint, SLACK_SECRET, slashCommand({ text, user_id: SLACK_IDS[as], user_name: as, channel_id: 'C0REQUESTS', response_url: fake.responseUrl(id) }));
    if (res.status !== 200) throw new Error(`"${text}" answered ${res.status}`);
    if (!answered) return '';
    const answer = await fake.waitForResponse(id, 20_000);
    return String(answer.body.text ?? '');
  };
  const approveButton = (m: FakeSlackMessage, requestId: string) =>
    (m.blocks as Array<{ type?: string; elements?: Array<{ action_id?: string; value?: string }> }> | undefined)
      ?.filter((b) => b.type === 'actions')
      .flatMap((b) => b.elements ?? [])
      .find((e) => e.action_id?.startsWith('elevation.approve') && e.value?.startsWith(requestId));
  const offersRevoke = (m: FakeSlackMessage) => JSON.stringify(m.blocks ?? []).includes('elevation.revoke');
  const assigned = (principal: string, roleId: string) => simulator.activeAssignments().some((a) => a.principalId === principal && a.roleDefinitionId === roleId);

  async function once(i: number): Promise<ApprovalSample> {
    const r = REQUESTS[i % REQUESTS.length]!;
    const principal = userId(r.requester);
    const answer = await slash(r.requester, `elevate ${r.role} for 30m because bench approval ${i}`);
    const requestId = /Request (EL-[A-Z0-9-]+)/.exec(answer)?.[1];
    if (!requestId) throw new Error(`the request was refused: ${answer}`);
    const card = await fake.waitFor(() => fake.messages(SLACK_CHANNELS.approvers).find((m) => approveButton(m, requestId)), 20_000, `the approval card of ${requestId}`);
    const button = approveButton(card, requestId)!;

    const t0 = performance.now();
    const click = blockActions({ actionId: button.action_id!, value: button.value!, userId: SLACK_IDS[r.approver], userName: r.approver, channelId: card.channel, messageTs: card.ts, responseUrl: fake.responseUrl(`approve-${i}`), blocks: card.blocks ?? [] });
    const ack = sendSigned(endpoint, SLACK_SECRET, click).then(() => performance.now() - t0);
    const graph = until(() => assigned(principal, r.roleId), 'the assignment').then(() => performance.now() - t0);
    const updated = fake.waitFor(() => offersRevoke(fake.message(card.ts)!), 20_000, 'the card update').then(() => performance.now() - t0);
    const [ackMs, graphMs, cardMs] = await Promise.all([ack, graph, updated]);

    // Put things back so the same person can ask again (not measured).
    await slash(r.requester, `revoke ${requestId}`, false);
    await until(() => !assigned(principal, r.roleId), 'the revocation');
    await until(async () => (await bot.runtime.get<ElevationContext>(requestId))?.row.status === 'closed', `${requestId} to close`);
    return { ackMs, graphMs, cardMs };
  }

  return {
    info: { ready: true },
    handlers: {
      run: async (args: { count: number }) => {
        const samples: ApprovalSample[] = [];
        for (let i = 0; i < args.count; i++) samples.push(await once(i));
        return samples;
      },
      stats: () => processStats(),
    },
    stop: async () => {
      await bot.stop();
      await test.dispose();
      await fake.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
