import {
  ArgumentsHost,
  BadRequestException,
  Body,
  Controller,
  Get,
  Module,
  Post,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ApiBody, ApiProperty, ApiResponse, OpenAPIObject } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, MaxLength, Min, ValidateNested } from 'class-validator';
import { Public, Roles } from '@concord/auth';
import { DomainError, DomainErrorKind } from './domain-error';
import { DomainErrorFilter } from './domain-error.filter';
import { buildOpenApiDocument } from './openapi';
import { requestValidationPipe } from './validation.pipe';

class ContactWindow {
  @IsInt() @Min(1) withinMinutes: number;
}

class CreateReferralNote {
  @IsIn(['call', 'visit']) kind: 'call' | 'visit';
  @MaxLength(200) text: string;
  @IsOptional() @ValidateNested() @Type(() => ContactWindow) window?: ContactWindow;
}

/** Described for swagger only: no validation rules, so swagger's schema stays. */
class NoteView {
  @ApiProperty() id: string;
}

@Controller('notes')
class NotesController {
  @Post()
  @Roles('admin')
  @ApiBody({ type: CreateReferralNote })
  @ApiResponse({ status: 201, type: NoteView })
  @ApiResponse({ status: 409, description: 'NOTE_ALREADY_TAKEN' })
  create(@Body() note: CreateReferralNote): NoteView {
    return { id: note.kind };
  }

  @Public()
  @Get('count')
  count(): number {
    return 0;
  }
}

@Module({ controllers: [NotesController] })
class NotesModule {}

const INFO = {
  openApi: {
    title: 'Notes',
    description: 'A test API.',
    answers: {
      operations: { NotesController_count: { type: 'integer' } },
      schemas: {},
    },
  },
};

async function documentOf(module: new () => unknown): Promise<OpenAPIObject> {
  const app = await NestFactory.create(module, { preview: true, logger: false });
  try {
    return buildOpenApiDocument(app, INFO);
  } finally {
    await app.close();
  }
}

type Schema = {
  properties: Record<string, Record<string, unknown>>;
  required: string[];
};

