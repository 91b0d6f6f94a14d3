import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In, IsNull, Not } from 'typeorm';
import { Caller, organizationScopeOf } from '@concord/auth';
import { FeedbackEvents } from '@concord/contracts';
import { Outbox } from '@concord/messaging';
import { conflict, notFound } from '@concord/platform';
import { AgreementsConfig } from '../agreements.config';
import { InitiativePartner } from '../initiatives/initiative-partner.entity';
import { Initiative } from '../initiatives/initiative.entity';
import { CreateSurveyRequest } from './survey.dto';
import { SurveyAnswer } from './survey-answer.entity';
import { Survey } from './survey.entity';
import { SurveyComment, SurveyView, toSurveyView } from './survey.view';

/**
 * An initiative's community surveys, as administrators open and close them and its partners
 * print their link. Opening and closing publish survey.opened / survey.closed.
 */
@Injectable()
export class SurveysService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly config: AgreementsConfig,
  ) {}

  open(initiativeId: string, request: CreateSurveyRequest): Promise<SurveyView> {
    return this.dataSource.transaction(async (manager) => {
      if (!(await manager.existsBy(Initiative, { id: initiativeId }))) {
        throw notFound('INITIATIVE_NOT_FOUND', `initiative ${initiativeId} does not exist`);
      }
      const survey = manager.create(Survey, {
        id: randomUUID(),
        initiativeId,
        title: request.title,
        introduction: request.introduction ?? null,
        status: 'open',
        createdAt: new Date(),
        closedAt: null,
      });
      await manager.insert(Survey, survey);
      await this.outbox.publish(manager, FeedbackEvents.surveyOpened, {
        surveyId: survey.id,
        initiativeId,
        status: 'open',
      });
      return this.view(survey);
    });
  }

  close(id: string): Promise<SurveyView> {
    return this.dataSource.transaction(async (manager) => {
      const survey = await manager.findOne(Survey, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!survey) throw notFound('SURVEY_NOT_FOUND', `survey ${id} does not exist`);
      if (survey.status === 'closed') {
        throw conflict(
          'SURVEY_CLOSED',
          `survey ${id} was closed at ${survey.closedAt?.toISOString()}`,
        );
      }
      survey.status = 'closed';
      survey.closedAt = new Date();
      await manager.update(Survey, { id }, { status: 'closed', closedAt: survey.closedAt });
      await this.outbox.publish(manager, FeedbackEvents.surveyClosed, {
        surveyId: id,
        initiativeId: survey.initiativeId,
        status: 'closed',
      });
      return this.view(survey);
    });
  }

  /** The surveys of the initiatives the caller may see (all to admins and auditors), oldest first. */
  async list(caller: Caller, initiativeId?: string): Promise<SurveyView[]> {
    const reachable = await this.reachableInitiatives(this.dataSource.manager, caller);
    const initiatives =
      reachable === 'all'
        ? initiativeId
        : In(reachable.filter((id) => initiativeId === undefined || id === initiativeId));
    const surveys = await this.dataSource.manager.find(Survey, {
      where: initiatives === undefined ? {} : { initiativeId: initiatives },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    return surveys.map((survey) => this.view(survey));
  }

  /** The survey, or a 404 if absent or of an initiative the caller's organisation is not part of. */
  async get(id: string, caller: Caller): Promise<SurveyView> {
    return this.view(await this.reachable(id, caller));
  }

  /** The free-text comments of a survey's answers (administrators only), by quarter. */
  async comments(id: string, caller: Caller): Promise<SurveyComment[]> {
    await this.reachable(id, caller);
    const answers = await this.dataSource.manager.find(SurveyAnswer, {
      where: { surveyId: id, comment: Not(IsNull()) },
      order: { quarter: 'ASC', id: 'ASC' },
    });
    return answers.map(({ id: answerId, quarter, areaCode, comment }) => ({
      id: answerId,
      quarter,
      areaCode,
      comment: comment ?? '',
    }));
  }

  private async reachable(id: string, caller: Caller): Promise<Survey> {
    const survey = await this.dataSource.manager.findOneBy(Survey, { id });
    const reachable = survey
      ? await this.reachableInitiatives(this.dataSource.manager, caller)
      : [];
    if (!survey || (reachable !== 'all' && !reachable.includes(survey.initiativeId))) {
      throw notFound('SURVEY_NOT_FOUND', `survey ${id} does not exist`);
    }
    return survey;
  }

  /** 'all', or the ids of the initiatives the caller's organisation leads or takes part in. */
  private async reachableInitiatives(
    manager: EntityManager,
    caller: Caller,
  ): Promise<'all' | string[]> {
    const organizationId = organizationScopeOf(caller);
    if (organizationId === null) return 'all';
    const [led, joined] = await Promise.all([
      manager.find(Initiative, { where: { leadAgencyId: organizationId } }),
      manager.find(InitiativePartner, { where: { partnerId: organizationId } }),
    ]);
    return [...led.map(({ id }) => id), ...joined.map(({ initiativeId }) => initiativeId)];
  }

  private view(survey: Survey): SurveyView {
    return toSurveyView(survey, this.config.surveyPublicBaseUrl);
  }
}
