import type { WorkflowDefinition } from '../runtime/workflow-definition';
import { alertKind } from './alert';
import { breakGlassKind } from './break-glass';
import type { KindModule } from './kind-module';
import { elevationKind } from './pim-elevation';

/** Every workflow kind the bot runs. A new kind is one module here; generic code asks this list. */
export const ALL_KINDS: readonly KindModule[] = [breakGlassKind, elevationKind, alertKind];

/** Looks kinds up by workflow kind name (a stored row) or by a button's action id. */
export class KindRegistry {
  private readonly byName: Map<string, KindModule>;

  constructor(readonly kinds: readonly KindModule[] = ALL_KINDS) {
    this.byName = new Map(kinds.map((k) => [k.definition.kind, k]));
  }

  /** The runtime's definitions (machine and views) of every kind. */
  get definitions(): WorkflowDefinition[] {
    return this.kinds.map((k) => k.definition);
  }

  of(kind: string): KindModule | undefined {
    return this.byName.get(kind);
  }
}
