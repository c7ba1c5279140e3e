/** Every command the bot understands, with its usage and one example. `help` prints these. */
export interface CommandSpec {
  name: string;
  usage: string;
  example: string;
  summary: string;
}

export const COMMANDS: readonly CommandSpec[] = [
  { name: 'help', usage: 'help [command]', example: 'help elevate', summary: 'List commands, or explain one.' },
  { name: 'start', usage: 'start [--drill] [--new] <summary>', example: 'start Global admins locked out after CA change', summary: 'Open a break-glass incident in this channel (--new: another one while one is open here).' },
  { name: 'status', usage: 'status', example: 'status', summary: 'Show the checklist of this channel\'s incident.' },
  { name: 'done', usage: 'done <step> [note]', example: 'done 4 case 2411220040001234', summary: 'Mark a checklist step done.' },
  { name: 'skip', usage: 'skip <step> <reason>', example: 'skip 6 tenant is cloud-only', summary: 'Skip a step; a reason is required.' },
  { name: 'assign', usage: 'assign <step> @user', example: 'assign 7 @dana', summary: 'Give a step an owner.' },
  { name: 'note', usage: 'note <text>', example: 'note CA policy "Block legacy" was edited at 02:10', summary: 'Add a line to the incident timeline.' },
  { name: 'commander', usage: 'commander @user', example: 'commander @sam', summary: 'Hand the incident to a new commander.' },
  { name: 'signins', usage: 'signins [--since 2h] [--user UPN]', example: 'signins --since 2h --user adm-alex@contoso.com', summary: 'Summarise sign-in failures of privileged accounts.' },
  { name: 'export', usage: 'export', example: 'export', summary: 'Back up sign-ins, audits and the incident trail for forensics.' },
  { name: 'close', usage: 'close [summary]', example: 'close access restored, CA policy reverted', summary: 'Close the incident and post the report.' },
  { name: 'reopen', usage: 'reopen', example: 'reopen', summary: 'Reopen a closed incident.' },
  { name: 'elevate', usage: 'elevate <role> [for <duration>] because <justification> [ticket <id>]', example: 'elevate GA for 1h because restore CA policy ticket INC-4711', summary: 'Ask approvers for a time-bound privileged role.' },
  { name: 'revoke', usage: 'revoke <request-id>', example: 'revoke EL-7F3K2Q', summary: 'End an elevation early.' },
  { name: 'elevations', usage: 'elevations', example: 'elevations', summary: 'List pending and active elevations with time left.' },
  { name: 'posture', usage: 'posture', example: 'posture', summary: 'Check the roadmap\'s first-stage items against the tenant.' },
];

export function commandSpec(name: string): CommandSpec | undefined {
  return COMMANDS.find((c) => c.name === name);
}
