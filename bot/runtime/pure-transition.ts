import { createActor, type AnyActorRef, type AnyActorScope, type AnyMachineSnapshot, type AnyStateMachine, type EventObject } from 'xstate';
import type { ExecutableAction } from './plan-transition';

/**
 * xstate's pure `transition()`, without its cost per call. xstate builds a
 * throwaway actor for every call, and building one computes the machine's
 * initial snapshot (context factory and all): a quarter of a timer's CPU in
 * bench workload 4. The actor is only the scope's `self`; nothing runs on it
 * (actions are collected, not executed, and our machines neither spawn nor
 * invoke), so one per machine is built once and kept.
 */
const selves = new WeakMap<AnyStateMachine, AnyActorRef>();

function selfOf(machine: AnyStateMachine): AnyActorRef {
  let self = selves.get(machine);
  if (!self) {
    self = createActor(machine);
    selves.set(machine, self);
  }
  return self;
}

/** Next snapshot and the actions to run, as `transition(machine, snapshot, event)` returns them. */
export function pureTransition(machine: AnyStateMachine, snapshot: AnyMachineSnapshot, event: EventObject): [AnyMachineSnapshot, ExecutableAction[]] {
  const actions: ExecutableAction[] = [];
  const self = selfOf(machine);
  const scope: AnyActorScope = {
    self,
    id: '',
    sessionId: '',
    system: self.system,
    logger: () => undefined,
    defer: () => undefined,
    emit: () => undefined,
    stopChild: () => undefined,
    actionExecutor: (action) => void actions.push(action as ExecutableAction),
  };
  return [machine.transition(snapshot, event, scope) as AnyMachineSnapshot, actions];
}
