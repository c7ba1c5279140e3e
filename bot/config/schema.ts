import { z } from 'zod';

/**
 * The config file holds structure; secrets come only from the environment
 * (see env.ts). Every field has a default that suits the playground so an
 * empty file is valid.
 */

const duration = z.string().regex(/^(\d+d)?(\d+h)?(\d+m)?(\d+s)?$/, 'a duration like 30m, 1h or 2h30m').refine((s) => s.length > 0, 'a duration like 30m, 1h or 2h30m');

/** A person the bot can address and recognise. At least one id is needed. */
export const personSchema = z
  .object({
    name: z.string().min(1),
    /** Lower-cased at load: one person is one principal, compared exactly everywhere. */
    entraObjectId: z
      .string()
      .uuid()
      .transform((id) => id.toLowerCase())
      .optional(),
    upn: z.string().optional(),
    slack: z.string().regex(/^[UW][A-Z0-9]+$/, 'a Slack user id like U012ABC').optional(),
    teams: z.string().optional(),
    playground: z.string().optional(),
  })
  .strict();

/**
 * A binding names people: a key into `people` (who must have an entraObjectId),
 * `group:<entra group id>` or `entra:<object id>`. `slack:`/`teams:` bindings
 * are refused at load (load-config.ts): roles are decided on the Entra id.
 */
const binding = z.string().min(1);

const workingHours = z
  .object({ start: z.string().regex(/^\d\d:\d\d$/).default('07:00'), end: z.string().regex(/^\d\d:\d\d$/).default('19:00'), timeZone: z.string().default('UTC'), days: z.array(z.number().int().min(0).max(6)).default([1, 2, 3, 4, 5]) })
  .strict();

export const rolePolicySchema = z
  .object({
    /** Display name or short name, resolved against Graph role definitions. */
    role: z.string().min(1),
    grantMode: z.enum(['bot', 'pim']).default('bot'),
    /** Absent: 1h for Global Administrator, otherwise PIM's own maximum for the role (the smaller of the two always wins). */
    maxDuration: duration.optional(),
    approvalsRequired: z.number().int().min(1).max(10).default(1),
    requireTicket: z.boolean().default(false),
    requireRecentMfaMinutes: z.number().int().positive().optional(),
    /** Approving asks the approver for a reason, as PIM does; the reason is audited with the approval. */
    highRisk: z.boolean().default(false),
  })
  .strict();

export const emergencyAccountSchema = z
  .object({
    upn: z.string().min(3),
    objectId: z.string().uuid().optional(),
    /** Where the credential is kept (a safe, a vault path). Never the credential itself. */
    credentialLocation: z.string().min(1),
  })
  .strict();

export const tenantSchema = z
  .object({
    id: z.string().min(1).default('simulated'),
    name: z.string().default('Simulated tenant'),
  })
  .strict();

