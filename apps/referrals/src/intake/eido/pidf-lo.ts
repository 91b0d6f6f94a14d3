import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { EidoRejection } from './eido-problem';

/** Where a PIDF-LO puts the person: a point, or the centre of a circle of uncertainty. */
export interface PidfLoPosition {
  latitude: number;
  longitude: number;
  /** The civic address, on one line, when the PIDF-LO carries one. */
  address?: string;
  shape: 'point' | 'circle';
}

interface XmlElement {
  /** The local name: prefixes are stripped, since a sender may bind any prefix to a namespace. */
  name: string;
  children: XmlElement[];
  text: string;
}

const MAX_BYTES = 64 * 1024;
const POINT_SHAPES = new Set(['Point', 'Circle']);
const AREA_SHAPES = new Set(['Polygon', 'Ellipse', 'ArcBand', 'Prism', 'Sphere', 'Ellipsoid']);
const HOLDERS = new Set(['tuple', 'device', 'person']);
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const NEEDS_A_POINT = "Concord needs a Point, or a Circle's centre, to place the referral";

const parser = new XMLParser({
  preserveOrder: true,
  removeNSPrefix: true,
  ignoreAttributes: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  parseTagValue: false,
  // No entity machinery at all: a DOCTYPE is refused before parsing, and the five predefined
  // entities and character references are decoded by hand where text is read.
  processEntities: false,
});

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const invalid = (path: string, message: string): EidoRejection =>
  new EidoRejection(400, 'EIDO_INVALID', [{ path, message: `${path} ${message}` }]);

const notAPoint = (path: string, message: string): EidoRejection =>
  new EidoRejection(422, 'EIDO_LOCATION_NOT_A_POINT', [{ path, message: `${path} ${message}` }]);

const PREDEFINED: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
};

function decoded(text: string): string {
  return text.replace(/&(#x[0-9A-Fa-f]+|#\d+|[A-Za-z]+);/g, (entity: string, name: string) => {
    if (name.startsWith('#')) {
      const code = name[1] === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      const valid = code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff);
      return valid ? String.fromCodePoint(code) : '\uFFFD';
    }
    return PREDEFINED[name] ?? entity;
  });
}

/** fast-xml-parser's ordered output as a plain tree; comments are already gone. */
function elementsOf(nodes: unknown): XmlElement[] {
  if (!Array.isArray(nodes)) return [];
  return nodes.filter(isObject).flatMap((node) =>
    Object.entries(node)
      .filter(([name]) => name !== '#text' && name !== ':@')
      .map(([name, content]) => ({ name, children: elementsOf(content), text: textOf(content) })),
  );
}

function textOf(nodes: unknown): string {
  if (!Array.isArray(nodes)) return '';
  return nodes
    .filter(isObject)
    .map((node) => node['#text'])
    .filter((text) => typeof text === 'string' || typeof text === 'number')
    .join(' ');
}

const childrenNamed = (element: XmlElement, name: string): XmlElement[] =>
  element.children.filter((child) => child.name === name);

/**
 * The `location-info` elements in document order. RFC 4119 puts `geopriv` in a tuple's `status`;
 * the RFC 4479 data model (RFC 5491) puts it straight under `dm:device` or `dm:person`.
 */
function locationInfosOf(presence: XmlElement): XmlElement[] {
  return presence.children
    .filter((holder) => HOLDERS.has(holder.name))
    .flatMap((holder) =>
      holder.children.flatMap((child) =>
        child.name === 'status'
          ? childrenNamed(child, 'geopriv')
          : child.name === 'geopriv'
            ? [child]
            : [],
      ),
    )
    .flatMap((geopriv) => childrenNamed(geopriv, 'location-info'));
}

