import type { Locator, Page } from 'playwright-core';

/**
 * How a person uses the Agents Playground's Teams client: open a channel,
 * post a message that @mentions the bot (in a channel Teams delivers only
 * those), read the cards, click their buttons. Every message the client shows
 * from the bot, text or card, is rendered as an Adaptive Card.
 */
export class PlaygroundClient {
  constructor(readonly page: Page) {}

  async openChannel(label: string): Promise<void> {
    await this.page.getByLabel(label).click();
    await this.newPostEditor().waitFor();
  }

  /** "Start a new post" with an @mention of the bot, chosen from the client's mention picker. */
  async postToBot(text: string): Promise<void> {
    await this.newPostEditor().click();
    await this.page.keyboard.type('@breakg');
    await this.page.locator('#typeahead-menu').getByRole('menuitem', { name: 'breakglass' }).click();
    await this.page.keyboard.type(` ${text}`);
    await this.page.getByRole('button', { name: 'Post', exact: true }).click();
  }

  /** Cards (and text replies) the bot has shown, oldest first. */
  botCards(): Locator {
    return this.page.locator('.ac-adaptiveCard');
  }

  /** The first card showing `text`, once it appears. */
  async cardShowing(text: string | RegExp, timeout = 20_000): Promise<Locator> {
    const card = this.botCards().filter({ hasText: text }).first();
    try {
      await card.waitFor({ timeout });
    } catch {
      const shown = await this.botCards().allInnerTexts().catch(() => []);
      throw new Error(`No card showed ${String(text)} within ${timeout} ms; the client shows:\n${shown.join('\n---\n').slice(0, 6000)}`);
    }
    return card;
  }

  async click(card: Locator, buttonTitle: string): Promise<void> {
    await card.getByRole('button', { name: buttonTitle, exact: true }).click();
  }

  private newPostEditor(): Locator {
    // The channel's compose box for a new post is the first rich-text editor; each post below has its own reply box.
    return this.page.locator('[data-lexical-editor=true]').first();
  }
}
