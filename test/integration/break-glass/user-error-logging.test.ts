import { Writable } from 'node:stream';
import { createLogger } from '../../../bot/core/logger';
import { IncidentHarness } from './incident-harness';

/** A typo is logged as what it is: one INFO line with the sentence the user saw, no stack trace. */
describe('logging of refused requests', () => {
  const lines: Array<Record<string, unknown>> = [];
  let h: IncidentHarness;
  beforeAll(async () => {
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
        done();
      },
    });
    h = await IncidentHarness.start({ scenario: 'quiet', logger: createLogger({ level: 'debug', destination: sink }) });
  });
  afterAll(async () => {
    await h.stop();
  });

  const refusals = () => lines.filter((l) => l.msg === 'request refused');

  it('user mistakes are INFO without a stack; an authorization refusal stays WARN', async () => {
    await h.say('bob', 'frobnicate 3');
    await h.say('bob', 'done 2');
    const [typo, none] = refusals();
    expect(typo).toMatchObject({ level: 30, code: 'command.malformed' });
    expect(String(typo!.answer)).toMatch(/^I don't know "frobnicate"/);
    expect(none).toMatchObject({ level: 30, code: 'workflow.not_found' });
    for (const line of [typo, none]) expect(JSON.stringify(line)).not.toMatch(/"stack"|"err"/);

    await h.say('carol', 'start I think we are hacked');
    expect(refusals().at(-1)).toMatchObject({ level: 40, code: 'authz.denied' });
  });
});
