// @ts-check

/**
 * @typedef {{ started: boolean, chosen: boolean, confirmed: boolean, advanced: boolean, requested: boolean, approved: boolean,
 *   people: { commander: string, second: string, approver: string }, account: string }} Guide
 * @typedef {{ fill(text: string): void, actAs(person: string): void, openChannel(id: string): void, advance(minutes: number): void }} GuideActions
 * @typedef {{ id: string, title: string, hint: string, done(g: Guide, as: string | null): boolean,
 *   action?: { label: string, run(g: Guide): void } }} Step
 */

const HIDDEN_KEY = 'breakglass.playground.guideHidden';

/**
 * The first-visit path through the product: open an incident, check an
 * emergency account out under the two-person rule, let time pass, ask for a
 * role and approve it. Progress comes from the server's audit trail (what the
 * bot recorded), so a step is ticked only when it really happened.
 * @param {GuideActions} actions
 * @returns {Step[]}
 */
function steps(actions) {
  return [
    { id: 'start', title: 'Open an incident', hint: 'As the commander, type a start command in #incident-room.', done: (g) => g.started,
      action: { label: 'Type it for me', run: () => actions.fill('start Global admins locked out after CA change') } },
    { id: 'choose', title: 'Choose an emergency account', hint: 'On the checklist card, click "Use …" for the first emergency account.', done: (g) => g.chosen },
    { id: 'switch', title: 'Switch to the second responder', hint: 'The two-person rule: someone else must confirm the account.', done: (g, as) => g.confirmed || (g.chosen && as === g.people.second),
      action: { label: 'Act as the second responder', run: (g) => actions.actAs(g.people.second) } },
    { id: 'confirm', title: 'Confirm the checkout', hint: 'Click "Confirm …" on the checklist card.', done: (g) => g.confirmed },
    { id: 'advance', title: 'Let 15 minutes pass', hint: 'Unacknowledged pages escalate; monitoring keeps reading sign-ins.', done: (g) => g.advanced,
      action: { label: '+15 min', run: () => actions.advance(15) } },
    { id: 'elevate', title: 'Ask for a role', hint: 'As the commander, ask for Global Administrator for 30 minutes.', done: (g) => g.requested,
      action: { label: 'Type it for me', run: (g) => { actions.actAs(g.people.commander); actions.fill('elevate GA for 30m because restore the CA policy ticket INC-4711'); } } },
    { id: 'approve', title: 'Approve it as an approver', hint: 'Act as an approver, open #approvers and click Approve.', done: (g) => g.approved,
      action: { label: 'Act as the approver in #approvers', run: (g) => { actions.actAs(g.people.approver); actions.openChannel('approvers'); } } },
  ];
}

export class GuidePanel {
  /**
   * @param {HTMLElement} container
   * @param {HTMLButtonElement} showButton brings a hidden guide back
   * @param {GuideActions} actions
   */
  constructor(container, showButton, actions) {
    this.container = container;
    this.showButton = showButton;
    this.steps = steps(actions);
    /** @type {Guide | null} */
    this.guide = null;
    this.as = /** @type {string | null} */ (null);
    this.rendered = '';
    /** @type {boolean | undefined} set once the person hides or shows it here */
    this.hiddenNow = undefined;
    this.showButton.addEventListener('click', () => this.setHidden(false));
  }

  /** Shown again, e.g. after a reset. */
  reopen() {
    this.setHidden(false);
  }

  /**
   * @param {Guide} guide
   * @param {string | null} as
   */
  update(guide, as) {
    this.guide = guide;
    this.as = as;
    this.render();
  }

  /** @param {boolean} hidden */
  setHidden(hidden) {
    try {
      if (hidden) localStorage.setItem(HIDDEN_KEY, '1');
      else localStorage.removeItem(HIDDEN_KEY);
    } catch {
      // Storage unavailable: the choice lasts until reload.
    }
    this.hiddenNow = hidden;
    this.rendered = '';
    this.render();
  }

  isHidden() {
    if (this.hiddenNow !== undefined) return this.hiddenNow;
    try {
      return localStorage.getItem(HIDDEN_KEY) === '1';
    } catch {
      return false;
    }
  }

  render() {
    const guide = this.guide;
    const hidden = this.isHidden();
    this.container.hidden = hidden || !guide;
    this.showButton.hidden = !hidden;
    if (!guide || hidden) return;
    const done = this.steps.map((s) => s.done(guide, this.as));
    const key = JSON.stringify([done, guide.people]);
    if (key === this.rendered) return;
    this.rendered = key;
    const current = done.indexOf(false);

    const title = document.createElement('h2');
    title.className = 'guide-title';
    title.textContent = current < 0 ? 'You have walked the whole path' : `Guided tour · step ${current + 1} of ${this.steps.length}`;
    const list = document.createElement('ol');
    list.className = 'guide-steps';
    this.steps.forEach((step, index) => {
      const item = document.createElement('li');
      item.dataset.testid = `guide-step-${step.id}`;
      item.dataset.state = done[index] ? 'done' : index === current ? 'current' : 'todo';
      item.textContent = `${done[index] ? '✓ ' : ''}${step.title}`;
      if (index === current) item.setAttribute('aria-current', 'step');
      list.append(item);
    });
    const next = document.createElement('p');
    next.className = 'guide-hint';
    next.dataset.testid = 'guide-hint';
    const step = this.steps[current];
    next.textContent = step ? step.hint : 'Try "help", move time on by an hour to watch the elevation expire, or Reset to start over.';
    const buttons = document.createElement('div');
    buttons.className = 'guide-buttons';
    if (step?.action) {
      const action = step.action;
      const button = document.createElement('button');
      button.type = 'button';
      button.dataset.testid = 'guide-action';
      button.textContent = action.label;
      button.addEventListener('click', () => action.run(guide));
      buttons.append(button);
    }
    const hide = document.createElement('button');
    hide.type = 'button';
    hide.className = 'guide-hide';
    hide.textContent = 'Hide the tour';
    hide.addEventListener('click', () => this.setHidden(true));
    buttons.append(hide);
    this.container.replaceChildren(title, list, next, buttons);
  }
}
