import { EidoRejection } from './eido-problem';
import {
  aPidfLo,
  CIVIC_ADDRESS,
  GML_POINT,
  GML_POLYGON,
  GS_CIRCLE,
  GS_ELLIPSOID,
} from './eido-test-documents';
import { pidfLoPositionOf } from './pidf-lo';

const PATH = 'locationComponent.0.locationByValue';

const rejectionOf = (xml: string): EidoRejection => {
  try {
    pidfLoPositionOf(xml, PATH);
  } catch (error) {
    if (error instanceof EidoRejection) return error;
    throw error;
  }
  throw new Error('expected an EidoRejection');
};

describe('the position in a PIDF-LO', () => {
  it("a point's position is the referral's location", () => {
    expect(pidfLoPositionOf(aPidfLo(GML_POINT(39.80172, -89.64371)), PATH)).toEqual({
      latitude: 39.80172,
      longitude: -89.64371,
      shape: 'point',
    });
  });

  it("a circle's centre is the referral's location", () => {
    expect(pidfLoPositionOf(aPidfLo(GS_CIRCLE(39.78604, -89.65017, 35)), PATH)).toEqual({
      latitude: 39.78604,
      longitude: -89.65017,
      shape: 'circle',
    });
  });

  it('a point with an altitude gives its latitude and longitude', () => {
    const xml = aPidfLo(
      '<gml:Point srsName="urn:ogc:def:crs:EPSG::4979"><gml:pos>39.8 -89.6 182.5</gml:pos></gml:Point>',
    );
    expect(pidfLoPositionOf(xml, PATH)).toMatchObject({ latitude: 39.8, longitude: -89.6 });
  });

  it('a civic address becomes a one-line address next to the point', () => {
    expect(pidfLoPositionOf(aPidfLo(GML_POINT(39.80172, -89.64371) + CIVIC_ADDRESS), PATH)).toEqual(
      {
        latitude: 39.80172,
        longitude: -89.64371,
        address: '1200 N Elm St, Springfield, IL 62702, US',
        shape: 'point',
      },
    );
  });

  it('an older civic address with A6 for the street, a suffix and an escaped character reads too', () => {
    const civic =
      '<civicAddress xmlns="urn:ietf:params:xml:ns:pidf:geopriv10:civicAddr"><country>US</country>' +
      '<A1>IL</A1><A2>Sangamon</A2><HNO>14</HNO><HNS>B</HNS><A6>Bell &amp; Main</A6><POD>SW</POD></civicAddress>';
    expect(pidfLoPositionOf(aPidfLo(GML_POINT(39.8, -89.6) + civic), PATH).address).toBe(
      '14B Bell & Main SW, Sangamon, IL, US',
    );
  });

  it('namespace prefixes do not matter, only local names', () => {
    const xml =
      '<p:presence xmlns:p="urn:ietf:params:xml:ns:pidf" xmlns:d="urn:ietf:params:xml:ns:pidf:data-model"' +
      ' xmlns:g="urn:ietf:params:xml:ns:pidf:geopriv10"><d:device id="x"><g:geopriv><g:location-info>' +
      '<Point xmlns="http://www.opengis.net/gml" srsName="urn:ogc:def:crs:EPSG::4326"><pos>39.7 -89.5</pos></Point>' +
      '</g:location-info></g:geopriv></d:device></p:presence>';
    expect(pidfLoPositionOf(xml, PATH)).toEqual({
      latitude: 39.7,
      longitude: -89.5,
      shape: 'point',
    });
  });

  it("the shape may sit in a tuple's status or under dm:person", () => {
    for (const holder of ['tuple', 'person'] as const) {
      expect(pidfLoPositionOf(aPidfLo(GML_POINT(39.1, -89.2), holder), PATH)).toMatchObject({
        latitude: 39.1,
        longitude: -89.2,
      });
    }
  });

  it('a point is taken when an area shape comes before it', () => {
    expect(
      pidfLoPositionOf(aPidfLo(GML_POLYGON + GML_POINT(39.8015, -89.644)), PATH),
    ).toMatchObject({
      latitude: 39.8015,
      shape: 'point',
    });
  });

  it('a polygon with no point is refused with EIDO_LOCATION_NOT_A_POINT', () => {
    const rejection = rejectionOf(aPidfLo(GML_POLYGON));
    expect(rejection).toMatchObject({ status: 422, code: 'EIDO_LOCATION_NOT_A_POINT' });
    expect(rejection.problems).toEqual([
      {
        path: PATH,
        message: `${PATH} holds a Polygon and no point: Concord needs a Point, or a Circle's centre, to place the referral`,
      },
    ]);
  });

  it.each([
    ['Ellipsoid', GS_ELLIPSOID],
    ['Ellipse', '<gs:Ellipse><gml:pos>39.8 -89.6</gml:pos></gs:Ellipse>'],
    ['ArcBand', '<gs:ArcBand><gml:pos>39.8 -89.6</gml:pos></gs:ArcBand>'],
    ['Sphere', '<gs:Sphere><gml:pos>39.8 -89.6 180</gml:pos></gs:Sphere>'],
    ['Prism', '<gs:Prism><gs:base/><gs:height>3</gs:height></gs:Prism>'],
  ])('an area shape (%s) is refused with EIDO_LOCATION_NOT_A_POINT naming it', (shape, xml) => {
    const rejection = rejectionOf(aPidfLo(xml));
    expect(rejection).toMatchObject({ status: 422, code: 'EIDO_LOCATION_NOT_A_POINT' });
    expect(rejection.problems[0].message).toContain(`holds a ${shape} and no point`);
  });

  it('a civic address with no coordinates is refused with EIDO_LOCATION_NOT_A_POINT', () => {
    const rejection = rejectionOf(aPidfLo(CIVIC_ADDRESS));
    expect(rejection).toMatchObject({ status: 422, code: 'EIDO_LOCATION_NOT_A_POINT' });
    expect(rejection.problems[0].message).toBe(
      `${PATH} holds a civic address (1200 N Elm St, Springfield, IL 62702, US) but no coordinates: ` +
        "Concord needs a Point, or a Circle's centre, to place the referral, not an address alone",
    );
  });

  it('malformed XML is a 400 giving the line and column', () => {
    const rejection = rejectionOf(
      ' <?xml version="1.0"?>\n<presence xmlns="urn:ietf:params:xml:ns:pidf">\n  <tuple id="a"></status>\n</presence>',
    );
    expect(rejection).toMatchObject({ status: 400, code: 'EIDO_INVALID' });
    expect(rejection.problems[0].path).toBe(PATH);
    expect(rejection.problems[0].message).toMatch(
      new RegExp(
        `^${PATH.replace(/[[\].]/g, '\\$&')} is not well-formed XML: .+ \\(line 3, column \\d+\\)$`,
      ),
    );
  });

  it('a document that is not PIDF-LO is a 400', () => {
    expect(
      rejectionOf(
        '<gml:Point xmlns:gml="http://www.opengis.net/gml"><gml:pos>1 2</gml:pos></gml:Point>',
      ),
    ).toMatchObject({
      status: 400,
      problems: [
        {
          path: PATH,
          message: `${PATH} must be a PIDF-LO document, whose root element is presence (found Point)`,
        },
      ],
    });
  });

  it.each([
    ['a latitude out of range', GML_POINT(91.5, -89.6), 'is out of range'],
    ['a longitude out of range', GML_POINT(39.8, -189.6), 'is out of range'],
    ['a non-numeric pos', GML_POINT('N39.8', 'W89.6'), 'is not "latitude longitude"'],
    [
      'a pos with one number',
      '<gml:Point><gml:pos>39.8</gml:pos></gml:Point>',
      'is not "latitude longitude"',
    ],
    ['a point without pos', '<gml:Point/>', 'has a Point without a pos'],
  ])('%s is a 400', (_case, shape, rule) => {
    const rejection = rejectionOf(aPidfLo(shape));
    expect(rejection).toMatchObject({ status: 400, code: 'EIDO_INVALID' });
    expect(rejection.problems[0].message).toContain(rule);
  });

  it('a DOCTYPE is refused, so no entity is ever expanded', () => {
    const bomb =
      '<?xml version="1.0"?><!DOCTYPE presence [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>' +
      '<presence xmlns="urn:ietf:params:xml:ns:pidf"><tuple id="t"><status>&b;</status></tuple></presence>';
    expect(rejectionOf(bomb)).toMatchObject({
      status: 400,
      problems: [
        {
          message: `${PATH} must not declare a DOCTYPE or entities: Concord does not process them`,
        },
      ],
    });
  });

  it('a PIDF-LO over 64 KB is refused before it is parsed', () => {
    const padded = aPidfLo(GML_POINT(39.8, -89.6)).replace(
      '</presence>',
      `<!--${'x'.repeat(65_536)}--></presence>`,
    );
    expect(rejectionOf(padded)).toMatchObject({
      status: 400,
      problems: [
        {
          message: `${PATH} is longer than 64 KB: Concord reads PIDF-LO documents of at most 64 KB`,
        },
      ],
    });
  });

  it('a presence without a location is refused with EIDO_LOCATION_NOT_A_POINT', () => {
    expect(
      rejectionOf('<presence xmlns="urn:ietf:params:xml:ns:pidf"><tuple id="t"/></presence>'),
    ).toMatchObject({
      status: 422,
      code: 'EIDO_LOCATION_NOT_A_POINT',
    });
  });
});
