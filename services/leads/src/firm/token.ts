import type { TokenService } from '@parkmatch/service-kit';

// A firm's access token: what the firm gets at submission and again when a team re-issues
// its link. It lets the firm read, update and withdraw its own profile, and nothing else.
// It carries the lead's access epoch (`ep`): re-issuing the link or withdrawing the profile
// raises it, and every token of the lead issued before is refused from then on (see
// service-kit's revocations.ts).

/** How long a firm's token is valid: long enough to follow a project through the talks. */
export const FIRM_TOKEN_TTL_SECONDS = 90 * 24 * 3600;

export interface FirmToken {
  accessToken: string;
  /** Seconds the token is valid. */
  expiresIn: number;
}

/** The subject of a lead's firm tokens (what a revocation names). */
export const firmSubject = (leadId: string): string => `firm:${leadId}`;

export async function issueFirmToken(tokens: TokenService, leadId: string, epoch = 0): Promise<FirmToken> {
  const accessToken = await tokens.sign(
    { sub: firmSubject(leadId), role: 'firm', leadId, ep: epoch },
    FIRM_TOKEN_TTL_SECONDS,
  );
  return { accessToken, expiresIn: FIRM_TOKEN_TTL_SECONDS };
}

/** Where the firm portal opens a lead with a token (the link a team reads out to the firm). */
export const firmLinkPath = (leadId: string, accessToken: string): string =>
  `/firm/${encodeURIComponent(leadId)}?token=${encodeURIComponent(accessToken)}`;
