export { importSloDocuments, readSloDocuments } from './importSloDocuments';
export { assertImportNamesFree } from './importNamesFree';
export type {
  ImportOptions,
  ImportProblem,
  ImportSloDocumentsResult,
} from './importSloDocuments';
export { documentName } from './SpecDraft';
export { IMPORT_LIMITS } from './scanYamlLimits';
export { exportOpenSlo } from './exportOpenSlo';
export type { ExportOpenSloOptions } from './exportOpenSlo';
