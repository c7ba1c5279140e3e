import type { Audience, CardEffect } from '../../workflows/effects';

/** The destination part of a stored card key: one name per audience. */
export function audienceKey(audience: Audience): string {
  switch (audience.to) {
    case 'home':
      return 'home';
    case 'person':
      return `person:${audience.person}`;
    case 'channel':
      return `channel:${audience.channel}`;
  }
}

/**
 * The key a posted card's message is stored under, so later emits update it in
 * place. The chat effects store it and the stale-card refresher and the page
 * owner check look it up: one function, so the two sides cannot drift apart
 * (if they did, a refused click would silently refresh nothing).
 */
export function cardKey(card: Pick<CardEffect['params'], 'key' | 'audience'>): string {
  return `${card.key}@${audienceKey(card.audience)}`;
}
