import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Role } from '@concord/auth';

export type SignInMethod = 'oidc' | 'development';

/**
 * A person signed in to the console. The browser holds only the session's id, in an httpOnly
 * cookie; the table holds its SHA-256, so a copy of the table opens no session. The access token
 * the services are called with stays here, on the server.
 */
@Entity('console_sessions')
export class ConsoleSession {
  @PrimaryColumn({ name: 'id_hash', type: 'text' }) idHash: string;
  @Column({ type: 'text' }) subject: string;
  @Column({ type: 'text' }) role: Role;
  @Column({ name: 'organization_id', type: 'uuid', nullable: true }) organizationId: string | null;
  @Column({ name: 'signed_in_with', type: 'text' }) signedInWith: SignInMethod;
  @Column({ name: 'access_token', type: 'text' }) accessToken: string;
  /** Sent back by the application in X-CSRF-Token on every state-changing call. */
  @Column({ name: 'csrf_token', type: 'text' }) csrfToken: string;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'expires_at', type: 'timestamptz' }) expiresAt: Date;
}

/** An OpenID sign-in between the redirect to the provider and the way back (the PKCE verifier). */
@Entity('console_sign_ins')
export class PendingSignIn {
  @PrimaryColumn({ name: 'state_hash', type: 'text' }) stateHash: string;
  @Column({ name: 'code_verifier', type: 'text' }) codeVerifier: string;
  @Column({ name: 'return_to', type: 'text' }) returnTo: string;
  @Column({ name: 'expires_at', type: 'timestamptz' }) expiresAt: Date;
}
