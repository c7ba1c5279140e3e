/**
 * Microsoft's "what to do in an emergency" list (securing privileged access,
 * "Break glass"), one entry per step, in our own words. The numbers are what
 * responders type (`done 3`), so they never change.
 */
export type StepNumber = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8;

export interface StepDefinition {
  n: StepNumber;
  title: string;
  /** One line telling a responder what the step asks of them. */
  hint: string;
  /** True when the step queries Microsoft Graph and can be retried. */
  usesGraph: boolean;
}

export const STEPS: readonly StepDefinition[] = [
  { n: 1, title: 'Notify key managers and security officers', hint: 'The bot pages them directly; the step is done when one of them acknowledges.', usesGraph: false },
  { n: 2, title: 'Review the attack playbook', hint: 'Open the playbook and confirm the team is following it.', usesGraph: false },
  { n: 3, title: 'Access a break-glass account', hint: 'Choose an emergency account; a second responder confirms before anyone signs in with it.', usesGraph: false },
  { n: 4, title: 'Open a Microsoft support request', hint: 'Open an Azure support request and record the case number or link.', usesGraph: false },
  { n: 5, title: 'Review the sign-in reports', hint: 'The bot summarises recent sign-ins of privileged and emergency accounts; reports arrive minutes late.', usesGraph: true },
  { n: 6, title: 'Check hybrid federation (AD FS)', hint: 'If a domain is federated and AD FS is down, switch it to managed authentication (password hash sync) for now.', usesGraph: true },
  { n: 7, title: 'Monitor privileged mailboxes', hint: 'The bot lists inbox rules that forward or redirect privileged mail; keep watching the mailboxes, and the bot reminds you until this is marked done.', usesGraph: true },
  { n: 8, title: 'Back up logs for forensics', hint: 'Export sign-in and audit logs for the incident window for forensic and legal review.', usesGraph: true },
];

export const STEP_NUMBERS: readonly StepNumber[] = [1, 2, 3, 4, 5, 6, 7, 8];

export function isStepNumber(n: unknown): n is StepNumber {
  return typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 8;
}

export function stepDefinition(n: StepNumber): StepDefinition {
  // STEPS is indexed by n - 1 and covers 1..8, so the lookup cannot miss.
  return STEPS[n - 1] as StepDefinition;
}
