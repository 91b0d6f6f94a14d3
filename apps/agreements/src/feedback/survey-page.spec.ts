import { createHash } from 'node:crypto';
import { renderSurveyPage, SURVEY_PAGE_POLICY } from './survey-page';
import { SurveyForm } from './survey.view';

const form: SurveyForm = {
  surveyId: '6f1c1c7e-6a53-4d0e-9a55-0d3b2b3c9a11',
  title: 'How did we do? <script>alert(1)</script>',
  introduction: 'Tell us "honestly" & briefly',
  questions: [{ id: 'helped', text: 'Did it help?' }],
  scale: { min: 1, max: 5 },
  commentMaxLength: 1000,
  token: 'payload.signature',
  earliestSubmitAt: '2026-12-07T12:00:04.000Z',
};

describe('the public survey page', () => {
  it('escapes the survey text, so a title cannot add markup', () => {
    const html = renderSurveyPage(form, undefined);
    expect(html).not.toContain('<script>');
    expect(html).toContain('How did we do? &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('Tell us &quot;honestly&quot; &amp; briefly');
  });

  it('labels each choice of a question within its fieldset, and carries token and area hidden', () => {
    const html = renderSurveyPage(form, '9q8yy');
    expect(html).toContain('<fieldset><legend>Did it help?</legend>');
    expect(html.match(/<input type="radio" name="helped" value="\d">/g)).toHaveLength(5);
    expect(html).toContain('<input type="hidden" name="token" value="payload.signature">');
    expect(html).toContain('<input type="hidden" name="areaCode" value="9q8yy">');
  });

  it('allows its own inline style by hash, and nothing else to load', () => {
    const html = renderSurveyPage(form, undefined);
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
    const hash = createHash('sha256').update(style).digest('base64');
    expect(SURVEY_PAGE_POLICY).toContain(`style-src 'sha256-${hash}'`);
    expect(SURVEY_PAGE_POLICY).toContain("default-src 'none'");
  });
});