function parsed(xml: string, path: string): XmlElement {
  if (Buffer.byteLength(xml, 'utf8') > MAX_BYTES) {
    throw invalid(path, `is longer than 64 KB: Concord reads PIDF-LO documents of at most 64 KB`);
  }
  // A location needs no DTD, and a DTD is how entity-expansion attacks arrive: refuse it outright.
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) {
    throw invalid(path, 'must not declare a DOCTYPE or entities: Concord does not process them');
  }
  // EIDO senders put whitespace before the XML declaration (the NENA sample does); it is
  // not the XML's, so it is dropped, and error positions are counted in the string as sent.
  const body = xml.trimStart();
  const leading = xml.slice(0, xml.length - body.length);
  const outcome = XMLValidator.validate(body);
  if (outcome !== true) {
    const { msg, line, col } = outcome.err;
    const lineBreaks = leading.split('\n').length - 1;
    const column = line === 1 ? col + leading.length - (leading.lastIndexOf('\n') + 1) : col;
    const where = Number.isFinite(column)
      ? `line ${line + lineBreaks}, column ${column}`
      : `line ${line + lineBreaks}`;
    throw invalid(path, `is not well-formed XML: ${msg} (${where})`);
  }
  const roots = elementsOf(parser.parse(body));
  if (roots.length !== 1 || roots[0].name !== 'presence') {
    const found = roots.map((root) => root.name).join(', ') || 'none';
    throw invalid(
      path,
      `must be a PIDF-LO document, whose root element is presence (found ${found})`,
    );
  }
  return roots[0];
}

function positionOf(shape: XmlElement, path: string): { latitude: number; longitude: number } {
  const pos = childrenNamed(shape, 'pos')[0];
  if (!pos) throw invalid(path, `has a ${shape.name} without a pos`);
  const text = decoded(pos.text).trim();
  const values = text.split(/\s+/);
  if (
    (values.length !== 2 && values.length !== 3) ||
    !values.every((value) => NUMBER.test(value))
  ) {
    throw invalid(
      path,
      `has a ${shape.name} whose pos "${text}" is not "latitude longitude" (or "latitude longitude altitude") in decimal degrees`,
    );
  }
  const [latitude, longitude] = values.map(Number);
  if (Math.abs(latitude) > 90 || Math.abs(longitude) > 180) {
    throw invalid(
      path,
      `has a ${shape.name} whose pos "${text}" is out of range: latitude must be within ±90 and longitude within ±180 degrees`,
    );
  }
  return { latitude, longitude };
}

/** An RFC 5139 civic address on one line: "1200 N Elm St, Springfield, IL 62702, US". */
function addressOf(civic: XmlElement): string | undefined {
  const value = (name: string): string =>
    decoded(childrenNamed(civic, name)[0]?.text ?? '')
      .replace(/\s+/g, ' ')
      .trim();
  const join = (separator: string, parts: string[]): string =>
    parts.filter((part) => part !== '').join(separator);
  const house = value('HNO') + value('HNS');
  // A6 held the street name before RFC 5139 introduced RD; older senders still use it.
  const street = join(' ', [
    house,
    value('PRD'),
    value('RD') || value('A6'),
    value('STS'),
    value('POD'),
  ]);
  const region = join(' ', [value('A1'), value('PC')]);
  return join(', ', [street, value('A3') || value('A2'), region, value('country')]) || undefined;
}

/**
 * The point a PIDF-LO (RFC 4119, shapes of RFC 5491 as updated by RFC 7459) places the person
 * at: a Point's position or a Circle's centre (its radius is dropped), with the civic address
 * if there is one. Any other shape, or a civic address alone, is a 422: a referral is routed by
 * coordinates. `path` is the JSON path of the member the XML came in, for the problems.
 */
export function pidfLoPositionOf(xml: string, path: string): PidfLoPosition {
  const children = locationInfosOf(parsed(xml, path)).flatMap((info) => info.children);
  const civic = children.find((child) => child.name === 'civicAddress');
  const address = civic ? addressOf(civic) : undefined;
  const point = children.find((child) => POINT_SHAPES.has(child.name));
  if (point) {
    return {
      ...positionOf(point, path),
      ...(address !== undefined && { address }),
      shape: point.name === 'Circle' ? 'circle' : 'point',
    };
  }
  const area = children.find((child) => AREA_SHAPES.has(child.name));
  if (area) throw notAPoint(path, `holds a ${area.name} and no point: ${NEEDS_A_POINT}`);
  if (civic) {
    const which = address ? ` (${address})` : '';
    throw notAPoint(
      path,
      `holds a civic address${which} but no coordinates: ${NEEDS_A_POINT}, not an address alone`,
    );
  }
  throw notAPoint(
    path,
    `holds no location under presence/…/geopriv/location-info: ${NEEDS_A_POINT}`,
  );
}
