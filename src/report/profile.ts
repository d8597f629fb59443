/**
 * The user's profile, apart from the pre-fill that uses it: the settings store and the sidebar's
 * first paint need its shape and its empty value, not the request-building code.
 */
/** What the user keeps in the options page, pre-filled into every request. */
export interface Profile {
  name: string;
  connectionId: string;
  phone: string;
  email: string;
  siret: string;
  /** The entity the user usually writes for (the portal's "Émetteur"). */
  issuer: string;
}

export const EMPTY_PROFILE: Profile = { name: '', connectionId: '', phone: '', email: '', siret: '', issuer: '' };
