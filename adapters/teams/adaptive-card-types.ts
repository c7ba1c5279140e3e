/**
 * The slice of the Adaptive Card 1.5 schema the renderer emits. Kept narrow on
 * purpose: every property here is one the schema (and the adaptivecards SDK
 * parser the tests run) knows, so a typo cannot ship.
 */
export type ContainerStyle = 'default' | 'emphasis' | 'good' | 'attention' | 'warning' | 'accent';

interface ElementBase {
  separator?: boolean;
  spacing?: 'None' | 'Small' | 'Default' | 'Medium' | 'Large';
}

export interface TextBlock extends ElementBase {
  type: 'TextBlock';
  text: string;
  wrap: true;
  size?: 'Small' | 'Medium' | 'Large';
  weight?: 'Bolder' | 'Lighter';
  color?: 'Attention' | 'Good' | 'Warning' | 'Accent';
  isSubtle?: boolean;
}

export interface FactSet extends ElementBase {
  type: 'FactSet';
  facts: Array<{ title: string; value: string }>;
}

export interface Container extends ElementBase {
  type: 'Container';
  style?: ContainerStyle;
  items: CardElement[];
}

export interface ActionSet extends ElementBase {
  type: 'ActionSet';
  actions: CardAction[];
}

export interface InputText extends ElementBase {
  type: 'Input.Text';
  id: string;
  label: string;
  isRequired?: boolean;
  errorMessage?: string;
  placeholder?: string;
  isMultiline?: boolean;
  maxLength?: number;
}

export type CardElement = TextBlock | FactSet | Container | ActionSet | InputText;

export interface ExecuteAction {
  type: 'Action.Execute';
  title: string;
  verb: string;
  data: Record<string, string>;
  style?: 'positive' | 'destructive';
}

export interface OpenUrlAction {
  type: 'Action.OpenUrl';
  title: string;
  url: string;
}

export interface ShowCardAction {
  type: 'Action.ShowCard';
  title: string;
  style?: 'positive' | 'destructive';
  card: { type: 'AdaptiveCard'; body: CardElement[]; actions: CardAction[] };
}

export type CardAction = ExecuteAction | OpenUrlAction | ShowCardAction;

export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: 'http://adaptivecards.io/schemas/adaptive-card.json';
  version: '1.5';
  fallbackText?: string;
  refresh?: { action: ExecuteAction; userIds: string[] };
  body: CardElement[];
  actions?: CardAction[];
  /** Teams' host extension: the people `<at>…</at>` in the card's text refers to, so Teams notifies them. */
  msteams?: { entities: MentionEntity[] };
}

/** A Teams mention: `text` appears verbatim in a TextBlock; `mentioned.id` is a Teams user id or an Entra object id. */
export interface MentionEntity {
  type: 'mention';
  text: string;
  mentioned: { id: string; name: string };
}

export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';
