import { useCallback, useState } from 'react';
import { ChangeAnnouncement } from './ChangeAnnouncement';
import { Said } from './useSayAfterChange';

/**
 * A download button's status line: the browser saves a file without a word a screen reader hears
 * (Chromium's download bubble is not announced), so a keyboard user who pressed Download could not
 * tell it worked. `saved(fileName)` says "Downloading <fileName>." in a visually hidden polite
 * status ({@link ChangeAnnouncement}); not "saved": a browser that asks where to save may still be
 * cancelled. Each download is a new node, so a second one is heard too.
 */
export function useSaidDownloads(): {
  announcement: JSX.Element;
  saved: (fileName: string) => void;
} {
  const [said, setSaid] = useState<Said>({ text: '', n: 0 });
  const saved = useCallback(
    (fileName: string) =>
      setSaid(last => ({
        text: `Downloading ${fileName}.`,
        n: last.n + 1,
      })),
    [],
  );
  return { announcement: <ChangeAnnouncement said={said} />, saved };
}
