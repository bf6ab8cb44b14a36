export { importSloDocuments } from './importSloDocuments';
export type {
  ImportOptions,
  ImportProblem,
  ImportSloDocumentsResult,
} from './importSloDocuments';
export { IMPORT_LIMITS } from './scanYamlLimits';
export { exportOpenSlo } from './exportOpenSlo';
export type { ExportOpenSloOptions } from './exportOpenSlo';
