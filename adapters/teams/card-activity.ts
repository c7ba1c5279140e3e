import { ActivityTypes, CardFactory, type Activity } from 'botbuilder';
import type { AdaptiveCard } from './adaptive-card-types';

/** A message activity carrying one Adaptive Card; `summary` is what notifications show. */
export function cardActivity(card: AdaptiveCard, summary: string): Partial<Activity> {
  const activity: Partial<Activity> = { type: ActivityTypes.Message, attachments: [CardFactory.adaptiveCard(card)] };
  if (summary) activity.summary = summary.slice(0, 200);
  return activity;
}
