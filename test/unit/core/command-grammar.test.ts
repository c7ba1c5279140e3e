import fc from 'fast-check';
import { helpText, parseCommand } from '../../../bot/core/command-grammar';
import { COMMANDS } from '../../../bot/core/command-catalogue';

describe('command grammar', () => {
  it('reads an elevation with duration and ticket', () => {
    expect(parseCommand('elevate Global Administrator for 2h30m because restore CA policy ticket INC-4711')).toEqual({
      ok: true,
      command: { name: 'elevate', role: 'Global Administrator', durationMs: 9_000_000, justification: 'restore CA policy', ticket: 'INC-4711' },
    });
  });

  it('reads an elevation without duration or ticket', () => {
    expect(parseCommand('elevate GA because fix it')).toEqual({ ok: true, command: { name: 'elevate', role: 'GA', justification: 'fix it' } });
  });

  it('refuses an elevation without a justification, with its usage', () => {
    const r = parseCommand('elevate GA for 1h');
    expect(r).toMatchObject({ ok: false, usage: expect.stringContaining('because') });
  });

  it('refuses a bad duration in words', () => {
    expect(parseCommand('elevate GA for soon because x')).toMatchObject({ ok: false, error: expect.stringContaining('"soon" is not a duration') });
  });

  it('reads start with --drill anywhere and strips the bot name', () => {
    expect(parseCommand('/breakglass start --drill admins locked out')).toEqual({ ok: true, command: { name: 'start', drill: true, summary: 'admins locked out' } });
    expect(parseCommand('breakglass start admins locked out --drill')).toEqual({ ok: true, command: { name: 'start', drill: true, summary: 'admins locked out' } });
  });

  it('needs a summary to start', () => {
    expect(parseCommand('start --drill')).toMatchObject({ ok: false, usage: 'start [--drill] [--new] <summary>' });
    expect(parseCommand('start --new --drill Admins locked out')).toMatchObject({ ok: true, command: { name: 'start', drill: true, newIncident: true, summary: 'Admins locked out' } });
  });

  it('reads step commands and refuses out-of-range steps', () => {
    expect(parseCommand('done 4 case 123')).toEqual({ ok: true, command: { name: 'done', step: 4, note: 'case 123' } });
    expect(parseCommand('skip 6 cloud only')).toEqual({ ok: true, command: { name: 'skip', step: 6, reason: 'cloud only' } });
    expect(parseCommand('skip 6')).toMatchObject({ ok: false, error: 'Skipping a step needs a reason.' });
    expect(parseCommand('done 9')).toMatchObject({ ok: false });
    expect(parseCommand('assign 7 <@U123ABC|dana>')).toEqual({ ok: true, command: { name: 'assign', step: 7, user: { kind: 'mention', platformUserId: 'U123ABC' } } });
    expect(parseCommand('commander @sam')).toEqual({ ok: true, command: { name: 'commander', user: { kind: 'person', key: 'sam' } } });
  });

  it('names an incident explicitly', () => {
    expect(parseCommand('status --incident BG-12')).toEqual({ ok: true, command: { name: 'status', incidentId: 'BG-12' } });
  });

  it('reads signins flags', () => {
    expect(parseCommand('signins --since 2h --user adm-a@contoso.com')).toEqual({ ok: true, command: { name: 'signins', sinceMs: 7_200_000, user: 'adm-a@contoso.com' } });
    expect(parseCommand('signins --since never')).toMatchObject({ ok: false });
  });

  it('answers unknown words with the command list', () => {
    const r = parseCommand('launch missiles');
    expect(r).toMatchObject({ ok: false, error: expect.stringContaining('I don\'t know "launch"') });
  });

  it('has help with one example per command', () => {
    const text = helpText();
    for (const c of COMMANDS) expect(text).toContain(c.example);
    expect(helpText('elevate')).toContain('Example: elevate GA');
  });

  it('never throws and always answers a command or an error on any input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (s) => {
        const r = parseCommand(s);
        if (r.ok) expect(typeof r.command.name).toBe('string');
        else expect(r.error.length).toBeGreaterThan(0);
      }),
      { numRuns: 3000 },
    );
    const words = fc.constantFrom(...COMMANDS.map((c) => c.name), 'for', 'because', 'ticket', '--drill', '--since', '--user', '--incident', '1h', '0', '9', '<@U1>', '@x', '');
    fc.assert(
      fc.property(fc.array(words, { maxLength: 12 }), (ws) => {
        const r = parseCommand(ws.join(' '));
        expect(r.ok || r.error.length > 0).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });
});
