import { createShownReader } from './shownReader';
import { setPageVisibility } from '../__testUtils__/pageVisibility';

describe('createShownReader', () => {
  afterEach(() => setPageVisibility('visible'));

  it('reads at once on a page that is shown', () => {
    const read = jest.fn();
    const reader = createShownReader(read);
    reader.request();
    reader.request();
    expect(read).toHaveBeenCalledTimes(2);
    reader.dispose();
  });

  it('in a background tab, reads once when shown again, however many requests came', () => {
    const read = jest.fn();
    const reader = createShownReader(read);
    setPageVisibility('hidden');
    reader.request();
    reader.request();
    expect(read).not.toHaveBeenCalled();
    setPageVisibility('visible');
    expect(read).toHaveBeenCalledTimes(1);
    // Shown again with nothing asked meanwhile: nothing to read.
    setPageVisibility('hidden');
    setPageVisibility('visible');
    expect(read).toHaveBeenCalledTimes(1);
    reader.dispose();
  });

  it('drops a read still due once disposed', () => {
    const read = jest.fn();
    const reader = createShownReader(read);
    setPageVisibility('hidden');
    reader.request();
    reader.dispose();
    setPageVisibility('visible');
    expect(read).not.toHaveBeenCalled();
  });
});
