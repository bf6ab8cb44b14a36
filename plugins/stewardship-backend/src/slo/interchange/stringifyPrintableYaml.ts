/*
 * YAML that every parser accepts, whatever text it carries. A YAML stream may only contain
 * printable characters, but the `yaml` library writes C1 controls, DEL, U+2028/U+2029 and BOMs
 * as they are, even inside double quotes (it escapes only what JSON.stringify escapes), and no
 * option changes that. So every string holding one is written double-quoted, and each such
 * character, which can then only stand inside those quotes, is replaced by its YAML escape.
 * SLOs validated today cannot hold control characters, but older rows may.
 */
import { Document, Scalar, visit } from 'yaml';

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
 * every string a YAML 1.1 reader would take for something else. OpenSLO tools often read YAML 1.1
 * (PyYAML, Go's yaml.v2 and sigs.k8s.io/yaml): unquoted, a label `yes`, `on` or `2020-01-01`
 * would reach them as a boolean or a date, and a key `<<` as a merge. Writing with the 1.1
 * schema quotes those; YAML 1.2 readers (the importer among them) read the quoted strings alike.
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
