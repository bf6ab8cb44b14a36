import { errorApiRef, useApi } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import GetAppIcon from '@material-ui/icons/GetApp';
import { useState } from 'react';
import { downloadText } from '../downloadText';

/**
 * Saves CSV text that `load` fetches as `<fileStem>-<YYYY-MM-DD>.csv`. A plain link cannot carry
 * the Backstage token, so the file is fetched through fetchApi (in `load`) and handed to the
 * browser as a Blob URL.
 */
export function DownloadCsvButton(props: {
  load: () => Promise<string>;
  fileStem: string;
  label?: string;
}) {
  const errorApi = useApi(errorApiRef);
  const [busy, setBusy] = useState(false);

  const download = async () => {
    setBusy(true);
    try {
      const csv = await props.load();
      const day = new Date().toISOString().slice(0, 10);
      downloadText(csv, `${props.fileStem}-${day}.csv`, 'text/csv');
    } catch (e) {
      errorApi.post(e instanceof Error ? e : new Error(String(e)));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Button
      variant="outlined"
      color="primary"
      startIcon={<GetAppIcon />}
      disabled={busy}
      onClick={download}
    >
      {props.label ?? 'Download CSV'}
    </Button>
  );
}
