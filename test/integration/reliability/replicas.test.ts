import { userId } from '../../../sim';
import { describeEachStorage } from '../../support/storages';
import { FakeChat } from '../../fakes/fake-chat';
import { APPROVERS, incidentIdIn, MINUTE, requestIdIn, startTenant, TestBot, type Tenant } from './support/bot-harness';

/**
 * Two whole bots (createBot) on one PostgreSQL database, as two replicas
 * behind a load balancer, each with its own connection pool, sharing one
 * chat platform and tenant. Whatever reaches both, or falls due for both,
 * has one effect.
 */
describeEachStorage(
  'two bot replicas on one PostgreSQL',
  (db) => {
    let tenant: Tenant;
    let a: TestBot;
    let b: TestBot;
    beforeEach(async () => {
      tenant = await startTenant();
      const chat = new FakeChat('playground');
      a = await TestBot.start(tenant, { storage: db().storage, chat, name: 'a' });
      b = await TestBot.start(tenant, { storage: await db().openAnother(), chat, name: 'b' });
    });
    afterEach(async () => {
      await a.stop();
      await b.stop();
      await tenant.close();
    });

    const assignmentPosts = () => tenant.sim.requests.filter((r) => r.method === 'POST' && r.route === 'assignmentRequests');
    const pagesTo = (who: string) => a.chat.dmsTo(who).filter((m) => m.message.buttons?.some((x) => x.actionId === 'breakglass.ack'));

    it('the same Slack delivery reaching both replicas starts one incident, pages once, posts one checklist', async () => {
      const event = a.command('alice', 'start Global admins locked out', 'incident-room', 'slack:Ev0SAME:U0ALICE');
      const [ra, rb] = await Promise.all([a.bot.router.handle(event), b.bot.router.handle({ ...event })]);
      await Promise.all([a.bot.tick(), b.bot.tick()]);

      const replies = [ra, rb].map((r) => (r && 'text' in r ? r.text : ''));
      expect(replies.filter((t) => /^Incident BG-\w+ is open/.test(t))).toHaveLength(1);
      expect(await a.bot.runtime.list('break-glass')).toHaveLength(1);
      expect(a.chat.inConversation('incident-room').filter((m) => m.message.fallbackText.startsWith('Break-glass incident'))).toHaveLength(1);
      expect(pagesTo('ivan')).toHaveLength(1);
      expect((await a.audit('breakglass.started')).length).toBe(1);
    });

    it('the same click reaching both replicas approves once and grants once', async () => {
      // Count the POSTs Graph received, not the simulator's accepted requests: a duplicate POST the
      // simulator refuses (RoleAssignmentExists) never lands in data.requests, so that count cannot see it.
      const postsBefore = assignmentPosts().length;
      const id = requestIdIn(await a.say('alice', 'elevate GA for 30m because restore the CA policy'));
      const card = a.card(`Elevation ${id}:`, APPROVERS);
      const click = a.action('carol', card.message.buttons!.find((x) => x.actionId === 'elevation.approve')!, { message: card, deliveryKey: 'slack:1767225601.000001:U0CAROL' });
      await Promise.all([a.bot.router.handle(click), b.bot.router.handle({ ...click })]);
      await Promise.all([a.bot.tick(), b.bot.tick()]);
      await Promise.all([a.bot.tick(), b.bot.tick()]);

      expect(assignmentPosts().length - postsBefore).toBe(1);
      expect(tenant.sim.data.requests.filter((r) => r.action === 'adminAssign' && r.principalId === userId('alice'))).toHaveLength(1);
      expect(await a.audit('elevation.approve')).toHaveLength(1);
      expect(a.chat.dmsTo('alice').filter((m) => /You have Global Administrator/.test(FakeChat.textOf(m.message)))).toHaveLength(1);
    });

    it('a due timer is fired by one replica only: one escalation, one page to the next level', async () => {
      const incident = incidentIdIn(await a.say('alice', 'start Global admins locked out'));
      expect(pagesTo('judy')).toHaveLength(0);
      a.clock.advance(10 * MINUTE);

      await Promise.all([a.bot.tick(), b.bot.tick(), a.bot.tick(), b.bot.tick()]);

      expect(pagesTo('judy')).toHaveLength(1);
      const fired = (await a.audit('workflow.timer')).filter((e) => e.workflowId === incident);
      expect(fired).toHaveLength(1);
      expect(fired[0]!.data).toMatchObject({ event: { type: expect.stringContaining('ackTimeout') } });
    });
  },
  { dialects: ['postgres'] },
);
