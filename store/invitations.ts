// Issue 13 (3): one-time links for an expert to set their own password. The token leaves the server
// only in the invitation e-mail; the store keeps its SHA-256 hash, the expiry and when it was used.
import { createHash, randomBytes } from 'node:crypto';
import type { Queryable } from './db.js';

export const hashToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

/** Creates an invitation valid for `ttlHours`; returns the token (shown nowhere else) and its hash. */
export async function createInvitation(
  q: Queryable,
  invitation: { userId: string; email: string; createdBy: string; ttlHours: number },
): Promise<{ token: string; tokenHash: string; expiresAt: string }> {
  const token = randomBytes(32).toString('base64url');
  const tokenHash = hashToken(token);
  const [row] = await q.query<{ expires_at: Date | string }>(
    `INSERT INTO account_invitations (token_hash, user_id, email, created_by, expires_at)
     VALUES ($1, $2, $3, $4, now() + make_interval(hours => $5::int)) RETURNING expires_at`,
    [tokenHash, invitation.userId, invitation.email, invitation.createdBy, invitation.ttlHours],
  );
  return { token, tokenHash, expiresAt: new Date(row!.expires_at).toISOString() };
}

export type InvitationState =
  { ok: true; userId: string } | { ok: false; reason: 'unknown' | 'expired' | 'used' };

/** What a token is worth now, without using it. */
export async function checkInvitation(q: Queryable, token: string): Promise<InvitationState> {
  const [row] = await q.query<{ user_id: string; expired: boolean; used: boolean }>(
    `SELECT user_id, expires_at <= now() AS expired, used_at IS NOT NULL AS used
       FROM account_invitations WHERE token_hash = $1`,
    [hashToken(token)],
  );
  if (!row) return { ok: false, reason: 'unknown' };
  if (row.used) return { ok: false, reason: 'used' };
  if (row.expired) return { ok: false, reason: 'expired' };
  return { ok: true, userId: row.user_id };
}

/**
 * Uses the token once: marks it used and returns the user, or why not. Run it in the transaction of
 * the password change, so that a failed change leaves the link usable.
 */
export async function useInvitation(q: Queryable, token: string): Promise<InvitationState> {
  const [row] = await q.query<{ user_id: string }>(
    `UPDATE account_invitations SET used_at = now()
      WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now() RETURNING user_id`,
    [hashToken(token)],
  );
  if (row) return { ok: true, userId: row.user_id };
  return checkInvitation(q, token);
}
