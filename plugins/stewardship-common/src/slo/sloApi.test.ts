import { isSnapshotTooOld, snapshotTooOldFrom } from './sloApi';

describe('isSnapshotTooOld', () => {
  const at = new Date('2026-12-07T12:10:00.000Z');
  const tenMinutes = 10 * 60_000;

  it('is too old only when older than the staleness, not as old as', () => {
    expect(isSnapshotTooOld('2026-12-07T12:00:00.000Z', at, tenMinutes)).toBe(
      false,
    );
    expect(isSnapshotTooOld('2026-12-07T11:59:59.999Z', at, tenMinutes)).toBe(
      true,
    );
  });

  it('never calls a snapshot taken after the moment asked about too old', () => {
    expect(isSnapshotTooOld('2026-12-07T12:30:00.000Z', at, tenMinutes)).toBe(
      false,
    );
  });
});

describe('snapshotTooOldFrom', () => {
  it('is the first millisecond at which isSnapshotTooOld holds', () => {
    const snapshotAt = '2026-12-07T12:00:00.000Z';
    const tenMinutes = 10 * 60_000;
    const from = snapshotTooOldFrom(snapshotAt, tenMinutes);
    expect(from.toISOString()).toBe('2026-12-07T12:10:00.001Z');
    expect(isSnapshotTooOld(snapshotAt, from, tenMinutes)).toBe(true);
    expect(
      isSnapshotTooOld(snapshotAt, new Date(from.getTime() - 1), tenMinutes),
    ).toBe(false);
  });
});