describe('the OpenAPI document of a service', () => {
  let document: OpenAPIObject;
  let schemas: Record<string, Schema>;
  beforeAll(async () => {
    document = await documentOf(NotesModule);
    schemas = document.components?.schemas as unknown as Record<string, Schema>;
  });

  it('describes a request body with its class-validator rules, nested classes included', () => {
    expect(document.paths['/notes'].post?.requestBody).toEqual({
      required: true,
      content: {
        'application/json': { schema: { $ref: '#/components/schemas/CreateReferralNote' } },
      },
    });
    const note = schemas.CreateReferralNote;
    expect(note.properties.kind).toMatchObject({ type: 'string', enum: ['call', 'visit'] });
    expect(note.properties.text).toMatchObject({ type: 'string', maxLength: 200 });
    expect(note.properties.window).toMatchObject({ $ref: '#/components/schemas/ContactWindow' });
    expect(note.required.sort()).toEqual(['kind', 'text']);
    expect(schemas.ContactWindow.properties.withinMinutes).toEqual({ type: 'integer', minimum: 1 });
  });

  it('closes a request schema, as the validation pipe refuses a field no rule names', () => {
    expect(schemas.CreateReferralNote).toMatchObject({ additionalProperties: false });
    expect(schemas.ContactWindow).toMatchObject({ additionalProperties: false });
  });

  it('gives a success answer the schema of the type its handler returns (the generated answers)', () => {
    expect(document.paths['/notes/count'].get?.responses['200']).toMatchObject({
      content: { 'application/json': { schema: { type: 'integer' } } },
    });
  });

  it('adds the statuses the platform answers: 429 everywhere, 413 and 415 where there is a body, 403 where @Roles restricts', () => {
    const post = document.paths['/notes'].post?.responses as Record<string, unknown>;
    const count = document.paths['/notes/count'].get?.responses as Record<string, unknown>;
    expect(Object.keys(post).sort()).toEqual(
      ['201', '400', '401', '403', '409', '413', '415', '429', '503'].sort(),
    );
    expect(Object.keys(count).sort()).toEqual(['200', '429']);
    expect(post['429']).toMatchObject({
      headers: { 'Retry-After': { schema: { type: 'integer' } } },
      content: { 'application/json': { schema: { $ref: '#/components/schemas/RequestError' } } },
    });
  });

  it("calls an answer's type named like a request schema with other fields <name>Answer", async () => {
    const clash = {
      openApi: {
        ...INFO.openApi,
        answers: {
          operations: {
            NotesController_count: { $ref: '#/components/schemas/ContactWindow' },
          },
          schemas: { ContactWindow: { type: 'string' } },
        },
      },
    };
    const app = await NestFactory.create(NotesModule, { preview: true, logger: false });
    try {
      const renamed = buildOpenApiDocument(app, clash);
      expect(renamed.components?.schemas?.ContactWindowAnswer).toEqual({ type: 'string' });
      expect(renamed.components?.schemas?.ContactWindow).toEqual(schemas.ContactWindow);
      expect(renamed.paths['/notes/count'].get?.responses['200']).toMatchObject({
        content: {
          'application/json': { schema: { $ref: '#/components/schemas/ContactWindowAnswer' } },
        },
      });
    } finally {
      await app.close();
    }
  });

  it("keeps swagger's schema of a class without validation rules", () => {
    expect(schemas.NoteView.properties.id).toEqual({ type: 'string' });
  });

  it('lists no schema that no path refers to', () => {
    expect(Object.keys(schemas).sort()).toEqual([
      'ContactWindow',
      'CreateReferralNote',
      'DomainError',
      'HttpError',
      'NoteView',
      'RequestError',
    ]);
  });

  it('asks for a bearer token everywhere but on @Public() operations', () => {
    expect(document.components?.securitySchemes?.bearer).toEqual({
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'JWT',
    });
    expect(document.security).toEqual([{ bearer: [] }]);
    expect(document.paths['/notes/count'].get?.security).toEqual([]);
    expect(document.paths['/notes/count'].get?.responses['401']).toBeUndefined();
    expect(document.paths['/notes'].post?.security).toBeUndefined();
    expect(document.paths['/notes'].post?.responses['401']).toBeDefined();
  });

  it('gives an operation that takes input the 400 answer, and a declared 409 the DomainError shape', () => {
    const responses = document.paths['/notes'].post?.responses as Record<string, unknown>;
    expect(responses['400']).toMatchObject({
      content: { 'application/json': { schema: { $ref: '#/components/schemas/RequestError' } } },
    });
    expect(responses['409']).toEqual({
      description: 'NOTE_ALREADY_TAKEN',
      content: { 'application/json': { schema: { $ref: '#/components/schemas/DomainError' } } },
    });
    expect(document.paths['/notes/count'].get?.responses['400']).toBeUndefined();
  });

  it('refuses to mix two classes of one name into one schema', async () => {
    const withRules = () => {
      class Twin {
        @MaxLength(10) name: string;
      }
      return Twin;
    };
    const [twin] = [withRules(), withRules()];
    @Controller('twins')
    class TwinsController {
      @Post()
      @ApiBody({ type: twin })
      create(): void {}
    }
    @Module({ controllers: [TwinsController] })
    class TwinsModule {}
    await expect(documentOf(TwinsModule)).rejects.toThrow(
      'several classes named Twin carry validation rules',
    );
  });
});

/** Checks `body` against the object schema `schema` as far as these error schemas go. */
function expectToMatchSchema(body: Record<string, unknown>, schema: Schema): void {
  expect(Object.keys(body).sort()).toEqual([...schema.required].sort());
  for (const [field, rule] of Object.entries(schema.properties)) {
    const value = body[field];
    if (rule.enum) expect(rule.enum).toContain(value);
    if (rule.type === 'array') {
      expect(Array.isArray(value) && value.every((item) => typeof item === 'string')).toBe(true);
    }
    if (rule.type === 'string') expect(typeof value).toBe('string');
  }
}

describe('the shared error schemas', () => {
  let schemas: Record<string, Schema>;
  beforeAll(async () => {
    @Module({})
    class EmptyModule {}
    schemas = (await documentOf(EmptyModule)).components?.schemas as unknown as Record<
      string,
      Schema
    >;
  });

  it('RequestError is what the validation pipe answers', async () => {
    const failure = await requestValidationPipe()
      .transform(
        { kind: 'fax', text: 'x'.repeat(201) },
        { type: 'body', metatype: CreateReferralNote },
      )
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(BadRequestException);
    expectToMatchSchema(
      (failure as BadRequestException).getResponse() as Record<string, unknown>,
      schemas.RequestError,
    );
  });

  it.each<DomainErrorKind>([
    'invalid',
    'not-found',
    'conflict',
    'gone',
    'unprocessable',
    'forbidden',
    'too-many',
  ])('DomainError is what DomainErrorFilter answers for a %s error', (kind) => {
    let answer: Record<string, unknown> = {};
    const response = {
      status: () => response,
      json: (body: Record<string, unknown>) => (answer = body),
    };
    const host = { switchToHttp: () => ({ getResponse: () => response }) };
    new DomainErrorFilter().catch(
      new DomainError(kind, 'SOME_CODE', 'what went wrong'),
      host as unknown as ArgumentsHost,
    );
    expectToMatchSchema(answer, schemas.DomainError);
  });
});
