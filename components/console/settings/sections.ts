import type { StaffAccess } from '../api/types.ts';
import { can, type StaffPermission } from '../roles.ts';

/** The settings screen's sections, in the order of its tabs; a section's name is its `item-id`. */
export const settingsSections = ['branding', 'portal', 'webhooks', 'api-keys', 'staff'] as const;

export type SettingsSection = (typeof settingsSections)[number];

// What each section needs, as the admin API checks it.
const needs: Record<SettingsSection, StaffPermission> = {
  branding: 'settings',
  portal: 'settings',
  webhooks: 'settings',
  'api-keys': 'api-keys',
  staff: 'staff',
};

/** The sections the signed-in member (`staff`) may open, in tab order. */
export function sectionsFor(staff: { access: StaffAccess } | undefined): SettingsSection[] {
  return settingsSections.filter((section) => can(staff, needs[section]));
}

export function isSettingsSection(name: string): name is SettingsSection {
  return (settingsSections as readonly string[]).includes(name);
}
