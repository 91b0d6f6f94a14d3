import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { FeedbackCell, feedbackCells, MINIMUM_CELL_SIZE } from './feedback-cells';
import { FeedbackQuery } from './partnership-period.dto';
import { readFeedbackAnswers } from './partnership.queries';
import { quarterOf } from './quarter';

export interface FeedbackResultsView {
  readonly initiativeId: string;
  readonly minimumCellSize: number;
  readonly cells: readonly FeedbackCell[];
}

/** The community's answers to an initiative's surveys, per quarter and area code. */
@Injectable()
export class FeedbackResultsService {
  constructor(private readonly dataSource: DataSource) {}

  async of({ initiativeId, from, to }: FeedbackQuery): Promise<FeedbackResultsView> {
    const answers = await readFeedbackAnswers(
      this.dataSource.manager,
      initiativeId,
      from === undefined ? undefined : quarterOf(new Date(from)),
      to === undefined ? undefined : quarterOf(new Date(to)),
    );
    return { initiativeId, minimumCellSize: MINIMUM_CELL_SIZE, cells: feedbackCells(answers) };
  }
}
