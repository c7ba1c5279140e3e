import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { createSlackReceiver, type SlackReceiver } from '../../../adapters/slack/slack-receiver';
import type { InboundEvent } from '../../../bot/core/inbound-event';
import { silentLogger } from '../../../bot/core/logger';
import { breakGlassDefinition } from '../../../bot/messages/break-glass/definition';
import { elevationDefinition } from '../../../bot/messages/elevation/definition';
import { OffsetClock } from '../../../bot/ports/clock';
import { TimerDispatcher } from '../../../bot/runtime/timer-dispatcher';
import { WorkflowRuntime } from '../../../bot/runtime/workflow-runtime';
import { parseDuration } from '../../../workflows/duration';
import { benchConfig } from '../../bench/world/bench-config';
import { seedOpenWorkflows } from '../../bench/world/seed-open-workflows';
import { FakeSlack } from '../../fakes/fake-slack';
import { sendSigned, slashCommand } from '../../support/slack-signing';
import { createTestStorage, type DisposableTestStorage } from '../../support/storages';
import { NOTHING } from '../../../bot/core/outcome';

/**
 * Issue 17: background work never holds the request path. A thousand
 * incidents' acknowledgement timers fall due at once; while the dispatcher
 * fires them (a thousand transitions, audit hashing, outbox rows), a Slack
 * slash command arrives at the real Bolt receiver over HTTP. Its ack must
 * reach the caller before the batch finishes: an order of events, not a wall
 * time. SQLite is the store because its calls are synchronous: without
 * slicing, the whole batch runs on microtasks and the request is not even
 * read until it ends (PostgreSQL's network round trips yield by themselves).
 */
const SECRET = 'ack-not-held-signing-secret';
const INCIDENTS = 1_000;

let fake: FakeSlack;
let receiver: SlackReceiver;
let server: Server;
let endpoint: string;
let test: DisposableTestStorage;
let runtime: WorkflowRuntime;
const clock = new OffsetClock();
const config = benchConfig({ users: 10 });
const delivered: InboundEvent[] = [];

beforeAll(async () => {
  test = await createTestStorage('sqlite');
  await seedOpenWorkflows(test.storage, config, clock, { incidents: INCIDENTS, elevations: 0 }, 'ACK');
  runtime = new WorkflowRuntime({ storage: test.storage, clock, logger: silentLogger, definitions: [breakGlassDefinition, elevationDefinition], autoDrain: false, effectHandlers: {} });
  fake = await FakeSlack.start();
  receiver = createSlackReceiver({
    signingSecret: SECRET,
    botToken: fake.botToken,
    apiUrl: fake.apiUrl.replace(/\/$/, ''),
    // The system clock: requests are signed with real time, while the workflows' clock is pushed ahead.
    logger: silentLogger,
    onEvent: async (event) => {
      // What the bot does first after the ack: record the delivery durably.
      await test.storage.recordDelivery(event.deliveryKey, clock.now());
      delivered.push(event);
      return NOTHING;
    },
  });
  const app = express();
  app.use(receiver.router!);
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
  await receiver.start();
}, 120_000);

afterAll(async () => {
  await receiver?.stop();
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  await fake?.close();
  await test?.dispose();
});

it('acks a Slack command before a burst of 1,000 due timers has finished firing', async () => {
  // Warm the receiver (auth.test, first-request setup) so the measured request is an ordinary one.
  const warm = await sendSigned(endpoint, SECRET, slashCommand({ text: 'status', response_url: fake.responseUrl('warm') }));
  expect(warm.status).toBe(200);

  let committed = 0;
  const counting = new WorkflowRuntime({
    storage: test.storage, clock, logger: silentLogger, definitions: [breakGlassDefinition, elevationDefinition], autoDrain: false, effectHandlers: {},
    onCommit: () => {
      committed += 1;
    },
  });
  const dispatcher = new TimerDispatcher({ runtime: counting, storage: test.storage, clock, logger: silentLogger });
  clock.advance(parseDuration(config.breakGlass.ackTimeout)! + 1_000);

  const order: string[] = [];
  let committedAtAck = -1;
  // The batch starts first; the request is only sent from here, so it must get through while the batch runs.
  const batch = dispatcher.tick().then((fired) => {
    order.push(`batch done (${fired} fired)`);
    return fired;
  });
  const ack = sendSigned(endpoint, SECRET, slashCommand({ text: 'status', response_url: fake.responseUrl('during-batch') })).then((res) => {
    committedAtAck = committed;
    order.push(`ack ${res.status}`);
  });
  const [fired] = await Promise.all([batch, ack]);

  expect(fired).toBeGreaterThanOrEqual(INCIDENTS);
  expect(order).toEqual(['ack 200', `batch done (${fired} fired)`]);
  // Not just a photo finish: most of the batch was still to run when the ack went out.
  expect(committedAtAck).toBeLessThan(INCIDENTS / 2);
  const timers = (await test.storage.listAudit({})).filter((e) => e.type === 'workflow.timer');
  expect(timers.length).toBeGreaterThanOrEqual(INCIDENTS);
}, 180_000);

it('acks a Slack command before a listing of 1,000 workflows has been read', async () => {
  const order: string[] = [];
  const listing = runtime.list('break-glass').then((views) => {
    order.push(`listing done (${views.length})`);
  });
  const ack = sendSigned(endpoint, SECRET, slashCommand({ text: 'status', response_url: fake.responseUrl('during-listing') })).then((res) => {
    order.push(`ack ${res.status}`);
  });
  await Promise.all([listing, ack]);
  expect(order).toEqual(['ack 200', `listing done (${INCIDENTS})`]);
}, 60_000);
