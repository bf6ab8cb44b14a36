import { errorApiRef, useApi } from '@backstage/core-plugin-api';
import GetAppIcon from '@material-ui/icons/GetApp';
import { useState } from 'react';
import { BusyButton } from '../BusyButton';
import { downloadText } from '../downloadText';
import { errorMessage } from '../responseErrors';
import { useSaidDownloads } from '../useSaidDownloads';

/**
 * Saves CSV text that `load` fetches as `<fileStem>-<YYYY-MM-DD>.csv`. A plain link cannot carry
 * the Backstage token, so the file is fetched through fetchApi (in `load`) and handed to the
 * browser as a Blob URL. While it loads the button stays focused (BusyButton), so a keyboard user
 * who pressed it is not sent back to the top of the page.
 */
export function DownloadCsvButton(props: {
  load: () => Promise<string>;
  fileStem: string;
  label?: string;
}) {
  const errorApi = useApi(errorApiRef);
  const [busy, setBusy] = useState(false);
  const { announcement, saved } = useSaidDownloads();

  const download = async () => {
    setBusy(true);
    try {
      const csv = await props.load();
      const day = new Date().toISOString().slice(0, 10);
      const fileName = `${props.fileStem}-${day}.csv`;
      downloadText(csv, fileName, 'text/csv');
      saved(fileName);
    } catch (e) {
      // Said with what failed: the snackbar alone shows only the message.
      errorApi.post(
        new Error(`Could not download the CSV: ${errorMessage(e)}`),
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <BusyButton
        variant="outlined"
        color="primary"
        startIcon={<GetAppIcon />}
        busy={busy}
        onClick={download}
      >
        {props.label ?? 'Download CSV'}
      </BusyButton>
      {announcement}
    </>
  );
}
