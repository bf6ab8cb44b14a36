/*
 * YAML that every parser accepts, whatever text it carries. A YAML stream may only contain
 * printable characters, but the `yaml` library writes C1 controls, DEL, U+2028/U+2029 and BOMs
 * as they are, even inside double quotes (it escapes only what JSON.stringify escapes), and no
 * option changes that. So every string holding one is written double-quoted, and each such
 * character, which can then only stand inside those quotes, is replaced by its YAML escape.
 * SLOs validated today cannot hold control characters, but older rows may.
 */
import { Document, Scalar, Schema, visit } from 'yaml';
import { IMPORT_YAML_SCHEMA } from './readYamlDocuments';

// Characters YAML cannot print as they are (YAML 1.2 §5.1), plus those YAML 1.1 reads as line
// breaks (U+0085, U+2028, U+2029). Tab and line feed are printable; the library escapes CR.
const UNPRINTABLE =
  // eslint-disable-next-line no-control-regex -- matching them is the point
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/;
const UNPRINTABLE_GLOBAL = new RegExp(UNPRINTABLE.source, 'g');

const NAMED_ESCAPES: Record<string, string> = {
  '\u0085': '\\N',
  '\u2028': '\\L',
  '\u2029': '\\P',
};

// The plain scalars the importer's schema resolves to something other than a string: null, bool,
// int (including `0o17` and `0x1F`, which YAML 1.1 reads as strings), float.
const IMPORT_IMPLICIT_TAGS = new Schema({ schema: IMPORT_YAML_SCHEMA }).tags
  .filter(tag => tag.default === true && 'test' in tag && tag.test)
  .map(tag => (tag as { test: RegExp }).test);

/** Whether the importer would read `text`, written plain, as something other than a string. */
function importReadsAsNonString(text: string): boolean {
  return IMPORT_IMPLICIT_TAGS.some(test => test.test(text));
}

function escape(character: string): string {
  const code = character.charCodeAt(0);
  return (
    NAMED_ESCAPES[character] ??
    (code < 0x100
      ? `\\x${code.toString(16).padStart(2, '0')}`
      : `\\u${code.toString(16).padStart(4, '0')}`)
  );
}

/**
 * `stringify(value, { lineWidth: 0 })`, escaping every character YAML cannot print, and quoting
 * every string a YAML 1.1 reader or the importer (YAML 1.2 core, IMPORT_YAML_SCHEMA) would take
 * for something else. OpenSLO tools often read YAML 1.1 (PyYAML, Go's yaml.v2 and
 * sigs.k8s.io/yaml): unquoted, a label `yes`, `on` or `2020-01-01` would reach them as a boolean
 * or a date, and a key `<<` as a merge. Writing with the 1.1 schema quotes those; the strings only
 * the 1.2 core schema reads as numbers (`0o17`) are quoted by checking them against the importer's
 * own schema. Quoted, every string reads back as written in both.
 */
export function stringifyPrintableYaml(value: unknown): string {
  const document = new Document(value, { version: '1.1' });
  let quoted = false;
  visit(document, {
    Scalar(_key, node: Scalar) {
      if (typeof node.value !== 'string') return;
      if (UNPRINTABLE.test(node.value)) {
        node.type = Scalar.QUOTE_DOUBLE;
        quoted = true;
      } else if (importReadsAsNonString(node.value)) {
        node.type = Scalar.QUOTE_DOUBLE;
      } else if (node.value === '<<') {
        // The 1.1 schema writes its merge key plain whatever the type: only a tag says string.
        node.tag = 'tag:yaml.org,2002:str';
        node.type = Scalar.QUOTE_DOUBLE;
      }
    },
  });
  const text = document.toString({ lineWidth: 0 });
  return quoted ? text.replace(UNPRINTABLE_GLOBAL, escape) : text;
}
