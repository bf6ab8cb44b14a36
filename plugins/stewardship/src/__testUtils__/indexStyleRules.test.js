/**
 * @jest-environment-options {"exposeStyleIndex": true}
 */
// The plugin's Jest environment (jest/jsdomEnvironment.js) replaces jsdom's cascade with the one
// of jest/indexStyleRules.js. Here both run on this environment's document, with generated
// stylesheets and elements, and must give every element the same cascaded style.
import fc from 'fast-check';
import { selectorConstraints } from '../../jest/indexStyleRules';

const styleIndex = globalThis.stewardshipStyleIndex;

/**
 * Each element's cascaded style (cssText) by jsdom and by the index, each from no cache. A style
 * element per rule: jsdom drops a whole sheet when it cannot parse one of its rules.
 */
function cascades(rules, bodyHtml, { quirks = false } = {}) {
  const doctype = document.doctype;
  if (quirks) doctype.remove();
  try {
    document.head.innerHTML = rules.map(r => `<style>${r}</style>`).join('');
    document.body.innerHTML = bodyHtml;
    expect(document.compatMode).toBe(quirks ? 'BackCompat' : 'CSS1Compat');
    const documentImpl = styleIndex.implForWrapper(document);
    return Array.from(document.querySelectorAll('*'), element => {
      const elementImpl = styleIndex.implForWrapper(element);
      documentImpl._styleCache = null;
      const byJsdom = styleIndex.jsdomCascade(elementImpl).cssText;
      documentImpl._styleCache = null;
      const indexed = styleIndex.indexedCascade(elementImpl).cssText;
      return { element, byJsdom, indexed };
    });
  } finally {
    if (quirks) document.insertBefore(doctype, document.documentElement);
    document.head.innerHTML = '';
    document.body.innerHTML = '';
  }
}

// Small vocabularies, so that generated selectors often do match the generated elements: classes
// in both letter cases (jsdom's selector engine matched `.a` to class `A`, in either document
// mode), HTML and SVG tags.
const classNames = ['a', 'A', 'b', 'Mui-focused', 'mui-FOCUSED', 'jss1'];
const tags = ['div', 'span', 'button', 'input', 'dialog', 'svg', 'li', 'ul'];
const attributes = ['hidden', 'dir', 'type', 'title', 'popover', 'aria-hidden'];
const attributeValues = ['', 'ltr', 'text', 'TEXT'];
const declarations = [
  'display: none',
  'display: block',
  'display: unset',
  'visibility: hidden',
  'color: red',
  'color: currentcolor',
  'color: blue !important',
  'background-color: rgb(1, 2, 3)',
  'pointer-events: none',
];

const simpleSelector = fc.oneof(
  fc.constantFrom(...classNames).map(c => `.${c}`),
  fc.constantFrom('#x', ':hover', ':first-child', '::before', ':focus-visible'),
  fc.constantFrom(...attributes).map(a => `[${a}]`),
  fc.constantFrom('[type="text" i]', '[dir=ltr]', '[TYPE]', '[*|title]'),
  fc.constantFrom(
    ':not(.a)',
    ':is(div, .b)',
    ':not([hidden])',
    ':nth-child(2n+1)',
  ),
  fc.constantFrom('.a\\:b', '|div', '&'),
);
const compound = fc
  .tuple(
    fc.option(fc.constantFrom('*', 'DIV', ...tags), { nil: '' }),
    fc.array(simpleSelector, { maxLength: 3 }),
  )
  .map(([tag, rest]) => tag + rest.join(''))
  .filter(s => s !== '');
const complex = fc
  .array(fc.tuple(fc.constantFrom(' ', ' > ', '>', ' + ', ' ~ '), compound), {
    minLength: 1,
    maxLength: 3,
  })
  .map(pairs => pairs.map(([c, s], i) => (i === 0 ? s : c + s)).join(''));
const selectorList = fc
  .array(complex, { minLength: 1, maxLength: 3 })
  .map(list => list.join(', '));
