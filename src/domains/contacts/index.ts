/** The contacts domain's public face: other domains and the server import only this. */
export {
  accessOf,
  type CurrentAffiliation,
  currentAffiliationCondition,
  currentAffiliationsOf,
  isCurrentAffiliation,
  todayOf,
} from "./contacts.access";
export { type AffiliationView, listAffiliations } from "./contacts.affiliations.queries";
export { affiliationSchema, presentAffiliation } from "./contacts.affiliations.routes";
export { assertEmailsFree } from "./contacts.emails";
export * from "./contacts.inputs";
export { mergeContact, moveContactHistory } from "./contacts.merge.queries";
export {
  type ContactAccess,
  mayChangeContact,
  mayReadMemory,
} from "./contacts.policies";
export {
  contactSchema,
  contactSummarySchema,
  presentContact,
  presentContactSummary,
} from "./contacts.present";
export {
  type ContactView,
  createContact,
  getContact,
  listContacts,
  readContact,
  updateContact,
} from "./contacts.queries";
export { createContactRoutes } from "./contacts.routes";
export {
  type Contact,
  type ContactAffiliation,
  contactAffiliations,
  contactEmails,
  contacts,
  type NewContact,
} from "./contacts.schema";
