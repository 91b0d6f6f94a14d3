/** The shapes of the partnership's answers (agreements and insights OpenAPI documents). */

export interface ActivityParticipant {
  organizationId: string;
  confirmed: boolean;
  confirmedAt: string | null;
  /** null until attendance is recorded for the organisation. */
  attendees: number | null;
}

/** A joint training or community event of an initiative (agreements `/activities`). */
export interface Activity {
  id: string;
  initiativeId: string;
  kind: string;
  topic: string;
  topicDetail: string | null;
  title: string;
  place: string;
  startsAt: string;
  endsAt: string;
  status: 'planned' | 'held' | 'cancelled';
  revision: number;
  participants: ActivityParticipant[];
  createdAt: string;
  updatedAt: string;
}

/** An initiative's community survey (agreements `/surveys`). */
export interface Survey {
  id: string;
  initiativeId: string;
  title: string;
  introduction: string | null;
  status: 'open' | 'closed';
  /** The public page, reachable without an account; `?area=` adds the area code. */
  publicUrl: string;
  /** The page's address as an SVG QR code. */
  qrCodeUrl: string;
  createdAt: string;
  closedAt: string | null;
}

/** The partner's own offers of a referral (referrals `GET /referrals/{id}/decisions`). */
export interface PartnerAttempt {
  attempt: number;
  agreementId: string;
  offerStatus: string;
}
