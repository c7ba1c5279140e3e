import { describeGraphError, isPermanentGraphError } from '../../../workflows/pim-elevation/graph-error-words';
import { clockTime } from '../../../workflows/pim-elevation/time-words';
import type { ElevationContext } from '../../../workflows/pim-elevation/types';
import type { Message } from '../message';
import { footer } from './request-words';

const OP_FOR = { grant: 'createAssignmentRequest', revoke: 'createAssignmentRequest', verify: 'assignmentInstances', mfa: 'recentMfa' } as const;

/** A Graph failure on this request, in words, with what happens next. */
export function errorMessage(context: ElevationContext): Message {
  const failure = context.failure;
  const who = `${context.role.displayName} for ${context.requester.name}`;
  const why = failure ? describeGraphError(OP_FOR[failure.during], failure.error) : 'Something went wrong.';
  const { title, next } = describe();
  const text = `${why} ${next}`.trim();
  return {
    header: { title, tone: 'danger' },
    blocks: [{ kind: 'text', text }],
    context: `${footer(context)}${failure ? ` · ${failure.error.code}` : ''}`,
    fallbackText: `${title}: ${text}`,
  };

  function describe(): { title: string; next: string } {
    switch (failure?.during) {
      case 'grant':
        if (context.phase === 'grant-stalled') {
          return { title: `Could not grant ${who}`, next: `Press Retry grant on the card; if nobody does, the request gives up at ${clockTime(failure.at + context.delays.expireAfterMs)}.` };
        }
        return { title: `Could not grant ${who}`, next: context.phase === 'grant-failed' && !isPermanentGraphError(failure.error) ? 'Nobody retried, so the request is closed; check PIM for a partial grant.' : 'Nothing was granted; the request is closed.' };
      case 'revoke':
        return {
          title: `Could not remove ${who}`,
          next: context.phase === 'active' && context.grant ? `It stays active until ${clockTime(context.grant.endsAt)} unless someone revokes it again.` : 'The role may still be assigned; press Remove the role or check PIM.',
        };
      case 'verify':
        return { title: `Could not confirm ${who} is gone`, next: 'Press Check again on the card, or look in PIM.' };
      case 'mfa':
        return { title: `Could not check MFA for ${who}`, next: 'Press Re-check MFA on the card to try again.' };
      default:
        return { title: `Problem with ${who}`, next: '' };
    }
  }
}
