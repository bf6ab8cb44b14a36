import { errorApiRef, useApi } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import GetAppIcon from '@material-ui/icons/GetApp';
import { ScorecardFilter } from '@stewardship/backstage-plugin-stewardship-common';
import { useState } from 'react';
import { stewardshipApiRef } from '../../api';

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
      const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = `ownership-failing-entities-${new Date()
        .toISOString()
        .slice(0, 10)}.csv`;
      document.body.appendChild(link);
      link.click();
      link.remove();
      URL.revokeObjectURL(url);
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
