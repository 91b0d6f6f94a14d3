import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, ValidateNested } from 'class-validator';
import { shapeViolations } from './request-shape';

class Slot {
  @IsString() day: string;
}

class Hours {
  @ValidateNested({ each: true }) @Type(() => Slot) weekly: Slot[];
}

class Service {
  @IsString() name: string;
  @ValidateNested() @Type(() => Hours) hours: Hours;
  @IsOptional() @IsIn(['a', 'b'], { each: true }) tags?: string[];
}

class Organization {
  @IsString() name: string;
  @IsOptional() @IsInt() capacity?: number;
  @ValidateNested({ each: true }) @Type(() => Service) services: Service[];
}

const service = { name: 'Crisis team', hours: { weekly: [{ day: 'mon' }] } };

describe('shapeViolations', () => {
  it('finds nothing wrong with a body of the declared shape', () => {
    expect(shapeViolations({ name: 'x', services: [service] }, Organization)).toEqual([]);
  });

  it('names an array, a string, a number or null where an object is declared', () => {
    const bodies = [[], 'text', 42, null].map((hours) => ({
      name: 'x',
      services: [{ ...service, hours }],
    }));
    expect(bodies.map((body) => shapeViolations(body, Organization))).toEqual([
      ['services.0.hours must be a JSON object, not an array'],
      ['services.0.hours must be a JSON object, not a string'],
      ['services.0.hours must be a JSON object, not a number'],
      ['services.0.hours must be a JSON object, not null'],
    ]);
  });

  it('names each item of an array of objects that is not an object, at any depth', () => {
    const body = {
      name: 'x',
      services: [[], { ...service, hours: { weekly: [[{ day: 'mon' }]] } }],
    };
    expect(shapeViolations(body, Organization)).toEqual([
      'services.0 must be a JSON object, not an array',
      'services.1.hours.weekly.0 must be a JSON object, not an array',
    ]);
  });

  it('names an object or a string where an array is declared, of objects or of values', () => {
    expect(shapeViolations({ name: 'x', services: { 0: service } }, Organization)).toEqual([
      'services must be an array, not an object',
    ]);
    expect(
      shapeViolations({ name: 'x', services: [{ ...service, tags: 'a' }] }, Organization),
    ).toEqual(['services.0.tags must be an array, not a string']);
  });

  it('leaves members that are absent, and scalars, to the DTO rules', () => {
    expect(shapeViolations({ capacity: 'many' }, Organization)).toEqual([]);
  });
});
