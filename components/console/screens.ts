/** The console's screens, in the order of its navigation. */
export const consoleScreens = ['inbox', 'clients', 'invoices', 'payments', 'files', 'tasks', 'settings', 'account'] as const;

export type ConsoleScreenName = (typeof consoleScreens)[number];

export function isConsoleScreen(name: string): name is ConsoleScreenName {
  return (consoleScreens as readonly string[]).includes(name);
}

/** The element that shows a screen: `portal-console-<screen>`. */
export function screenTag(screen: ConsoleScreenName): string {
  return `portal-console-${screen}`;
}
