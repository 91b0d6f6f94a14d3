import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { get } from '../api';
import { Agreement, Initiative } from '../admin-types';
import { Empty, Loading, Problem } from '../components/states';
import { PartnerAttempt, Survey } from '../partnership-types';
import { PartnerReferral } from '../types';

/** The survey's public address for one area: where the card's QR code and link lead. */
export function surveyLink(survey: Survey, areaCode: string | undefined): string {
  const url = new URL(survey.publicUrl);
  if (areaCode) url.searchParams.set('area', areaCode);
  return url.toString();
}

/**
 * The QR code as an image the console may show: the agreements service's `qr.svg`, through the
 * console (its Content-Security-Policy loads images from itself only).
 */
export const qrImagePath = (survey: Survey, areaCode: string | undefined): string =>
  `/api/agreements/surveys/${encodeURIComponent(survey.id)}/qr.svg${
    areaCode ? `?area=${encodeURIComponent(areaCode)}` : ''
  }`;

/**
 * Which survey a completed referral's card leads to: the open survey of the initiative whose
 * agreement the partner took the referral under (the newest, if there are several).
 */
interface CardSurvey {
  referral: PartnerReferral;
  survey?: Survey;
  initiative?: Initiative;
}

function useCardSurvey(referralId: string) {
  return useQuery({
    queryKey: ['feedback-card', referralId],
    queryFn: async (): Promise<CardSurvey> => {
      const base = `/api/referrals/referrals/${encodeURIComponent(referralId)}`;
      const referral = await get<PartnerReferral>(base);
      const attempts = await get<PartnerAttempt[]>(`${base}/decisions`);
      const offer = attempts.find((one) => one.attempt === referral.offer.attempt);
      if (!offer) return { referral };
      const agreement = await get<Agreement>(
        `/api/agreements/agreements/${encodeURIComponent(offer.agreementId)}`,
      );
      const [initiative, surveys] = await Promise.all([
        get<Initiative>(`/api/agreements/initiatives/${agreement.initiativeId}`),
        get<Survey[]>(`/api/agreements/surveys?initiativeId=${agreement.initiativeId}`),
      ]);
      const survey = surveys
        .filter((one) => one.status === 'open')
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
      return { referral, survey, initiative };
    },
  });
}

/**
 * A printable card a partner hands the person at the end of a referral: the initiative's
 * survey as a QR code and a link, and a line on what happens to the answer. It carries nothing
 * about the person or the referral (the area code is the referral's coarse cell, which the
 * survey's results are grouped by), and the answer carries no link back to the referral.
 */
export function FeedbackCard() {
  const { id = '' } = useParams();
  const card = useCardSurvey(id);
  if (card.isPending) return <Loading what="the feedback card" />;
  if (card.isError) return <Problem error={card.error} />;
  const { referral, survey, initiative } = card.data;
  const back = (
    <p className="no-print">
      <Link to={`/referrals/${referral.id}`}>← Back to the referral</Link>
    </p>
  );
  if (referral.status !== 'completed') {
    return (
      <section>
        {back}
        <h1>Feedback card</h1>
        <Empty>The card is for a completed referral: complete this one first.</Empty>
      </section>
    );
  }
  if (!survey) {
    return (
      <section>
        {back}
        <h1>Feedback card</h1>
        <Empty>
          {initiative ? `${initiative.name} has` : 'This initiative has'} no open community survey:
          ask the programme administrator to publish one.
        </Empty>
      </section>
    );
  }
  const link = surveyLink(survey, referral.areaCode);
  return (
    <section className="feedback-card-screen">
      {back}
      <div className="no-print">
        <h1>Feedback card</h1>
        <p>
          Print this card and hand it to the person at the end of your work with them. It names no
          one and says nothing about their case; their answer cannot be traced back to them.
        </p>
        <div className="actions">
          <button type="button" className="primary" onClick={() => window.print()}>
            Print the card
          </button>
        </div>
      </div>
      <article className="feedback-card" aria-label="Feedback card to print">
        <h2>{survey.title}</h2>
        <p className="feedback-card-lead">
          {survey.introduction ??
            `${initiative?.name ?? 'This partnership'} wants to know whether its help worked for you.`}
        </p>
        <img
          className="feedback-card-qr"
          src={qrImagePath(survey, referral.areaCode)}
          alt="QR code: scan it with your phone's camera to open the survey"
          width={180}
          height={180}
        />
        <p className="feedback-card-link">
          Or type this address:
          <br />
          <span>{link}</span>
        </p>
        <p className="feedback-card-small">
          Four short questions and a space for comments, about two minutes. Anonymous: we do not ask
          your name or contact details, and your answer is not linked to your case.
        </p>
      </article>
    </section>
  );
}
