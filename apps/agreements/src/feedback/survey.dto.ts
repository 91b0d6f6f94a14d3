import { Type } from 'class-transformer';
import {
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  registerDecorator,
  ValidateNested,
} from 'class-validator';
import { FEEDBACK_QUESTIONS } from '@concord/contracts';
import { IsText } from '@concord/platform';
import { COMMENT_MAX_LENGTH } from './survey-questions';

/** A geohash of 1–5 characters (at most about 5 km across): the coarse area an answer is from. */
export const AREA_CODE = /^[0-9b-hjkmnp-z]{1,5}$/;
const AREA_CODE_RULE = 'must be a geohash of 1 to 5 characters (0-9, b-z without a, i, l, o)';

/** The body of POST /initiatives/{initiativeId}/surveys. */
export class CreateSurveyRequest {
  @IsText(200) title: string;
  /** Shown above the questions: who asks, and why. */
  @IsOptional() @IsText(1000) introduction?: string;
}

/** The query of GET /surveys. */
export class SurveysQuery {
  @IsOptional() @IsUUID() initiativeId?: string;
}

/** The query of the public page and QR code: the area code the link carries. */
export class SurveyAreaQuery {
  @IsOptional()
  @Matches(AREA_CODE, { message: `area ${AREA_CODE_RULE}` })
  area?: string;
}

/** Each 1–5; a question left unanswered is left out, and at least one is answered. */
export class SurveyScoresRequest {
  @IsOptional() @IsInt() @Min(1) @Max(5) helped?: number;
  @IsOptional() @IsInt() @Min(1) @Max(5) respected?: number;
  @IsOptional() @IsInt() @Min(1) @Max(5) timely?: number;
  @IsOptional() @IsInt() @Min(1) @Max(5) wouldCallAgain?: number;
}

/** At least one of the questions is answered. */
function AnswersAQuestion(): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'answersAQuestion',
      target: target.constructor,
      propertyName: String(propertyName),
      options: {
        message: `scores must answer at least one of ${FEEDBACK_QUESTIONS.join(', ')}`,
      },
      validator: {
        validate: (value: unknown) =>
          typeof value === 'object' &&
          value !== null &&
          FEEDBACK_QUESTIONS.some(
            (question) => (value as Record<string, unknown>)[question] !== undefined,
          ),
      },
    });
}

/**
 * The body of POST /surveys/{id}/answers: JSON, or the same fields from the public page's form
 * (`helped=4&respected=5&…`, flat). No field says who answers.
 */
export class SurveyAnswerRequest {
  /** The form token GET /surveys/{id}/form or the page handed out; it is taken once. */
  @IsString() @MaxLength(1000) token: string;
  @IsOptional()
  @Matches(AREA_CODE, { message: `areaCode ${AREA_CODE_RULE}` })
  areaCode?: string;
  @ValidateNested()
  @Type(() => SurveyScoresRequest)
  @AnswersAQuestion()
  scores: SurveyScoresRequest;
  @IsOptional() @IsText(COMMENT_MAX_LENGTH) comment?: string;
}
