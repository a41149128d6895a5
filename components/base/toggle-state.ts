/** Turns a custom state (`:state(name)`) on or off; engines without custom states just skip it. */
export function toggleState(internals: ElementInternals, name: string, on: boolean): void {
  try {
    if (on) internals.states.add(name);
    else internals.states.delete(name);
  } catch {
    // Custom states are cosmetic only.
  }
}
