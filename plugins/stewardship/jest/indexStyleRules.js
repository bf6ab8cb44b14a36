/*
 * jsdom's style cascade, with the rules that cannot match an element skipped before selector
 * matching.
 *
 * Why: Testing Library's role queries ask `getComputedStyle` of every candidate and its ancestors
 * (is it hidden?). jsdom caches an element's cascaded style only until the next DOM change, and on
 * a miss matches the element against every rule of every sheet: MUI's ~350 JSS rules plus jsdom's
 * ~110 default ones. Profiled on SloEditor.test.tsx, that matching took 8.2 s of 34.6 s of CPU.
 * Browsers avoid it by rule hashing: a rule whose rightmost compound selector requires a class, a
 * tag or an attribute the element lacks cannot match it, so it is never tried. This does the same
 * and otherwise repeats jsdom 27's `getDeclarationForElement` step for step (same rule order, same
 * media handling, same matching), so every computed style is the one jsdom computes.
 * indexStyleRules.test.js compares the two on generated stylesheets and documents.
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');

/** The jsdom major version whose `lib/jsdom/living/helpers/style-rules.js` this repeats. */
const SUPPORTED_JSDOM_MAJOR = 27;

/**
 * The selector as top-level characters and groups: each bracketed or parenthesised group (an
 * attribute selector, a functional pseudo-class's arguments) is one `{ group }` item, so that
 * what is left can be split at its commas and combinators. `undefined` for escapes, strings
 * outside groups and unbalanced groups.
 */
function tokenize(selector) {
  if (selector.includes('\\')) return undefined;
  const tokens = [];
  let group = '';
  let depth = 0;
  let quote = '';
  for (const ch of selector) {
    if (depth === 0 && ch !== '(' && ch !== '[') {
      if (ch === ')' || ch === ']' || ch === '"' || ch === "'")
        return undefined;
      tokens.push(ch);
      continue;
    }
    group += ch;
    if (quote) {
      if (ch === quote) quote = '';
    } else if (ch === '"' || ch === "'") {
      quote = ch;
    } else if (ch === '(' || ch === '[') {
      depth += 1;
    } else if (ch === ')' || ch === ']') {
      depth -= 1;
      if (depth === 0) {
        tokens.push({ group });
        group = '';
      }
    }
  }
  return depth === 0 ? tokens : undefined;
}

const isCombinator = token =>
  typeof token === 'string' && /^[\s>+~]$/.test(token);
const isIdentChar = token => typeof token === 'string' && /^[-\w]$/.test(token);
const isGroup = (token, open) =>
  typeof token === 'object' && token.group.startsWith(open);

/**
 * What one compound selector (as tokens) requires of an element it matches: a tag, classes,
 * attributes. A compound is the intersection of its simple selectors, so leaving some out
 * (pseudo-classes, :not(), :is(), ids, unusual attribute selectors) only widens what is
 * required: it never skips a rule that would match. `undefined` when it cannot be read.
 */
function compoundConstraint(tokens) {
  const constraint = { tag: '', classes: [], attributes: [] };
  let i = 0;
  const ident = () => {
    let name = '';
    while (isIdentChar(tokens[i])) {
      name += tokens[i];
      i += 1;
    }
    return name;
  };
  if (tokens[0] === '*') {
    i = 1;
  } else if (typeof tokens[0] === 'string' && /^[a-zA-Z]$/.test(tokens[0])) {
    constraint.tag = ident().toLowerCase();
  }
  while (i < tokens.length) {
    const token = tokens[i];
    i += 1;
    if (token === '.' || token === '#') {
      const name = ident();
      if (!name) return undefined;
      if (token === '.') constraint.classes.push(name.toLowerCase());
    } else if (token === ':') {
      if (tokens[i] === ':') i += 1;
      if (!ident()) return undefined;
      if (isGroup(tokens[i], '(')) i += 1;
    } else if (isGroup(token, '[')) {
      const name = /^\[\s*([-\w]+)\s*(?:[~|^$*]?=|\])/.exec(token.group)?.[1];
      if (name) constraint.attributes.push(name.toLowerCase());
    } else {
      return undefined;
    }
  }
  return constraint;
}

