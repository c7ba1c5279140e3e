/**
 * Graph POSTs are not idempotent, so every assignment the bot creates carries
 * its request id at the front of the justification. The runtime reconciles a
 * retry by listing requests and looking for this tag.
 */

const TAG = /^\[breakglass:([A-Za-z0-9-]{1,64})\]\s?/;

export function tagJustification(requestId: string, justification: string): string {
  return `[breakglass:${requestId}] ${justification}`;
}

/** The bot request id a justification was tagged with, if any. */
export function readJustificationTag(justification: string | null | undefined): string | undefined {
  return justification ? TAG.exec(justification)?.[1] : undefined;
}
