import type { Config } from '../config/schema';
import type { GraphPort } from '../ports/graph-port';
import type { Actor, Platform } from './platform';

export type Role = 'responder' | 'approver' | 'manager' | 'securityOfficer' | 'admin';

/**
 * Decides who holds which role, from config bindings, at the moment it is
 * asked. Group membership is read from Graph each time on purpose: someone
 * removed from the approver group must lose the right before their next click.
 */
export class Authorizer {
  constructor(
    private readonly config: Config,
    private readonly graph?: Pick<GraphPort, 'groupMemberIds'>,
  ) {}

  async has(actor: Actor, role: Role): Promise<boolean> {
    // No Entra id, no principal: a platform-id match would let one person hold the role
    // twice (once per platform) and count twice. Such actors may only read.
    if (!actor.entraObjectId) return false;
    for (const binding of this.bindings(role)) {
      if (await this.matches(actor, binding)) return true;
    }
    return false;
  }

  async rolesOf(actor: Actor): Promise<Set<Role>> {
    const roles = new Set<Role>();
    for (const role of ['responder', 'approver', 'manager', 'securityOfficer', 'admin'] as const) {
      if (await this.has(actor, role)) roles.add(role);
    }
    return roles;
  }

  /** Manager escalation levels as person keys (bindings that are not people are skipped). */
  managerLevels(): string[][] {
    return this.config.roles.managers.map((level) => level.filter((b) => this.config.people[b]));
  }

  private bindings(role: Role): string[] {
    const r = this.config.roles;
    switch (role) {
      case 'responder':
        return r.responders;
      case 'approver':
        return r.approvers;
      case 'manager':
        return r.managers.flat();
      case 'securityOfficer':
        return r.securityOfficers;
      case 'admin':
        return r.admins;
    }
  }

  private async matches(actor: Actor, binding: string): Promise<boolean> {
    const [prefix, rest] = splitBinding(binding);
    switch (prefix) {
      case 'entra':
        return !!actor.entraObjectId && sameId(actor.entraObjectId, rest);
      case 'slack':
      case 'teams':
      case 'playground':
        return actor.platform === prefix && actor.platformUserId === rest;
      case 'group': {
        if (!actor.entraObjectId || !this.graph) return false;
        const members = await this.graph.groupMemberIds(rest);
        return members.some((id) => sameId(id, actor.entraObjectId!));
      }
      default: {
        const person = this.config.people[binding];
        if (!person) return false;
        if (actor.entraObjectId && person.entraObjectId) return sameId(actor.entraObjectId, person.entraObjectId);
        return person[actor.platform] === actor.platformUserId;
      }
    }
  }
}

function splitBinding(binding: string): [string, string] {
  const i = binding.indexOf(':');
  return i < 0 ? ['', binding] : [binding.slice(0, i), binding.slice(i + 1)];
}

function sameId(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** The platform user id to DM a configured person on, if they have one there. */
export function platformIdOf(config: Config, personKey: string, platform: Platform): string | undefined {
  return config.people[personKey]?.[platform];
}
