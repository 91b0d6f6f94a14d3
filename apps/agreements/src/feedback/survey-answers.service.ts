import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { FeedbackEvents } from '@concord/contracts';
import { Outbox } from '@concord/messaging';
import { conflict, gone, invalid, notFound, unprocessable } from '@concord/platform';
import { AgreementsConfig } from '../agreements.config';
import {
  checkFormToken,
  DEFAULT_FORM_TOKEN_RULES,
  FormTokenRefusal,
  issueFormToken,
} from './form-token';
import { NetworkAnswerLimit } from './network-answer-limit';
import { SurveyAnswerRequest } from './survey.dto';
import { SurveyAnswer } from './survey-answer.entity';
import { Survey } from './survey.entity';
import { COMMENT_MAX_LENGTH, quarterOf, SCORE_SCALE, SURVEY_QUESTIONS } from './survey-questions';
import { SurveyForm } from './survey.view';

const TOKEN_RULE = 'token must be the form token this survey handed out with its form or page';

/** Each refusal of form-token.ts as the domain error it is answered with. */
const REFUSALS: Record<FormTokenRefusal, () => Error> = {
  FORM_TOKEN_MALFORMED: () => invalid('FORM_TOKEN_MALFORMED', `${TOKEN_RULE} (it is malformed)`),
  FORM_TOKEN_FORGED: () => invalid('FORM_TOKEN_FORGED', `${TOKEN_RULE} (its signature is wrong)`),
  FORM_TOKEN_OTHER_SURVEY: () =>
    invalid('FORM_TOKEN_OTHER_SURVEY', `${TOKEN_RULE} (it is another survey's)`),
  FORM_TOO_FAST: () =>
    unprocessable(
      'FORM_TOO_FAST',
      `the answer came sooner than ${DEFAULT_FORM_TOKEN_RULES.minimumFillMs / 1000} s after the form was opened; take your time and send it again`,
    ),
  FORM_TOKEN_EXPIRED: () =>
    unprocessable(
      'FORM_TOKEN_EXPIRED',
      `the form was opened more than ${DEFAULT_FORM_TOKEN_RULES.maximumAgeMs / 60_000} minutes ago; open the survey again`,
    ),
};

/**
 * The public side of a community survey: the form (with a fresh form token) and the anonymous
 * answers. An answer is stored with its quarter and area code only, and published as
 * feedback.received with its scores and area code, in one transaction with the used token and
 * the network's count.
 */
@Injectable()
export class SurveyAnswersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly limit: NetworkAnswerLimit,
    private readonly config: AgreementsConfig,
  ) {}

  /** The open survey's questions and a form token issued now. */
  async form(id: string, now = new Date()): Promise<SurveyForm> {
    const survey = await this.openSurvey(id);
    return {
      surveyId: survey.id,
      title: survey.title,
      introduction: survey.introduction,
      questions: SURVEY_QUESTIONS.map(({ id: question, text }) => ({ id: question, text })),
      scale: { ...SCORE_SCALE },
      commentMaxLength: COMMENT_MAX_LENGTH,
      token: issueFormToken(this.config.surveyFormSecret, survey.id, now.getTime()),
      earliestSubmitAt: new Date(
        now.getTime() + DEFAULT_FORM_TOKEN_RULES.minimumFillMs,
      ).toISOString(),
    };
  }

  /**
   * Takes an anonymous answer from a client at `address`, which is used for the network's count
   * and forgotten: it is neither stored nor published.
   */
  answer(id: string, request: SurveyAnswerRequest, address: string): Promise<void> {
    const now = new Date();
    return this.dataSource.transaction(async (manager) => {
      const survey = await this.openSurvey(id, manager);
      const check = checkFormToken(this.config.surveyFormSecret, request.token, id, now.getTime());
      if (!check.ok) throw REFUSALS[check.refusal]();
      const used = (await manager.query(
        `INSERT INTO survey_form_nonces (nonce, expires_at) VALUES ($1, $2)
         ON CONFLICT (nonce) DO NOTHING RETURNING 1`,
        [check.token.nonce, check.token.expiresAt],
      )) as unknown[];
      if (used.length === 0) {
        throw conflict(
          'FORM_TOKEN_USED',
          'this form was sent already; each form takes one answer (open the survey again for another)',
        );
      }
      await this.limit.count(manager, address, now);
      const { helped, respected, timely, wouldCallAgain } = request.scores;
      await manager.insert(SurveyAnswer, {
        id: randomUUID(),
        surveyId: id,
        initiativeId: survey.initiativeId,
        quarter: quarterOf(now),
        areaCode: request.areaCode ?? null,
        helped: helped ?? null,
        respected: respected ?? null,
        timely: timely ?? null,
        wouldCallAgain: wouldCallAgain ?? null,
        comment: request.comment ?? null,
      });
      await this.outbox.publish(manager, FeedbackEvents.received, {
        surveyId: id,
        initiativeId: survey.initiativeId,
        ...(request.areaCode === undefined ? {} : { areaCode: request.areaCode }),
        scores: {
          ...(helped === undefined ? {} : { helped }),
          ...(respected === undefined ? {} : { respected }),
          ...(timely === undefined ? {} : { timely }),
          ...(wouldCallAgain === undefined ? {} : { wouldCallAgain }),
        },
      });
    });
  }

  /** The survey if it takes answers: 404 SURVEY_NOT_FOUND, 410 SURVEY_CLOSED otherwise. */
  async openSurvey(id: string, manager: EntityManager = this.dataSource.manager): Promise<Survey> {
    const survey = await manager.findOneBy(Survey, { id });
    if (!survey) throw notFound('SURVEY_NOT_FOUND', `survey ${id} does not exist`);
    if (survey.status !== 'open') {
      throw gone('SURVEY_CLOSED', `survey ${id} is closed and takes no more answers`);
    }
    return survey;
  }
}
