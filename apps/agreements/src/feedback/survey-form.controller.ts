import {
  BadRequestException,
  Body,
  Controller,
  Get,
  Param,
  Post,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Request, Response } from 'express';
import { toString as qrCodeSvg } from 'qrcode';
import { Public } from '@concord/auth';
import {
  DomainError,
  describeDomainError,
  requestValidationPipe,
  uuidParam,
} from '@concord/platform';
import { AgreementsConfig } from '../agreements.config';
import { SurveyAnswersService } from './survey-answers.service';
import { SurveyAnswerRequest, SurveyAreaQuery } from './survey.dto';
import { answerFromForm, UnsafeFormField } from './survey-form-body';
import {
  renderRefusalPage,
  renderSurveyPage,
  renderThanksPage,
  SURVEY_PAGE_POLICY,
} from './survey-page';
import { SurveyForm } from './survey.view';

/** The survey's public routes, which the platform keeps anonymous (agreements.service-spec.ts). */
export const PUBLIC_SURVEY_ROUTES = /^\/surveys\/[^/]+\/(form|page|answers|qr\.svg)$/;
/** The one public route that takes a body, as JSON or as the page's form. */
export const SURVEY_FORM_POSTS = /^\/surveys\/[^/]+\/answers$/;

const FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded';
const ERROR_SCHEMAS = {
  anyOf: [
    { $ref: '#/components/schemas/RequestError' },
    { $ref: '#/components/schemas/DomainError' },
  ],
};

/**
 * The community survey for residents: no account, no token. The one public write endpoint of
 * Concord (docs/security.md, "The community survey"): protected by a signed single-use form
 * token with a minimum fill time and a per-network daily limit, and anonymous by design — the
 * caller's address is used for the network's count and never stored.
 */
@ApiTags('surveys (public)')
@Public()
@Controller('surveys/:id')
export class SurveyFormController {
  constructor(
    private readonly answers: SurveyAnswersService,
    private readonly config: AgreementsConfig,
  ) {}

