export { SloEditor } from './SloEditor';
export type { SloEditorProps } from './SloEditor';
export { SloImportDialog } from './SloImportDialog';
export type { SloImportDialogProps } from './SloImportDialog';
export { ExportOpenSloButton } from './ExportOpenSloButton';
