import fc from 'fast-check';
import { COMMANDS } from '../../../../bot/core/command-catalogue';

/** Playground users: responders, approvers, a manager, and someone the config does not know. */
export const PEOPLE = ['alice', 'bob', 'carol', 'erin', 'ivan', 'judy', 'mallory'] as const;

/** Words the grammar gives meaning to, plus shapes that tend to break parsers. */
const WORDS = [
  ...COMMANDS.map((c) => c.name),
  'for', 'because', 'ticket', '--drill', '--since', '--user', '--incident', '1h', '30m', '0s', '99d', '0', '1', '8', '9', '-1', '1e3', 'NaN',
  '<@U1>', '@alice', '@', 'GA', 'Global Administrator', 'Exchange Administrator', 'BG-', 'EL-ZZZZZZ', 'adm-alice@contoso.com', '/breakglass', '|', '\u0000', '\u202E',
];

const anyWord = fc.oneof(fc.constantFrom(...WORDS), fc.string({ maxLength: 12 }), fc.string({ unit: 'binary', maxLength: 8 }));

/** Command text: a command with grammar words and junk for arguments, words in any order, or pure junk. */
export const commandText = fc.oneof(
  { weight: 3, arbitrary: fc.tuple(fc.constantFrom(...COMMANDS.map((c) => c.name)), fc.array(anyWord, { maxLength: 7 })).map(([name, ws]) => [name, ...ws].join(' ')) },
  { weight: 2, arbitrary: fc.array(anyWord, { maxLength: 8 }).map((ws) => ws.join(' ')) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
  { weight: 1, arbitrary: fc.string({ minLength: 3_990, maxLength: 4_100 }) },
);

/** Action ids: ours, ours with a twist, and nonsense. */
export const actionId = fc.oneof(
  fc.constantFrom(
    'breakglass.ack', 'breakglass.playbook', 'breakglass.checkout', 'breakglass.confirm', 'breakglass.support', 'breakglass.adfs', 'breakglass.done', 'breakglass.retry', 'breakglass.export',
    'elevation.approve', 'elevation.deny', 'elevation.withdraw', 'elevation.revoke', 'elevation.recheck-mfa', 'elevation.reverify', 'elevation.retry', 'elevation.open-pim',
    'card.refresh', 'alert.ack', 'breakglass.', '.', '', 'constructor', '__proto__', 'toString',
  ),
  fc.string({ maxLength: 40 }),
);

/** Button values: a real workflow id (with or without parts), or anything at all. */
export function buttonValue(ids: () => string[]): fc.Arbitrary<string> {
  return fc.oneof(
    fc.tuple(fc.nat(), fc.array(fc.oneof(fc.constantFrom('1', '5', '9', 'yes', 'no', 'bg-01@contoso.onmicrosoft.com', ''), fc.string({ maxLength: 10 })), { maxLength: 3 })).map(([i, parts]) => {
      const all = ids();
      return [all.length ? all[i % all.length]! : 'BG-NONE', ...parts].join('|');
    }),
    fc.string({ maxLength: 60 }),
    fc.constantFrom('', '|', '||||', '__proto__', 'BG-', 'EL-'),
  );
}

export const inputs = fc.option(fc.dictionary(fc.oneof(fc.constantFrom('reason', 'reference', 'note', '__proto__'), fc.string({ maxLength: 8 })), fc.oneof(fc.string({ maxLength: 80 }), fc.string({ unit: 'binary', maxLength: 40 })), { maxKeys: 3 }), { nil: undefined });