/**
 * For a selector (list), what each of its selectors requires, read from its rightmost compound;
 * `undefined` when some selector is beyond this reading (escapes, namespaces, anything
 * unexpected): the rule is then always tried, as jsdom does. Letter case is ignored on both
 * sides (jsdom's selector engine matched `.a` to class `A` in either document mode; HTML
 * attribute names match in any case): at worst a rule is tried that need not be.
 */
function selectorConstraints(selector) {
  const tokens = tokenize(selector);
  if (!tokens) return undefined;
  const constraints = [];
  let part = [];
  for (const token of [...tokens, ',']) {
    if (token !== ',') {
      part.push(token);
      continue;
    }
    let end = part.length;
    while (end > 0 && isCombinator(part[end - 1])) end -= 1;
    let start = end;
    while (start > 0 && !isCombinator(part[start - 1])) start -= 1;
    const constraint = compoundConstraint(part.slice(start, end));
    if (!constraint) return undefined;
    constraints.push(constraint);
    part = [];
  }
  return constraints;
}

function elementFacts(elementImpl) {
  const classAttribute = elementImpl.getAttributeNS(null, 'class') ?? '';
  return {
    tag: String(elementImpl.localName).toLowerCase(),
    classes: new Set(
      classAttribute
        .toLowerCase()
        .split(/[\t\n\f\r ]+/)
        .filter(Boolean),
    ),
    attributes: new Set(
      Array.prototype.map.call(elementImpl._attributeList, attribute =>
        String(attribute._localName).toLowerCase(),
      ),
    ),
  };
}

function satisfies(facts, { tag, classes, attributes }) {
  return (
    (tag === '' || tag === facts.tag) &&
    classes.every(c => facts.classes.has(c)) &&
    attributes.every(a => facts.attributes.has(a))
  );
}

/**
 * Replaces `getDeclarationForElement` in the style-rules module of the jsdom in `jsdomDir`. Must
 * run before jsdom's `browser/Window.js` loads, which keeps its own reference to the function.
 * Returns, for the tests, live counts of the rules tried and skipped, jsdom's cascade and the
 * indexed one, and jsdom's `implForWrapper` (the cascades take elements' implementations).
 */
