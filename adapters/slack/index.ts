/** What app/main.ts and app/cli.ts use from the Slack adapter. */
export { renderBlockKit, type BlockKitMessage } from './block-kit-renderer';
export { createSlackReceiver, SLACK_EVENTS_PATH, type SlackReceiver, type SlackReceiverOptions } from './slack-receiver';
export { SlackChatPort, type SlackChatPortOptions } from './slack-chat-port';
export { requiredBotScopes } from './slack-scopes';
export { verifyBotToken, type SlackBotIdentity } from './verify-bot-token';
export { incidentChannelOpener } from './incident-channel-opener';
