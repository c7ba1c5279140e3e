import { summarizeMailboxRules, type MailboxRules } from '../../workflows/break-glass/mailbox-rules';
import { summarizeSignIns } from '../../workflows/break-glass/sign-in-summary';
import type { SignIn } from '../../workflows/graph-records';
import { readJustificationTag } from '../../workflows/pim-elevation/justification-tag';
import type { Config } from '../config/schema';
import { isBreakglassError } from '../core/errors';
import type { GraphPort } from '../ports/graph-port';
import type { Clock } from '../ports/clock';
import type { GraphOpHandlers } from './graph-effects';
import { privilegedAccounts } from './privileged-accounts';

/** Request statuses under which an adminAssign did (or is about to) give the role. */
const LIVE_GRANT: ReadonlySet<string> = new Set(['Granted', 'PendingProvisioning', 'PendingScheduleCreation', 'Provisioned', 'ScheduleCreated']);

/** The Graph operations machines may name in a graph.call effect. */
export function createGraphOps(graph: GraphPort, config: Config, clock: Clock): GraphOpHandlers {
  return {
    /** Step 5: one window, streamed, filtered to privileged accounts, summarised. */
    signIns: async ({ since, until, emergencyUpns, user }) => {
      const privileged = await privilegedAccounts(config, graph);
      const wanted = user?.toLowerCase();
      const kept: SignIn[] = [];
      for await (const page of graph.signIns({ since, until })) {
        for (const s of page) {
          const upn = s.userPrincipalName.toLowerCase();
          if (wanted ? upn === wanted : privileged.isPrivileged(upn, s.userId)) kept.push(s);
        }
      }
      const { workingHours, allowedCountries } = config.monitoring;
      return summarizeSignIns(kept, { since, until, workingHours, allowedCountries, ...(emergencyUpns ? { emergencyUpns } : {}) });
    },

    domains: () => graph.domains(),

    /**
     * Step 7: every privileged user's inbox rules. Role holders that are not
     * users (groups, service principals) have no user record and are passed
     * by; accounts Graph finds no mailbox for are listed as such. Accounts
     * matched only by the name prefix are not enumerable and are not read.
     */
    mailboxRules: async () => {
      const privileged = await privilegedAccounts(config, graph);
      const keys = new Set([...privileged.ids, ...privileged.upns, ...config.emergencyAccounts.map((a) => a.upn.toLowerCase())]);
      const users = new Map<string, string>();
      for (const key of keys) {
        const u = await graph.user(key);
        if (u) users.set(u.id.toLowerCase(), u.userPrincipalName);
      }
      const accounts: MailboxRules[] = [];
      // One at a time: a few dozen reads, and Exchange throttles per mailbox app.
      for (const [id, upn] of users) accounts.push({ upn, rules: await graph.inboxRules(id) });
      return summarizeMailboxRules(accounts);
    },

    assignmentInstances: (args) => graph.assignmentInstances(args),

    /**
     * Graph POSTs are not idempotent. Before every adminAssign, look for one
     * this bot already made for the request (the justification carries its
     * request id) and return that instead of asking twice: after a crash or a
     * lost answer Graph may have acted. Only live grants count; a failed or
     * revoked one must not stand in for a new attempt.
     *
     * adminRemove is not reconciled: a repeat of one that already acted is
     * answered RoleAssignmentDoesNotExist, which the machine reads as done,
     * while reusing an older removal with the same tag would skip one that is
     * still needed (a second stray assignment).
     */
    createAssignmentRequest: async (request) => {
      const tag = request.action === 'adminAssign' ? readJustificationTag(request.justification) : undefined;
      const myLiveGrant = async () => {
        const existing = await graph.assignmentRequests({ principalId: request.principalId, roleDefinitionId: request.roleDefinitionId });
        return existing.find((r) => r.action === 'adminAssign' && LIVE_GRANT.has(r.status) && readJustificationTag(r.justification) === tag);
      };
      if (tag) {
        const mine = await myLiveGrant();
        if (mine) return mine;
      }
      try {
        return await graph.createAssignmentRequest(request);
      } catch (e) {
        // RoleAssignmentExists may be our own grant, made by another replica (or a lost answer) since the look above:
        // then it is this request's grant, to be recorded and verified at expiry, not "already assigned" and left alone.
        const exists = isBreakglassError(e) && (e.code === 'graph.conflict' || /RoleAssignmentExists/i.test(e.message));
        const mine = tag && exists ? await myLiveGrant() : undefined;
        if (mine) return mine;
        throw e;
      }
    },

    /** Who of `userIds` has no successful MFA sign-in in the last `withinMinutes`. */
    recentMfa: async ({ userIds, withinMinutes }) => {
      const since = new Date(clock.now() - withinMinutes * 60_000).toISOString();
      const satisfied = new Set<string>();
      for await (const page of graph.signIns({ since, userIds, beta: true })) {
        for (const s of page) {
          if (s.status.errorCode === 0 && s.authenticationRequirement === 'multiFactorAuthentication') satisfied.add(s.userId.toLowerCase());
        }
      }
      return { missing: userIds.filter((id) => !satisfied.has(id.toLowerCase())) };
    },
  };
}
