import { RoleEvaluation } from '@stewardship/backstage-plugin-stewardship-common';

/**
 * The catalog-info.yaml lines that declare a role, ready to paste. A group
 * placeholder is suggested when the current value already names a group.
 */
export function annotationSnippet(evaluation: RoleEvaluation): string {
  const kind = evaluation.value?.trim().startsWith('group:') ? 'group' : 'user';
  return [
    'metadata:',
    '  annotations:',
    `    ${evaluation.annotation}: ${kind}:default/<name>`,
  ].join('\n');
}
