import type { BrandingSections } from '../api/types.ts';
import { isRegistered } from '../loader/lazy-elements.ts';

/**
 * The portal's sections, in the order of the navigation. Home and the client's own profile are
 * always offered (when their element is on the page); the others are the firm's to turn off.
 */
export const portalSections = ['home', 'activities', 'invoices', 'payments', 'messages', 'files', 'profile'] as const satisfies readonly (
  keyof BrandingSections | 'home' | 'profile'
)[];

/** The sections a firm cannot turn off. */
const alwaysOffered: readonly PortalSectionName[] = ['home', 'profile'];

export type PortalSectionName = (typeof portalSections)[number];

/** The element that shows each section. */
export const sectionTags: Readonly<Record<PortalSectionName, string>> = {
  home: 'portal-home',
  activities: 'portal-activities',
  invoices: 'portal-invoices',
  payments: 'portal-payments',
  messages: 'portal-messages',
  files: 'portal-files',
  profile: 'portal-profile',
};

/** The attribute of a section's element that names the item it has open (sections with items only). */
export const itemAttributes: Readonly<Partial<Record<PortalSectionName, string>>> = {
  invoices: 'invoice-id',
  messages: 'thread-id',
};

export function isSectionName(value: string): value is PortalSectionName {
  return (portalSections as readonly string[]).includes(value);
}

/**
 * The sections to offer: those the firm has not turned off, whose element is registered on the
 * page (a page can leave an element out of its bundle), or claimed by the script-tag bundle,
 * which defines it when it is first shown.
 */
export function offeredSections(sections: Partial<BrandingSections> | undefined): PortalSectionName[] {
  return portalSections.filter(
    (name) => (alwaysOffered.includes(name) || sections?.[name as keyof BrandingSections] !== false) && isRegistered(sectionTags[name]),
  );
}