const rule = fc
  .tuple(
    selectorList,
    fc.array(fc.constantFrom(...declarations), { minLength: 1, maxLength: 3 }),
    fc.constantFrom('', '', '', 'screen', 'print'),
  )
  .map(([selector, body, media]) => {
    const text = `${selector} { ${body.join('; ')} }`;
    return media ? `@media ${media} { ${text} }` : text;
  });

/** An element (as HTML) with up to `depth` levels of children. */
const elementHtml = depth =>
  fc
    .tuple(
      fc.constantFrom(...tags),
      fc.subarray(classNames),
      fc.array(
        fc.tuple(
          fc.constantFrom(...attributes),
          fc.constantFrom(...attributeValues),
        ),
        { maxLength: 2 },
      ),
      fc.option(fc.constantFrom(...declarations), { nil: undefined }),
      depth > 0
        ? fc.array(elementHtml(depth - 1), { maxLength: 3 })
        : fc.constant([]),
    )
    .map(([tag, classes, attrs, style, children]) => {
      const attributeText = [
        classes.length ? ` class="${classes.join(' ')}"` : '',
        ...attrs.map(([name, value]) => ` ${name}="${value}"`),
        style ? ` style="${style}"` : '',
      ].join('');
      return `<${tag}${attributeText}>${children.join('')}</${tag}>`;
    });

describe("the plugin's Jest environment's indexed style rules", () => {
  // Some generated selectors are ones jsdom cannot parse (namespaces, nesting): it says so on the
  // console and leaves the rule out, for both cascades alike.
  beforeEach(() => {
    // eslint-disable-next-line no-console -- other messages still reach the console
    const consoleError = console.error;
    jest.spyOn(console, 'error').mockImplementation((...args) => {
      if (!String(args[0]).includes('Could not parse CSS stylesheet')) {
        consoleError(...args);
      }
    });
  });

  it('give every element the cascaded style jsdom gives it, in both document modes', () => {
    fc.assert(
      fc.property(
        fc.array(rule, { maxLength: 12 }),
        fc.array(elementHtml(2), { minLength: 1, maxLength: 3 }),
        fc.boolean(),
        (rules, body, quirks) => {
          const styles = cascades(rules, body.join(''), { quirks });
          for (const { byJsdom, indexed } of styles) {
            expect(indexed).toBe(byJsdom);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('skip the rules an element cannot match, and try the rest', () => {
    const { stats } = styleIndex;
    const before = { ...stats };
    const [button] = cascades(
      [
        '.MuiButton-root { color: red }',
        '.MuiButton-root:hover { color: blue }',
        '.MuiChip-root, .MuiChip-label { display: none }',
        '[popover] { display: none }',
        'button:not([hidden]) { visibility: hidden }',
      ],
      '<button class="MuiButton-root">Go</button>',
    ).filter(({ element }) => element.localName === 'button');
    expect(button.indexed).toBe(button.byJsdom);
    expect(button.indexed).toContain('color: red;');
    expect(button.indexed).toContain('visibility: hidden;');
    expect(button.indexed).not.toContain('display: none');
    expect(stats.skipped).toBeGreaterThan(before.skipped);
    expect(stats.tried).toBeGreaterThan(before.tried);
  });

  it.each([
    [
      '.MuiButton-root:hover',
      [{ tag: '', classes: ['muibutton-root'], attributes: [] }],
    ],
    ['ul > li.A', [{ tag: 'li', classes: ['a'], attributes: [] }]],
    ['dialog:not([open])', [{ tag: 'dialog', classes: [], attributes: [] }]],
    [
      '[popover]:not(:popover-open)',
      [{ tag: '', classes: [], attributes: ['popover'] }],
    ],
    [
      'input[TYPE="tel" i]',
      [{ tag: 'input', classes: [], attributes: ['type'] }],
    ],
    [
      ':is(dir, menu) :is(ul, ol), .x',
      [
        { tag: '', classes: [], attributes: [] },
        { tag: '', classes: ['x'], attributes: [] },
      ],
    ],
    ['.a\\:b', undefined],
    ['svg|a', undefined],
    ['.x, .y&', undefined],
  ])('reads what %s requires of an element', (selector, expected) => {
    expect(selectorConstraints(selector)).toEqual(expected);
  });
});
