// The government login for parents (OpenID Connect, authorization code with PKCE): where to send the browser and
// how to read the answer. The claims sub, given_name, family_name and rrn are mapped to the portal account.
import * as client from 'openid-client';
import type { OidcSettings } from '../config.ts';
import type { GovernmentClaims } from '../app/portal/accounts.ts';

export interface GovernmentLogin {
  /** The address to send the browser to, and what to keep in the session until it comes back. */
  start(redirectUri: string): Promise<{ url: string; keep: Record<string, string> }>;
  finish(callbackUrl: URL, kept: Record<string, string>): Promise<GovernmentClaims>;
}

export function governmentLogin(settings: OidcSettings): GovernmentLogin {
  let config: Promise<client.Configuration> | null = null;
  const discover = () => {
    // Plain http only for an issuer on this machine (tests, a local test provider).
    const local = /^http:\/\/(localhost|127\.0\.0\.1)(:\d+)?\//.test(`${settings.issuer}/`);
    config ??= client.discovery(new URL(settings.issuer), settings.clientId, settings.clientSecret, undefined, local ? { execute: [client.allowInsecureRequests] } : undefined).catch((err) => {
      config = null;
      throw err;
    });
    return config;
  };
  return {
    async start(redirectUri) {
      const c = await discover();
      const verifier = client.randomPKCECodeVerifier();
      const state = client.randomState();
      const nonce = client.randomNonce();
      const url = client.buildAuthorizationUrl(c, {
        redirect_uri: redirectUri,
        scope: settings.scope,
        code_challenge: await client.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
        state,
        nonce,
      });
      return { url: url.href, keep: { verifier, state, nonce, redirectUri } };
    },
    async finish(callbackUrl, kept) {
      const c = await discover();
      const tokens = await client.authorizationCodeGrant(c, callbackUrl, { pkceCodeVerifier: kept.verifier, expectedState: kept.state, expectedNonce: kept.nonce });
      const idClaims = tokens.claims();
      if (!idClaims) throw new Error('no ID token');
      // Some providers put the profile claims only in the userinfo answer.
      const info = await client.fetchUserInfo(c, tokens.access_token, idClaims.sub).catch(() => ({}) as Record<string, unknown>);
      const all = { ...info, ...idClaims } as Record<string, unknown>;
      const str = (k: string) => (typeof all[k] === 'string' ? (all[k] as string) : undefined);
      return {
        issuer: String(idClaims.iss),
        sub: idClaims.sub,
        ...(str('given_name') ? { givenName: str('given_name') } : {}),
        ...(str('family_name') ? { familyName: str('family_name') } : {}),
        ...(str('rrn') ? { rrn: str('rrn') } : {}),
      };
    },
  };
}
