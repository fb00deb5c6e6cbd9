/** The contacts domain's public face: other domains and the server import only this. */
export * from "./contacts.inputs";
export {
  type Contact,
  type ContactAffiliation,
  contactAffiliations,
  contactEmails,
  contacts,
  type NewContact,
} from "./contacts.schema";
