const NAMED: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  // A narrative is plain text: a no-break space is only a space there, and collapses like one.
  nbsp: ' ',
};

const TAG = /<\/?[A-Za-z][^>"']*(?:(?:"[^"]*"|'[^']*')[^>"']*)*>/g;
const ENTITY = /&(#[xX][0-9A-Fa-f]+|#\d+|[A-Za-z]+);/g;
const LOOKS_LIKE_HTML = /<[A-Za-z/!]|&(?:#[xX][0-9A-Fa-f]+|#\d+|[A-Za-z]+);/;

function decoded(text: string): string {
  return text.replace(ENTITY, (entity: string, name: string) => {
    if (!name.startsWith('#')) return NAMED[name] ?? entity;
    const hex = name[1] === 'x' || name[1] === 'X';
    const code = hex ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    const valid = code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff);
    return valid ? String.fromCodePoint(code) : '\uFFFD';
  });
}

/**
 * A note as plain text. EIDO notes are "in HTML5 format", and a referral's narrative is shown to
 * partners as text, so markup must go without losing the line structure a call taker gave it;
 * this is not a sanitiser for HTML that will be rendered. A note without markup is returned as
 * it came.
 */
export function plainTextOf(html: string): string {
  if (!LOOKS_LIKE_HTML.test(html)) return html;
  const text = html
    .replace(/\r\n?/g, '\n')
    // An unclosed comment, script or style runs to the end, as a browser would read it.
    .replace(/<!--[\s\S]*?(?:-->|$)/g, '')
    .replace(/<(script|style)\b[^>]*>[\s\S]*?(?:<\/\1\s*>|$)/gi, '')
    .replace(/<br\b[^>]*>|<hr\b[^>]*>|<\/(?:p|div|li)\s*>/gi, '\n')
    .replace(TAG, '')
    .replace(/<![^>]*>/g, '');
  // Entities are decoded once, after the tags are gone, so that "&lt;b&gt;" stays text.
  return decoded(text)
    .replace(/[^\S\n]+/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
