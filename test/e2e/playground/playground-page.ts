import type { Locator, Page } from 'playwright-core';
import { textOnceShown } from './browser';

/**
 * The playground page as a person uses it: pick who you are, pick a channel,
 * type a command, click a card's button, read what came back. Only the
 * page's data-testids and visible text, never its internals.
 */
export class PlaygroundPage {
  constructor(readonly page: Page) {}

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    // The describe line is filled from the first state answer: the page is live.
    await textOnceShown(this.page.getByTestId('sim-banner'), /Graph\s*simulated tenant/);
  }

  /** Switches the "Act as" menu and waits until the page shows that person's view. */
  async actAs(person: string, name: string): Promise<void> {
    await this.page.getByTestId('person-select').selectOption(person);
    await textOnceShown(this.page.getByTestId('dm-pane'), `Direct messages · ${name}`);
  }

  async openChannel(id: string): Promise<void> {
    const tab = this.page.getByTestId(`channel-tab-${id}`);
    await tab.click();
    await this.page.locator(`[data-testid="channel-tab-${id}"][aria-selected="true"]`).waitFor();
  }

  /** Types a command, sends it, and returns the reply only the sender sees. */
  async send(text: string, expectedReply: string | RegExp): Promise<string> {
    await this.page.getByTestId('command-input').fill(text);
    await this.page.getByTestId('command-send').click();
    return this.replyLine(expectedReply);
  }

  replyLine(text: string | RegExp): Promise<string> {
    return textOnceShown(this.page.getByTestId('reply-line'), text);
  }

  /** A bot message in the open channel whose text contains `title`. */
  channelMessage(title: string | RegExp): Locator {
    return this.page.getByTestId('channel-messages').getByTestId('message').filter({ hasText: title }).first();
  }

  dmMessages(): Locator {
    return this.page.getByTestId('dm-pane').getByTestId('message');
  }

  /** Clicks a button on a card, as rendered by the adaptivecards library. */
  async click(card: Locator, button: string): Promise<void> {
    const target = card.getByRole('button', { name: button, exact: true });
    await target.waitFor();
    await target.click();
  }

  buttonsOn(card: Locator): Promise<string[]> {
    return card.getByRole('button').allInnerTexts();
  }

  /** The simulated clock the page shows, in epoch ms. */
  async clock(): Promise<number> {
    const iso = await this.page.getByTestId('sim-clock').getAttribute('datetime');
    return Date.parse(iso ?? '');
  }
}
