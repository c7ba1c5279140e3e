/** Slack's documented Block Kit limits; a message over any of them is rejected whole. */
export const SLACK_LIMITS = {
  blocksPerMessage: 50,
  textObject: 3000,
  field: 2000,
  fieldsPerSection: 10,
  headerText: 150,
  buttonText: 75,
  buttonValue: 2000,
  url: 3000,
  /** Slack allows 25; five keeps the row readable on a phone. */
  buttonsPerActions: 5,
  inputLabel: 2000,
  placeholder: 150,
  plainTextInput: 3000,
  /** Top-level `text` (notifications, fallback). Slack truncates far later; we keep it short. */
  fallbackText: 3000,
} as const;