function indexStyleRules(jsdomDir) {
  const stats = { tried: 0, skipped: 0 };
  const styleRules = require(path.join(
    jsdomDir,
    'lib/jsdom/living/helpers/style-rules.js',
  ));
  const jsdomCascade = styleRules.getDeclarationForElement;
  // jsdom's own dependencies (through `require`, so that a test's module registry holds them).
  const jsdomRequire = name =>
    require(require.resolve(name, { paths: [jsdomDir] }));
  const cssom = jsdomRequire('@acemir/cssom');
  const { CSSStyleDeclaration } = jsdomRequire('cssstyle');
  const defaultStyleSheet = fs.readFileSync(
    path.join(jsdomDir, 'lib/jsdom/browser/default-stylesheet.css'),
    { encoding: 'utf-8' },
  );
  let parsedDefaultStyleSheet;
  // Per rule: its selector text when read, the selector jsdom matches and what it requires.
  const readRules = new WeakMap();

  function readRule(rule) {
    const selectorText = rule.selectorText;
    let read = readRules.get(rule);
    if (!read || read.selectorText !== selectorText) {
      // As jsdom, for a cssstyle issue: https://github.com/jsdom/cssstyle/issues/193
      const selector = selectorText.split(';').pop().trim();
      read = {
        selectorText,
        selector,
        constraints: selectorConstraints(selector),
      };
      readRules.set(rule, read);
    }
    return read;
  }

  // jsdom's `matches`, after the check that the rule can match at all.
  function matches(rule, elementImpl, facts) {
    try {
      if (rule.selectorText) {
        const { selector, constraints } = readRule(rule);
        if (constraints && !constraints.some(c => satisfies(facts, c))) {
          stats.skipped += 1;
          return false;
        }
        stats.tried += 1;
        const { match, pseudoElement } =
          elementImpl._ownerDocument._domSelector.check(selector, elementImpl);
        // jsdom does not compute the style of pseudo-elements.
        return pseudoElement ? false : match;
      }
    } catch {
      // As jsdom: a selector it cannot read matches nothing.
    }
    return false;
  }

  function forEachMatchingSheetRuleOfElement(elementImpl, handleRule) {
    const facts = elementFacts(elementImpl);
    const handleRules = rules => {
      Array.prototype.forEach.call(rules, rule => {
        if (matches(rule, elementImpl, facts)) handleRule(rule);
      });
    };
    function handleSheet(sheet) {
      Array.prototype.forEach.call(sheet.cssRules, rule => {
        if (rule.media) {
          const screen =
            Array.prototype.indexOf.call(rule.media, 'screen') !== -1;
          if (rule.constructor.name === 'CSSImportRule') {
            if (
              rule.styleSheet !== null &&
              (rule.media.length === 0 || screen)
            ) {
              handleRules(rule.styleSheet.cssRules);
            }
          } else if (screen) {
            handleRules(rule.cssRules);
          }
        } else if (matches(rule, elementImpl, facts)) {
          handleRule(rule);
        }
      });
    }
    if (!parsedDefaultStyleSheet) {
      parsedDefaultStyleSheet = cssom.parse(defaultStyleSheet);
    }
    handleSheet(parsedDefaultStyleSheet);
    Array.prototype.forEach.call(
      elementImpl._ownerDocument.styleSheets._list,
      handleSheet,
    );
  }

  styleRules.getDeclarationForElement = elementImpl => {
    let styleCache = elementImpl._ownerDocument._styleCache;
    if (!styleCache) {
      styleCache = elementImpl._ownerDocument._styleCache = new WeakMap();
    }
    const cachedDeclaration = styleCache.get(elementImpl);
    if (cachedDeclaration) return cachedDeclaration;

    const declaration = new CSSStyleDeclaration();
    function handleProperty(style, property) {
      const value = style.getPropertyValue(property);
      // https://drafts.csswg.org/css-cascade-4/#valdef-all-unset
      if (value === 'unset') {
        declaration.removeProperty(property);
      } else {
        declaration.setProperty(
          property,
          value,
          style.getPropertyPriority(property),
        );
      }
    }
    forEachMatchingSheetRuleOfElement(elementImpl, rule => {
      Array.prototype.forEach.call(rule.style, property =>
        handleProperty(rule.style, property),
      );
    });
    Array.prototype.forEach.call(elementImpl.style, property =>
      handleProperty(elementImpl.style, property),
    );
    styleCache.set(elementImpl, declaration);
    return declaration;
  };
  return {
    stats,
    jsdomCascade,
    indexedCascade: styleRules.getDeclarationForElement,
    implForWrapper: require(path.join(
      jsdomDir,
      'lib/jsdom/living/generated/utils.js',
    )).implForWrapper,
  };
}

/**
 * Indexes the style rules of the jsdom in `jsdomDir` when it is the major version this repeats
 * and has not been loaded yet; otherwise leaves jsdom as it is (correct, only slower) and says
 * why once.
 */
function indexStyleRulesOfJsdom(jsdomDir) {
  const { version } = require(path.join(jsdomDir, 'package.json'));
  const windowModule = path.join(jsdomDir, 'lib/jsdom/browser/Window.js');
  let reason;
  if (Number(version.split('.')[0]) !== SUPPORTED_JSDOM_MAJOR) {
    reason = `jsdom ${version} is not ${SUPPORTED_JSDOM_MAJOR}.x`;
  } else if (require.cache[windowModule]) {
    reason = 'jsdom was loaded before the environment';
  }
  if (reason) {
    // eslint-disable-next-line no-console
    console.warn(
      `stewardship's Jest environment: jsdom's style rules are not indexed (${reason}): ` +
        'tests run, slower. See plugins/stewardship/jest/indexStyleRules.js.',
    );
    return undefined;
  }
  return indexStyleRules(jsdomDir);
}

module.exports = {
  indexStyleRules,
  indexStyleRulesOfJsdom,
  selectorConstraints,
};
