/**
 * The demo firm's "sign in from your own site" settings: its website (demo/, on the demo port)
 * signs a sign-in assertion for the client it has signed in, and the portal trusts the website's
 * key. DEMO ONLY: the private half of this key is published in the repository
 * (demo/site-sign-in/demo-site-key.json), so these settings must never be given to a real firm.
 */

/** The public half of the demo website's signing key. */
export const demoSitePublicKey = {
  kty: 'EC',
  crv: 'P-256',
  alg: 'ES256',
  use: 'sig',
  kid: 'hale-whitmore-demo-site-1',
  x: '5kGrrPqM3Qj57WRwzJh1M5nxdl1_75wZjHySepMntfQ',
  y: 'l5sjZk6e5mAhMEEOv_3f1ALqVHkzV_CYtGnGWvSo_BE',
} as const;

/** The `aud` the demo website puts in its assertions: the demo firm's portal. */
export const demoAssertionAudience = 'urn:portico:demo';

/** The demo firm's `settings.identity` for its website at `site`: the site's origin is the issuer. */
export function demoIdentity(site: URL) {
  return {
    issuer: site.origin,
    audience: demoAssertionAudience,
    publicKeys: [{ ...demoSitePublicKey }],
    autoProvision: false,
  };
}
