/**
 * Records what `downloadText` hands the browser: each saved file as `<name> <- <url>` and each
 * Blob it was made from. Restore with `jest.restoreAllMocks()`.
 */
export function captureDownloads(): { saved: string[]; blobs: Blob[] } {
  const saved: string[] = [];
  const blobs: Blob[] = [];
  Object.assign(URL, {
    createObjectURL: jest.fn((blob: Blob) => {
      blobs.push(blob);
      return 'blob:csv';
    }),
    revokeObjectURL: jest.fn(),
  });
  jest
    .spyOn(HTMLAnchorElement.prototype, 'click')
    .mockImplementation(function record(this: HTMLAnchorElement) {
      saved.push(`${this.download} <- ${this.href}`);
    });
  return { saved, blobs };
}
