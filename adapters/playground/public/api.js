// @ts-check
/** The playground's JSON API (adapters/playground/playground-routes.ts). */

export class ApiError extends Error {
  /** @param status HTTP status, or 0 when the bot could not be reached */
  constructor(message, status) {
    super(message);
    this.status = status;
  }
}

async function call(path, init = {}) {
  let response;
  try {
    response = await fetch(path, { cache: 'no-store', ...init });
  } catch {
    throw new ApiError('The bot is not answering. Is it still running?', 0);
  }
  let body = null;
  try {
    body = await response.json();
  } catch {
    // An HTML error page or an empty body: the status says enough.
  }
  if (!response.ok) {
    const message = body && typeof body.error === 'string' ? body.error : `The bot answered with HTTP ${response.status}.`;
    throw new ApiError(message, response.status);
  }
  return body;
}

function post(path, body) {
  return call(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

/** Without `as` the server shows the first person of the cast. */
export function getState(as) {
  return call(as ? `/playground/api/state?as=${encodeURIComponent(as)}` : '/playground/api/state');
}

export function sendCommand({ as, text, channel }) {
  return post('/playground/api/command', { as, text, channel });
}

export function sendAction({ as, actionId, value, inputs, messageId, conversationId }) {
  return post('/playground/api/action', { as, actionId, value, ...(inputs ? { inputs } : {}), messageId, conversationId });
}

/** Answers at once; the bot then restarts on an empty database. */
export function resetPlayground() {
  return post('/playground/api/reset', {});
}

export function advanceTime(minutes) {
  return post('/playground/api/advance', { minutes });
}
