import type { AnyMachineSnapshot, AnyStateMachine, EventObject } from 'xstate';
import { pureTransition } from '../../bot/runtime/pure-transition';

/**
 * The runtime transitions with pureTransition (one kept actor scope per machine) where these
 * tests call xstate's own transition(); every step the machine tests take checks that both give
 * the same snapshot and the same actions, so a difference shows up in whichever test meets it.
 */
export function expectSameAsRuntime(machine: AnyStateMachine, snapshot: AnyMachineSnapshot, event: EventObject, next: AnyMachineSnapshot, actions: ReadonlyArray<{ type: string; params?: unknown }>): void {
  const [mine, myActions] = pureTransition(machine, snapshot, event);
  expect(machine.getPersistedSnapshot(mine)).toEqual(machine.getPersistedSnapshot(next));
  expect(myActions.map(({ type, params }) => ({ type, params }))).toEqual(actions.map(({ type, params }) => ({ type, params })));
}
