import { createHash } from 'node:crypto';
import { SurveyForm } from './survey.view';

/**
 * The public survey as server-rendered HTML: a plain form that works on any phone without
 * JavaScript, posting application/x-www-form-urlencoded to `answers` next to the page (a relative
 * URL, so it works behind any public base URL). Its one style sheet is inline and allowed by its
 * hash; nothing else loads.
 */

const STYLE = `
body{font:1.05rem/1.5 system-ui,sans-serif;margin:0 auto;max-width:40rem;padding:1rem;color:#111;background:#fff}
h1{font-size:1.5rem}
fieldset{border:1px solid #777;border-radius:.4rem;margin:0 0 1rem;padding:.6rem .8rem}
legend{font-weight:600;padding:0 .3rem}
.scale{display:flex;flex-wrap:wrap;gap:.4rem}
.scale label{display:inline-flex;align-items:center;gap:.3rem;border:1px solid #999;border-radius:.3rem;padding:.5rem .7rem;min-width:2.5rem}
.hint{color:#444;font-size:.95rem}
textarea{width:100%;box-sizing:border-box;font:inherit}
button{font:inherit;font-weight:600;padding:.7rem 1.4rem;border:0;border-radius:.4rem;background:#1d4ed8;color:#fff}
:focus-visible{outline:3px solid #f59e0b;outline-offset:2px}
`.trim();

/** The Content-Security-Policy of every survey page: its inline style and its own form, nothing else. */
export const SURVEY_PAGE_POLICY = [
  "default-src 'none'",
  `style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`,
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

const SCALE_WORDS: Record<number, string> = {
  1: 'not at all',
  5: 'very much',
};

export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (character) =>
      ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[character] ??
      character,
  );
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}

/** The survey's form, with its token and the link's area code as hidden fields. */
export function renderSurveyPage(form: SurveyForm, areaCode: string | undefined): string {
  const questions = form.questions
    .map(({ id, text }) => {
      const choices = Array.from(
        { length: form.scale.max - form.scale.min + 1 },
        (_, index) => form.scale.min + index,
      )
        .map((value) => {
          const words = SCALE_WORDS[value] ? ` (${SCALE_WORDS[value]})` : '';
          return `<label><input type="radio" name="${id}" value="${value}">${value}<span class="hint">${words}</span></label>`;
        })
        .join('');
      return `<fieldset><legend>${escapeHtml(text)}</legend><div class="scale">${choices}</div></fieldset>`;
    })
    .join('\n');
  const introduction = form.introduction ? `<p>${escapeHtml(form.introduction)}</p>` : '';
  return page(
    form.title,
    `<h1>${escapeHtml(form.title)}</h1>
${introduction}
<p class="hint">Anonymous: we do not ask your name, and we keep no address or contact. Answer what you like; skip the rest.</p>
<form method="post" action="answers">
<input type="hidden" name="token" value="${escapeHtml(form.token)}">
${areaCode ? `<input type="hidden" name="areaCode" value="${escapeHtml(areaCode)}">` : ''}
${questions}
<p><label for="comment">Anything else you want to tell us? (optional, at most ${form.commentMaxLength} characters; please leave out names)</label>
<textarea id="comment" name="comment" rows="4" maxlength="${form.commentMaxLength}"></textarea></p>
<p><button type="submit">Send my answer</button></p>
</form>`,
  );
}

export function renderThanksPage(): string {
  return page(
    'Thank you',
    `<h1>Thank you</h1>
<p>Your answer was received. It helps the partnership see whether its help works.</p>`,
  );
}

/**
 * A refusal, for a person: what went wrong and, for an answer (`fromAnswer`), the way back to
 * the survey.
 */
export function renderRefusalPage(messages: readonly string[], fromAnswer: boolean): string {
  const title = fromAnswer ? 'Your answer was not sent' : 'This survey is not available';
  return page(
    title,
    `<h1>${title}</h1>
<ul>${messages.map((message) => `<li>${escapeHtml(message)}</li>`).join('')}</ul>
${fromAnswer ? '<p><a href="page">Open the survey again</a></p>' : ''}`,
  );
}
