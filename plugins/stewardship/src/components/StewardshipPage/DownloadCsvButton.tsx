import { errorApiRef, useApi } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import GetAppIcon from '@material-ui/icons/GetApp';
import { ScorecardFilter } from '@stewardship/backstage-plugin-stewardship-common';
import { useState } from 'react';
import { stewardshipApiRef } from '../../api';
import { downloadText } from '../downloadText';

/**
 * Saves the failing entities as CSV. A plain link cannot carry the Backstage
 * token, so the file is fetched through fetchApi and handed to the browser
 * as a Blob URL.
 */
export function DownloadCsvButton(props: { filter: ScorecardFilter }) {
  const api = useApi(stewardshipApiRef);
  const errorApi = useApi(errorApiRef);
  const [busy, setBusy] = useState(false);

  const download = async () => {
    setBusy(true);
    try {
      const csv = await api.getOwnershipScorecardCsv(props.filter);
      const day = new Date().toISOString().slice(0, 10);
      downloadText(csv, `ownership-failing-entities-${day}.csv`, 'text/csv');
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
      Download CSV
    </Button>
  );
}
