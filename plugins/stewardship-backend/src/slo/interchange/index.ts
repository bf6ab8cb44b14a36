export { importSloDocuments } from './importSloDocuments';
export type {
  ImportOptions,
  ImportProblem,
  ImportSloDocumentsResult,
} from './importSloDocuments';
export { exportOpenSlo } from './exportOpenSlo';
export type { ExportOpenSloOptions } from './exportOpenSlo';
