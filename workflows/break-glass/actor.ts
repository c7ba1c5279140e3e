/**
 * Who did something, as the machine sees it. Structurally the same as
 * WorkflowActor in bot/runtime/workflow-definition.ts: workflows may not
 * import bot/, so the shape is repeated here.
 */
export interface WorkflowActor {
  id: string;
  name: string;
}