  @Get('form')
  @ApiOperation({
    summary: "The survey's questions and a fresh form token (no token needed)",
    description:
      'For a client of its own (an app, a kiosk): hand the token back with the answer once, no sooner than earliestSubmitAt and within two hours.',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiResponse({ status: 200, description: 'The form.' })
  @ApiResponse({ status: 404, description: 'SURVEY_NOT_FOUND' })
  @ApiResponse({ status: 410, description: 'SURVEY_CLOSED' })
  form(@Param('id', uuidParam()) id: string): Promise<SurveyForm> {
    return this.answers.form(id);
  }

  @Get('page')
  @ApiOperation({
    summary: 'The survey as an HTML page for a phone (no token, no JavaScript)',
    description:
      'A plain form posting application/x-www-form-urlencoded to /surveys/{id}/answers; `area` (a geohash of at most 5 characters) is sent with the answer.',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiProduces('text/html')
  @ApiResponse({
    status: 200,
    description: 'The page.',
    content: { 'text/html': { schema: { type: 'string' } } },
  })
  @ApiResponse({
    status: 404,
    description: 'SURVEY_NOT_FOUND, as a page.',
    content: { 'text/html': { schema: { type: 'string' } } },
  })
  @ApiResponse({
    status: 410,
    description: 'SURVEY_CLOSED, as a page.',
    content: { 'text/html': { schema: { type: 'string' } } },
  })
  async page(
    @Param('id', uuidParam()) id: string,
    @Query() query: SurveyAreaQuery,
    @Res() response: Response,
  ): Promise<void> {
    try {
      const form = await this.answers.form(id);
      sendPage(response, 200, renderSurveyPage(form, query.area));
    } catch (error) {
      const refusal = refusalOf(error);
      sendPage(response, refusal.status, renderRefusalPage(refusal.messages, false));
    }
  }

  @Get('qr.svg')
  @ApiOperation({
    summary: "An SVG QR code of the survey's public page",
    description: 'With `area`, the page it points to sends that area code with the answer.',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiProduces('image/svg+xml')
  @ApiResponse({
    status: 200,
    description: 'The QR code.',
    content: { 'image/svg+xml': { schema: { type: 'string' } } },
  })
  @ApiResponse({ status: 404, description: 'SURVEY_NOT_FOUND' })
  @ApiResponse({ status: 410, description: 'SURVEY_CLOSED' })
  async qrCode(
    @Param('id', uuidParam()) id: string,
    @Query() query: SurveyAreaQuery,
    @Res() response: Response,
  ): Promise<void> {
    await this.answers.openSurvey(id);
    const area = query.area ? `?area=${query.area}` : '';
    const svg = await qrCodeSvg(`${this.config.surveyPublicBaseUrl}/surveys/${id}/page${area}`, {
      type: 'svg',
      errorCorrectionLevel: 'M',
      margin: 4,
    });
    response.status(200).type('image/svg+xml').send(svg);
  }

  @Post('answers')
  @ApiOperation({
    summary: 'Answer the survey, anonymously (no token needed)',
    description:
      'JSON, or the public page’s form (flat fields: token, areaCode, helped, respected, timely, wouldCallAgain, comment), which gets an HTML page back. Refused: a malformed, forged or other survey’s token (400), too soon after the form was opened or after it expired (422 FORM_TOO_FAST / FORM_TOKEN_EXPIRED), a form sent twice (409 FORM_TOKEN_USED), more than SURVEY_ANSWERS_PER_NETWORK_PER_DAY answers from one network today (429 SURVEY_NETWORK_LIMIT), a closed survey (410).',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiConsumes('application/json', FORM_CONTENT_TYPE)
  @ApiBody({ type: SurveyAnswerRequest })
  @ApiResponse({
    status: 201,
    description: 'Received (an HTML thank-you page for a form post).',
    content: {
      'application/json': {
        schema: {
          type: 'object',
          required: ['received'],
          additionalProperties: false,
          properties: { received: { type: 'boolean', enum: [true] } },
        },
      },
      'text/html': { schema: { type: 'string' } },
    },
  })
  @ApiResponse({
    status: 400,
    description:
      'A field breaks a rule, or the token was not handed out by this survey (FORM_TOKEN_MALFORMED, FORM_TOKEN_FORGED, FORM_TOKEN_OTHER_SURVEY).',
    content: { 'application/json': { schema: ERROR_SCHEMAS } },
  })
  @ApiResponse({ status: 404, description: 'SURVEY_NOT_FOUND' })
  @ApiResponse({ status: 409, description: 'FORM_TOKEN_USED: this form was sent already.' })
  @ApiResponse({ status: 410, description: 'SURVEY_CLOSED' })
  @ApiResponse({ status: 422, description: 'FORM_TOO_FAST or FORM_TOKEN_EXPIRED.' })
  @ApiResponse({
    status: 429,
    description:
      'SURVEY_NETWORK_LIMIT: this network sent its answers for today; or the per-minute request limit.',
    content: { 'application/json': { schema: ERROR_SCHEMAS } },
  })
  async answer(
    @Param('id', uuidParam()) id: string,
    @Body() body: unknown,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const fromForm = request.is(FORM_CONTENT_TYPE) === FORM_CONTENT_TYPE;
    try {
      const answer = (await requestValidationPipe().transform(
        fromForm ? answerFromForm(body as Record<string, unknown>) : body,
        { type: 'body', metatype: SurveyAnswerRequest },
      )) as SurveyAnswerRequest;
      await this.answers.answer(id, answer, request.ip ?? request.socket.remoteAddress ?? '');
    } catch (error) {
      if (!fromForm) throw error instanceof UnsafeFormField ? badRequest(error.message) : error;
      const refusal = refusalOf(error);
      sendPage(response, refusal.status, renderRefusalPage(refusal.messages, true));
      return;
    }
    if (fromForm) sendPage(response, 201, renderThanksPage());
    else response.status(201).json({ received: true });
  }
}

const badRequest = (message: string) =>
  new BadRequestException({ statusCode: 400, error: 'Bad Request', message: [message] });

/** An error as a page can tell it: its status and what to say. */
function refusalOf(error: unknown): { status: number; messages: string[] } {
  if (error instanceof DomainError) {
    return { status: describeDomainError(error)?.status ?? 400, messages: [error.message] };
  }
  if (error instanceof UnsafeFormField) return { status: 400, messages: [error.message] };
  if (error instanceof BadRequestException) {
    const body = error.getResponse() as { message?: unknown };
    const messages = Array.isArray(body.message) ? body.message.map(String) : [error.message];
    return { status: 400, messages };
  }
  throw error;
}

function sendPage(response: Response, status: number, html: string): void {
  response.status(status).setHeader('Content-Security-Policy', SURVEY_PAGE_POLICY);
  response.type('text/html; charset=utf-8').send(html);
}
