import type { SettingsSection } from './sections.ts';

/**
 * A change in the settings screen was saved: the branding or the portal's settings, a webhook
 * endpoint, an API key or the staff. A page can re-read what depends on it (e.g. re-theme).
 */
export class PortalConsoleSettingsSavedEvent extends Event {
  constructor(readonly detail: { readonly section: SettingsSection }) {
    super('portal-console-settings-saved', { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'portal-console-settings-saved': PortalConsoleSettingsSavedEvent;
  }
}