export const configSchema = z
  .object({
    tenant: tenantSchema.default({}),
    people: z.record(personSchema).default({}),
    roles: z
      .object({
        responders: z.array(binding).default([]),
        approvers: z.array(binding).default([]),
        /** Escalation order: level 0 first, then 1, ... */
        managers: z.array(z.array(binding)).default([]),
        securityOfficers: z.array(binding).default([]),
        admins: z.array(binding).default([]),
      })
      .strict()
      .default({}),
    channels: z
      .object({
        /** Platform conversation ids, e.g. { slack: 'C123', teams: '19:...' } */
        security: z.record(z.string()).default({}),
        approvers: z.record(z.string()).default({}),
        /** Slack only: open a private channel per incident. */
        createIncidentChannel: z.boolean().default(false),
      })
      .strict()
      .default({}),
    breakGlass: z
      .object({
        playbookUrl: z.string().url().default('https://learn.microsoft.com/entra/identity/role-based-access-control/security-emergency-access'),
        supportUrl: z.string().url().default('https://portal.azure.com/#view/Microsoft_Azure_Support/HelpAndSupportBlade'),
        ackTimeout: duration.default('10m'),
        stallTimeout: duration.default('30m'),
        mailboxReminder: duration.default('30m'),
        signInLookback: duration.default('24h'),
        drillIntervalDays: z.number().int().positive().default(90),
      })
      .strict()
      .default({}),
    emergencyAccounts: z.array(emergencyAccountSchema).default([]),
    elevation: z
      .object({
        policies: z.array(rolePolicySchema).default([{ role: 'Global Administrator', grantMode: 'bot', maxDuration: '1h', approvalsRequired: 1, requireTicket: false }]),
        remindAfter: duration.default('10m'),
        escalateAfter: duration.default('20m'),
        expireAfter: duration.default('45m'),
        dmApprovers: z.boolean().default(false),
        /** A bot grant of a role whose PIM policy demands MFA on activation waits for the requester's MFA sign-in within this many minutes; 0 turns it off. */
        pimMfaEvidenceMinutes: z.number().int().min(0).default(60),
      })
      .strict()
      .default({}),
    monitoring: z
      .object({
        enabled: z.boolean().default(true),
        pollInterval: duration.default('1m'),
        overlap: duration.default('10m'),
        badPasswordThreshold: z.number().int().positive().default(5),
        alertCooldown: duration.default('30m'),
        falsePositiveSuppression: duration.default('24h'),
        /** ISO country codes considered normal for privileged sign-ins. */
        allowedCountries: z.array(z.string().length(2)).default([]),
        allowedIpRanges: z.array(z.string()).default([]),
        workingHours: workingHours.default({}),
        privilegedNamePrefix: z.string().default('adm-'),
        /** Privileged besides what the tenant's role assignments and PIM eligibility say (and the only source offline). */
        privileged: z
          .object({
            /** UPNs or Entra object ids. */
            accounts: z.array(z.string().min(1)).default([]),
            /** Group object ids; their members count as privileged. */
            groups: z.array(z.string().min(1)).default([]),
          })
          .strict()
          .default({}),
        /** How often the privileged set (role holders, eligible, group members, PIM for Groups) is read again. */
        privilegedRefresh: duration.default('15m'),
        /** Failed passwords are counted per user in aligned windows of this length. */
        badPasswordWindow: duration.default('1h'),
        /** How close 'Add user' and a role assignment must be to call it a privileged account creation. */
        accountCreationWindow: duration.default('24h'),
        /** Per-account working hours, keyed by UPN or object id; others use workingHours. */
        workingHoursByUser: z.record(z.string(), workingHours).default({}),
        /** clientAppUsed values that count as legacy authentication; default: Microsoft's list. */
        legacyClients: z.array(z.string().min(1)).optional(),
        /** What an approved device is; unset: any device. */
        approvedDevices: z
          .object({
            requireCompliant: z.boolean().optional(),
            requireManaged: z.boolean().optional(),
            /** Prefixes, case-insensitive, e.g. ['Windows']. */
            operatingSystems: z.array(z.string()).optional(),
            browsers: z.array(z.string()).optional(),
          })
          .strict()
          .optional(),
        maxGlobalAdmins: z.number().int().positive().default(5),
      })
      .strict()
      .default({}),
    graph: z
      .object({
        /** 'simulator:<scenario>' or 'tenant'. Default: simulator unless Azure credentials are set. */
        source: z.string().regex(/^(tenant|simulator(:[a-z-]+)?)$/, "'tenant' or 'simulator:<scenario>'").optional(),
        baseUrl: z.string().url().default('https://graph.microsoft.com'),
        authorityHost: z.string().url().default('https://login.microsoftonline.com'),
      })
      .strict()
      .default({}),
    server: z
      .object({
        host: z.string().default('127.0.0.1'),
        port: z.number().int().min(0).max(65535).default(3978),
        playground: z.boolean().optional(),
      })
      .strict()
      .default({}),
    /**
     * Slack workspaces whose people may act: team ids (T…) or Enterprise Grid ids (E…).
     * Empty: only the workspace (and its Enterprise Grid org) the bot token belongs to, learned from auth.test at start.
     */
    slack: z
      .object({
        allowedTeamIds: z.array(z.string().regex(/^[TE][A-Z0-9]+$/, 'a Slack team id like T012ABC or enterprise id like E012ABC')).default([]),
      })
      .strict()
      .default({}),
    teams: z
      .object({
        allowedTenants: z.array(z.string()).default([]),
        openIdMetadataUrl: z.string().url().default('https://login.botframework.com/v1/.well-known/openidconfiguration'),
        tokenIssuer: z.string().default('https://api.botframework.com'),
        /** Microsoft Entra authority for the bot's outbound Bot Connector token; default: graph.authorityHost. */
        authorityHost: z.string().url().optional(),
        /** Local development only: skip Bot Framework JWT validation. Logged loudly. */
        disableAuth: z.boolean().default(false),
        /** `scheme://host` (optionally `*.host`) that replies may go to; default: Bot Framework's and Teams' documented hosts, https only. */
        serviceUrlAllowList: z.array(z.string()).optional(),
        /** The app's id in the org catalog (Teams admin center > Manage apps), to install it for people before paging them. */
        appCatalogId: z.string().min(1).optional(),
      })
      .strict()
      .default({}),
  })
  .strict();

export type Config = z.infer<typeof configSchema>;
export type Person = z.infer<typeof personSchema>;
export type RolePolicy = z.infer<typeof rolePolicySchema>;
export type EmergencyAccount = z.infer<typeof emergencyAccountSchema>;
