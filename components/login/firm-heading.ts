import { html, type TemplateResult } from 'lit';

/**
 * A sign-in heading that names the firm, with the firm's name on a line of its own
 * (`.heading-firm`, in login.styles.ts) that is kept, empty, while the name is on its way: the
 * form shows before the firm's branding arrives, and the fields below never move when it does.
 *
 * @param signIn The heading while the name is not known ("Sign in").
 * @param signInFirm The heading that names the firm, given the text to put in its place ("Sign in to {firm}").
 */
export function firmHeading(firm: string | undefined, signIn: string, signInFirm: (firm: string) => string): TemplateResult {
  if (!firm) return html`${signIn}<span class="heading-firm"></span>`;
  const [before, after = ''] = signInFirm('\u0000').split('\u0000');
  return html`${before}<span class="heading-firm">${firm}</span>${after}`;
}
