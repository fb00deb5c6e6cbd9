/** The interactions domain's public face: other domains and the server import only this. */
export { buildInteraction } from "./interactions.factory";
export { interactionUid, toIcs } from "./interactions.ics";
export * from "./interactions.inputs";
export {
  type InteractionView,
  type LinkedContact,
  type LinkedMember,
  type LinkedNeed,
  viewsOf,
} from "./interactions.links";
export { type InteractionFilter, listInteractions } from "./interactions.list.queries";
export {
  type InteractionPeople,
  mayChangeInteraction,
  mayLogInteraction,
} from "./interactions.policies";
export {
  type InteractionOutput,
  interactionSchema,
  presentInteraction,
  presentTimelineEvent,
  timelineEventSchema,
} from "./interactions.present";
export {
  archiveInteraction,
  cancelInteraction,
  createInteraction,
  getInteraction,
  readInteraction,
  updateInteraction,
} from "./interactions.queries";
export { createInteractionIcsRoutes, createInteractionRoutes } from "./interactions.routes";
export {
  type Interaction,
  interactionContacts,
  interactionMembers,
  interactionNeeds,
  interactions,
  type NewInteraction,
} from "./interactions.schema";
export { nextStepsSourceRef } from "./interactions.tasks";
export { listTimeline, type TimelineEvent } from "./interactions.timeline.queries";
export {
  type TimelineScope,
  type TimelineSource,
  timelineSources,
} from "./interactions.timeline.sources";
export { type LastTouch, lastTouchesOf, listInteractionsInPeriod } from "./interactions.touches";
