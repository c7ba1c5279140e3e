/** What app/main.ts uses from the Teams adapter (loaded only when Teams is configured: botbuilder is heavy). */
export { createTeamsAdapter } from './teams-bot-adapter';
export { TeamsChatPort } from './teams-chat-port';
export { createTeamsEndpoint } from './teams-endpoint';
