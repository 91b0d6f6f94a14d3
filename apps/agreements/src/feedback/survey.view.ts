import { FeedbackQuestion } from '@concord/contracts';
import { Survey, SurveyStatus } from './survey.entity';

/** A survey as the HTTP API answers it, with the links a partner prints on a card. */
export interface SurveyView {
  id: string;
  initiativeId: string;
  title: string;
  introduction: string | null;
  status: SurveyStatus;
  /** The public page residents answer on (no account needed). */
  publicUrl: string;
  /** An SVG QR code of publicUrl; `?area=<geohash>` adds the area to both. */
  qrCodeUrl: string;
  createdAt: string;
  closedAt: string | null;
}

/** What the public form needs (GET /surveys/{id}/form): the questions and a fresh form token. */
export interface SurveyForm {
  surveyId: string;
  title: string;
  introduction: string | null;
  questions: { id: FeedbackQuestion; text: string }[];
  scale: { min: number; max: number };
  commentMaxLength: number;
  /** Hand it back with the answer, once, no sooner than earliestSubmitAt. */
  token: string;
  earliestSubmitAt: string;
}

/** The answer to an accepted survey answer: nothing about it is echoed back. */
export interface SurveyAnswerReceipt {
  received: true;
}

/** A free-text comment, for administrators only, with the coarse context it came in. */
export interface SurveyComment {
  /** The answer's id (no link to a person or a referral). */
  id: string;
  quarter: string;
  areaCode: string | null;
  comment: string;
}

export function toSurveyView(survey: Survey, publicBaseUrl: string): SurveyView {
  const base = `${publicBaseUrl}/surveys/${survey.id}`;
  return {
    id: survey.id,
    initiativeId: survey.initiativeId,
    title: survey.title,
    introduction: survey.introduction,
    status: survey.status,
    publicUrl: `${base}/page`,
    qrCodeUrl: `${base}/qr.svg`,
    createdAt: survey.createdAt.toISOString(),
    closedAt: survey.closedAt?.toISOString() ?? null,
  };
}
