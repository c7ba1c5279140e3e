// @ts-check
import { byId } from './dom.js';
import { clockText, isoText } from './format.js';

/**
 * @typedef {{ key: string, name: string, role: string, unread: number }} PersonView
 * @typedef {{ onPerson(key: string): void, onAdvance(minutes: number, label: string): Promise<void>, onReset(): Promise<void> }} ToolbarActions
 */

/** The banner and toolbar: who you act as, the simulated clock, moving time, Reset, and how the connection is. */
export class Toolbar {
  /** @param {ToolbarActions} actions */
  constructor(actions) {
    this.database = byId('describe-database', HTMLElement);
    this.graph = byId('describe-graph', HTMLElement);
    this.clock = byId('sim-clock', HTMLTimeElement);
    this.person = byId('person-select', HTMLSelectElement);
    this.connection = byId('connection-status', HTMLElement);
    this.advanceGroup = byId('advance-group', HTMLElement);
    this.reset = byId('reset-button', HTMLButtonElement);
    /** @type {HTMLButtonElement[]} */
    this.advanceButtons = [...document.querySelectorAll('button[data-minutes]')].filter((b) => b instanceof HTMLButtonElement);

    this.person.addEventListener('change', () => actions.onPerson(this.person.value));
    for (const button of this.advanceButtons) {
      button.addEventListener('click', () => void this.busy(this.advanceButtons, () => actions.onAdvance(Number(button.dataset.minutes), button.textContent.replace('+', ''))));
    }
    this.reset.addEventListener('click', () => {
      const sure = window.confirm('Reset the playground? Every incident, request, message and audit entry of this playground is deleted and the simulated tenant starts afresh.');
      if (sure) void this.busy([this.reset], () => actions.onReset());
    });
  }

  /** @param {number} now */
  showClock(now) {
    const text = clockText(now);
    if (this.clock.textContent === text) return;
    this.clock.textContent = text;
    this.clock.dateTime = isoText(now);
  }

  /** @param {{ database?: string, graph?: string } | undefined} describe */
  showDescribe(describe) {
    this.database.textContent = describe?.database ?? 'unknown';
    this.graph.textContent = describe?.graph ?? 'unknown';
  }

  /**
   * @param {PersonView[]} people
   * @param {string | null} as
   */
  showPeople(people, as) {
    const options = people.map((p) => {
      const option = document.createElement('option');
      option.value = p.key;
      const dms = p.unread === 1 ? '1 DM' : `${p.unread} DMs`;
      option.textContent = `${p.name} — ${p.role}${p.unread > 0 ? ` (${dms})` : ''}`;
      return option;
    });
    this.person.replaceChildren(...options);
    this.person.value = as ?? '';
  }

  /** What this playground allows: moving time and Reset only when the whole world is simulated. */
  showAbilities(/** @type {{ canAdvance: boolean, canReset: boolean }} */ state) {
    this.advanceGroup.hidden = !state.canAdvance;
    this.reset.hidden = !state.canReset;
  }

  /** @param {string} message empty when all is well */
  showConnection(message) {
    this.connection.textContent = message;
    this.connection.classList.toggle('is-error', Boolean(message));
  }

  /**
   * Runs `work` with `buttons` disabled, so a double click does not do it twice.
   * @param {HTMLButtonElement[]} buttons
   * @param {() => Promise<void>} work
   */
  async busy(buttons, work) {
    for (const b of buttons) b.disabled = true;
    try {
      await work();
    } finally {
      for (const b of buttons) b.disabled = false;
    }
  }
}
