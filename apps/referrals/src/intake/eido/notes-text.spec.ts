import { plainTextOf } from './notes-text';

describe('the plain text of a note', () => {
  it('HTML in notes becomes plain text', () => {
    const html =
      '<div class="note"><p>Caller says her brother is <b>not himself</b>.</p>' +
      '<ul><li>No weapons</li><li>Lives alone</li></ul>Sister: <i>on her way</i><br/>ETA 20 min</div>';
    expect(plainTextOf(html)).toBe(
      'Caller says her brother is not himself.\nNo weapons\nLives alone\nSister: on her way\nETA 20 min',
    );
  });

  it('a plain-text note passes through unchanged', () => {
    const note =
      'Caller calm.  Asked for a counsellor, not police.\n\n\nCallback after 6 pm; 3 < 4 > 2';
    expect(plainTextOf(note)).toBe(note);
  });

  it('scripts, styles and comments are dropped with their content', () => {
    const html =
      '<style>p { color: red }</style><!-- internal: check priors --><p>Visible</p>' +
      '<script type="text/javascript">alert("x > y")</script><SCRIPT>never</SCRIPT>after';
    expect(plainTextOf(html)).toBe('Visible\nafter');
  });

  it('named and numeric entities are decoded once', () => {
    expect(
      plainTextOf(
        'R&amp;R &lt;b&gt; &quot;Ren&#233;e&quot; &#39;ok&#39; &apos;a&apos;&nbsp;&#x2014;&nbsp;done &amp;lt;',
      ),
    ).toBe(`R&R <b> "Renée" 'ok' 'a' — done &lt;`);
  });

  it('an unknown entity or invalid code point is not invented', () => {
    expect(plainTextOf('<p>&copy; &#0; &#xD800;</p>')).toBe('&copy; \uFFFD \uFFFD');
  });

  it('spaces collapse, lines are trimmed and blank lines kept to one', () => {
    expect(plainTextOf('<p>  one   two </p>\n\n\n<p>\tthree</p><br><br><br><hr>four')).toBe(
      'one two\n\nthree\n\nfour',
    );
  });

  it('a tag whose attribute holds a > is removed whole', () => {
    expect(plainTextOf('<a title="x > y" href=\'/a>b\'>link</a> text')).toBe('link text');
  });
});
